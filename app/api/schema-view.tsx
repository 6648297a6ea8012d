/**
 * JSON Schema (as the OpenAPI document holds it) rendered as tables of
 * fields, for the API page: type in words, whether it can be null, the
 * description; nested objects get their own rows with a dotted path.
 */
export type JsonSchema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  $ref?: string;
  minimum?: number;
  maximum?: number;
};

const refName = (ref: string) => ref.split("/").pop() ?? ref;

/** Without `null` in a union: whether null is allowed and the other branch. */
function withoutNull(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const rest = branches.filter((b) => b.type !== "null");
    if (rest.length === 1 && rest.length < branches.length) return { schema: { ...rest[0], description: schema.description ?? rest[0]?.description }, nullable: true };
  }
  if (Array.isArray(schema.type) && schema.type.includes("null")) {
    const types = schema.type.filter((t) => t !== "null");
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  return { schema, nullable: false };
}

export function schemaTypeLabel(input: JsonSchema): string {
  const { schema, nullable } = withoutNull(input);
  let label: string;
  if (schema.$ref) label = refName(schema.$ref);
  else if (schema.enum) label = `uno tra ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  else if (schema.const !== undefined) label = JSON.stringify(schema.const);
  else if (schema.anyOf ?? schema.oneOf) label = (schema.anyOf ?? schema.oneOf ?? []).map(schemaTypeLabel).join(" oppure ");
  else if (schema.type === "array") label = `elenco di ${schema.items ? schemaTypeLabel(schema.items) : "valori"}`;
  else if (schema.type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object" && !schema.properties)
    label = `oggetto con valori ${schemaTypeLabel(schema.additionalProperties)}`;
  else label = [schema.type, schema.format].filter(Boolean).join(" ");
  if (schema.pattern) label += ` (forma ${schema.pattern})`;
  return nullable ? `${label} oppure null` : label;
}

interface Row {
  path: string;
  schema: JsonSchema;
  required: boolean;
}

function rows(schema: JsonSchema, prefix = ""): Row[] {
  const { schema: bare } = withoutNull(schema);
  const target = bare.type === "array" && bare.items && !bare.items.$ref ? withoutNull(bare.items).schema : bare;
  const suffix = target === bare ? "" : "[]";
  return Object.entries(target.properties ?? {}).flatMap(([name, child]) => {
    const path = `${prefix}${suffix}${prefix || suffix ? "." : ""}${name}`;
    const own = { path, schema: child, required: target.required?.includes(name) ?? false };
    const { schema: inner } = withoutNull(child);
    const nested = inner.properties || (inner.type === "array" && inner.items?.properties) ? rows(child, path) : [];
    return [own, ...nested];
  });
}

export function SchemaTable({ id, schema }: { id: string; schema: JsonSchema }) {
  const fields = rows(schema);
  return (
    <div className="mb-4">
      <h3 id={`schema-${id}`} className="h5">
        {id}
      </h3>
      {schema.description && <p>{schema.description}</p>}
      {fields.length > 0 && (
        <div className="table-responsive" tabIndex={0} role="region" aria-label={`Campi di ${id}, scorrevole`}>
          <table className="table table-sm">
            <caption className="visually-hidden">Campi di {id}</caption>
            <thead>
              <tr>
                <th scope="col">Campo</th>
                <th scope="col">Tipo</th>
                <th scope="col">Sempre presente</th>
                <th scope="col">Descrizione</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => {
                const type = schemaTypeLabel(f.schema);
                const ref = withoutNull(f.schema).schema.$ref ?? withoutNull(f.schema).schema.items?.$ref;
                return (
                  <tr key={f.path}>
                    <th scope="row">
                      <code>{f.path}</code>
                    </th>
                    <td>{ref ? <a href={`#schema-${refName(ref)}`}>{type}</a> : type}</td>
                    <td>{f.required ? "sì" : "no"}</td>
                    <td>{f.schema.description ?? withoutNull(f.schema).schema.description ?? ""}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

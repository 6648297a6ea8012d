import { z } from "zod";
import { ProblemSchema } from "@/lib/api/problem";
import { PROBLEM_KINDS, PROBLEM_TITLES_IT, type ProblemKind } from "@/lib/errors";
import { DEFAULT_LIMIT, MAX_LIMIT } from "@/lib/api/pagination";
import { READ_CACHE_CONTROL } from "@/lib/api/respond";
import { OPERATIONS, type Operation } from "./operations";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the
 * handlers parse and answer with (z.toJSONSchema, JSON Schema 2020-12 as
 * OpenAPI 3.1 uses). Served at /api/v1/openapi.json, rendered at /api,
 * linted in CI by Spectral (npm run lint:api).
 */
export const API_VERSION = "1.6.0";
/** Stable identifier of this API for catalogues (ModI x-api-id): never changes, whatever the title. */
export const API_ID = "5b0d7a8e-3f2c-4d61-9a47-0c8e2b6f1d93";

type JsonSchema = Record<string, unknown>;

/** Every number gets a `format` (ModI RAC_REST_FORMAT_004): int32 when its bounds fit, else int64; decimals are double. */
function addNumberFormat(schema: JsonSchema): void {
  if (schema.format) return;
  if (schema.type === "integer") {
    const min = typeof schema.minimum === "number" ? schema.minimum : -Infinity;
    const max = typeof schema.maximum === "number" ? schema.maximum : Infinity;
    schema.format = min >= -(2 ** 31) && max <= 2 ** 31 - 1 ? "int32" : "int64";
  } else if (schema.type === "number") {
    schema.format = "double";
  }
}

const COMPONENT_REF = (id: string) => `#/components/schemas/${id}`;

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: (ctx) => addNumberFormat(ctx.jsonSchema as JsonSchema),
    target: "draft-2020-12",
    reused: "inline",
  }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** The schemas that have an id (`.meta({ id })`) become components and are referenced by $ref. */
function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.toJSONSchema(z.globalRegistry, {
    io: "output",
    unrepresentable: "any",
    override: (ctx) => addNumberFormat(ctx.jsonSchema as JsonSchema),
    uri: COMPONENT_REF,
    target: "draft-2020-12",
  }) as { schemas: Record<string, JsonSchema> };
  for (const schema of Object.values(registry.schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return registry.schemas;
}

/** A response schema: a $ref when the schema is a component. */
function responseSchema(schema: z.ZodType): JsonSchema {
  const id = z.globalRegistry.get(schema)?.id;
  return id ? { $ref: COMPONENT_REF(id) } : toSchema(schema, "output");
}

/** A JSON request body's schema: a $ref to its component (request schemas have no defaults, so input and output agree). */
function requestSchema(schema: z.ZodType): JsonSchema {
  return responseSchema(schema);
}

function parameters(op: Operation): JsonSchema[] {
  const of = (where: "path" | "query" | "header", object: z.ZodObject | undefined) =>
    Object.entries(object?.shape ?? {}).map(([name, field]) => {
      const schema = toSchema(field as z.ZodType, "input");
      const description = (schema.description as string | undefined) ?? z.globalRegistry.get(field as z.ZodType)?.description ?? name;
      delete schema.description;
      const repeated = schema["x-repeated"] === true;
      delete schema["x-repeated"];
      const optional = where !== "path" && (field as z.ZodType).safeParse(undefined).success;
      return {
        name,
        in: where,
        required: !optional,
        description,
        schema,
        // A list is comma-separated, unless its values may hold commas (x-repeated): then the parameter is repeated.
        ...(schema.type === "array" ? { style: "form", explode: repeated } : {}),
      };
    });
  return [...of("path", op.pathParams), ...of("query", op.query), ...of("header", op.headers)];
}

const RATE_LIMIT_HEADERS = {
  "RateLimit-Limit": { $ref: "#/components/headers/RateLimit-Limit" },
  "RateLimit-Remaining": { $ref: "#/components/headers/RateLimit-Remaining" },
  "RateLimit-Reset": { $ref: "#/components/headers/RateLimit-Reset" },
};

const PROBLEM_RESPONSES: Record<number, ProblemKind> = Object.fromEntries(
  (Object.entries(PROBLEM_KINDS) as [ProblemKind, number][]).map(([kind, status]) => [status, kind]),
);

function problemResponse(status: number): JsonSchema {
  const kind = PROBLEM_RESPONSES[status];
  if (!kind) throw new Error(`Nessun tipo di problema per lo stato ${status}`);
  return {
    description: PROBLEM_TITLES_IT[kind],
    headers: status === 429 ? { "Retry-After": { $ref: "#/components/headers/Retry-After" }, ...RATE_LIMIT_HEADERS } : RATE_LIMIT_HEADERS,
    content: { "application/problem+json": { schema: { $ref: COMPONENT_REF("Problem") } } },
  };
}

function operation(op: Operation): JsonSchema {
  const success =
    "schema" in op.response
      ? { [op.response.mediaType ?? "application/json"]: { schema: responseSchema(op.response.schema) } }
      : "lineSchema" in op.response
        ? // Each line of the body is one such object (OpenAPI 3.1 has no item schema for streams).
          { [op.response.mediaType]: { schema: responseSchema(op.response.lineSchema), example: op.response.example } }
        : { [op.response.mediaType]: { schema: { type: "string", maxLength: 1_000_000_000 }, example: op.response.example } };
  const responses: Record<string, unknown> = {
    "200": {
      description: op.response.description,
      headers: {
        ...RATE_LIMIT_HEADERS,
        ...(op.cacheable ? { ETag: { $ref: "#/components/headers/ETag" } } : {}),
        "Cache-Control": { $ref: op.cacheable ? "#/components/headers/Cache-Control-Read" : "#/components/headers/Cache-Control-NoStore" },
      },
      content: success,
    },
  };
  if (op.cacheable) responses["304"] = { description: "Non modificato: l'ETag di If-None-Match è ancora quello attuale.", headers: { ...RATE_LIMIT_HEADERS, ETag: { $ref: "#/components/headers/ETag" } } };
  for (const status of [...op.problems, ...(op.public ? [] : [401]), 429, 500].sort((a, b) => a - b)) responses[String(status)] = { $ref: `#/components/responses/Problem${status}` };
  const ifNoneMatch = op.cacheable ? [{ $ref: "#/components/parameters/If-None-Match" }] : [];
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: op.description,
    parameters: [...parameters(op), ...ifNoneMatch],
    ...(op.body
      ? op.body.schema
        ? { requestBody: { required: true, description: op.body.description, content: { [op.body.mediaType]: { schema: requestSchema(op.body.schema) } } } }
        : { requestBody: { required: false, description: op.body.description, content: { [op.body.mediaType]: { schema: { type: "string", format: "binary", maxLength: 2_147_483_647 } } } } }
      : {}),
    responses,
    ...(op.public ? { security: [] } : {}),
  };
}

export interface OpenApiOptions {
  /** Public address of the installation, when known (BETTER_AUTH_URL). */
  serverUrl?: string | undefined;
}

export function openApiDocument(options: OpenApiOptions = {}): JsonSchema {
  const server = options.serverUrl?.replace(/\/+$/, "") ?? "http://localhost:3000";
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op);
  const problemStatuses = [...new Set(OPERATIONS.flatMap((op) => [...op.problems, 401, 429, 500]))].sort((a, b) => a - b);
  const intHeader = (description: string) => ({ description, schema: { type: "integer", format: "int32", minimum: 0, maximum: 2_147_483_647 } });
  return {
    openapi: "3.1.0",
    info: {
      title: "Osservatorio – API JSON",
      version: API_VERSION,
      summary: "Indicatori sociali, fragilità e caricamenti delle zone sociali, come li mostrano le pagine.",
      "x-summary": "Indicatori sociali, fragilità e caricamenti delle zone sociali, come li mostrano le pagine.",
      "x-api-id": API_ID,
      description: [
        "API in sola lettura (tranne i caricamenti) dell'Osservatorio dell'Ufficio di Piano, secondo le linee guida di interoperabilità AgID (ModI).",
        "",
        "- Autenticazione: token API (`Authorization: Bearer osv_…`, creato dall'amministratore) o sessione di un utente (cookie). Ognuno vede solo le sue zone.",
        "- Errori in `application/problem+json` (RFC 9457) con `title` e `detail` in italiano: 400 parametro malformato, 401 senza credenziali, 403 senza permesso, 404 sconosciuto o non visibile, 409 conflitto, 422 richiesta non elaborabile, 429 troppe richieste (`Retry-After`).",
        `- Elenchi come \`{"items": [...], "next": …}\`: \`next\` è l'indirizzo della pagina successiva (\`limit\` predefinito ${DEFAULT_LIMIT}, massimo ${MAX_LIMIT}; \`cursor\` opaco), null sull'ultima.`,
        "- Letture con `ETag` e `Cache-Control`; `If-None-Match` → 304.",
        "- Limite di richieste per token, sessione o indirizzo: intestazioni `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` su ogni risposta.",
        "- Codici ISTAT sempre stringhe di 6 caratteri.",
      ].join("\n"),
      // The installation answers for its own data: contact and terms are sections of its /api page.
      contact: { name: "Ufficio di Piano che gestisce questa installazione", url: `${server}/api#contatti` },
      termsOfService: `${server}/api#condizioni-d-uso`,
      license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
    },
    servers: [
      {
        url: "{indirizzo}",
        description: "L'installazione dell'Osservatorio (indirizzo pubblico configurato in BETTER_AUTH_URL).",
        variables: { indirizzo: { default: server, description: "Indirizzo dell'installazione, senza barra finale." } },
      },
    ],
    tags: [
      { name: "Zone", description: "Le zone sociali." },
      { name: "Comuni", description: "I comuni e i loro profili." },
      { name: "Valori", description: "Valori degli indicatori e indici." },
      { name: "Piano", description: "Piano sociale di zona e LEPS." },
      { name: "Servizi", description: "Servizi della zona: catalogo, qualità rispetto alla carta dei servizi, personale." },
      { name: "Caricamenti", description: "Importazioni di dati." },
      { name: "Dati aperti", description: "Il catalogo DCAT-AP_IT e le tabelle pubblicate: pubblici, senza credenziali." },
      { name: "Documentazione", description: "La descrizione di questa API." },
    ],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    paths,
    components: {
      schemas: componentSchemas(),
      responses: Object.fromEntries(problemStatuses.map((status) => [`Problem${status}`, problemResponse(status)])),
      parameters: {
        "If-None-Match": { name: "If-None-Match", in: "header", required: false, description: "ETag di una risposta precedente: se è ancora attuale la risposta è 304 senza corpo.", schema: { type: "string", maxLength: 256 } },
      },
      headers: {
        "RateLimit-Limit": intHeader("Richieste ammesse nella finestra corrente."),
        "RateLimit-Remaining": intHeader("Richieste rimaste nella finestra corrente."),
        "RateLimit-Reset": intHeader("Secondi alla fine della finestra corrente."),
        "Retry-After": intHeader("Secondi da attendere prima di riprovare."),
        ETag: { description: "Identificativo della versione della risposta, da rimandare in If-None-Match.", schema: { type: "string", maxLength: 64 } },
        "Cache-Control-Read": { description: `\`${READ_CACHE_CONTROL}\`: private (dati per utente) e no-cache (da riconvalidare con l'ETag, un caricamento li può cambiare).`, schema: { type: "string", maxLength: 64 } },
        "Cache-Control-NoStore": { description: "`no-store` o `private, max-age=3600` (modelli): le scritture non si conservano.", schema: { type: "string", maxLength: 64 } },
      },
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "Token API di sola lettura (osv_…), creato dall'amministratore in /admin/token." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "osservatorio.session_token", description: "Cookie di sessione di un utente che ha fatto l'accesso (su HTTPS con prefisso __Secure-)." },
      },
    },
  };
}

/** The problem schema, re-exported so that tests validate error bodies against the same one the document names. */
export { ProblemSchema };

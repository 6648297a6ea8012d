import { z } from "zod";

/**
 * A validator for the JSON answer of one operation, read from the OpenAPI
 * document itself (not from the zod schemas it was generated from): the
 * document's schema with its component references turned into $defs, as
 * JSON Schema 2020-12 resolves them, converted by z.fromJSONSchema. A
 * response that does not match what the published document promises fails,
 * even if the generator and the handler agreed on something else.
 */
type Json = Record<string, unknown>;

export function documentResponseSchema(document: Json, path: string, method: string, status = "200"): z.ZodType {
  const paths = document.paths as Record<string, Record<string, Json>>;
  const responses = paths[path]?.[method]?.responses as Record<string, Json> | undefined;
  const content = responses?.[status]?.content as Record<string, { schema?: Json }> | undefined;
  const schema = (content?.["application/json"] ?? content?.["application/ld+json"])?.schema;
  if (!schema) throw new Error(`Nessuno schema JSON per ${method.toUpperCase()} ${path} ${status}`);
  const components = ((document.components as Json | undefined)?.schemas ?? {}) as Json;
  const asDefs = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/'));
  return z.fromJSONSchema({ ...(asDefs(schema) as Json), $defs: asDefs(components) as Record<string, Json> }, { defaultTarget: "draft-2020-12" });
}

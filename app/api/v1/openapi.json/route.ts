import { env } from "@/lib/env";
import { handleApi, jsonRead } from "@/lib/api/respond";
import { openApiDocument } from "../_contract/openapi";

/**
 * GET /api/v1/openapi.json → the OpenAPI 3.1 document of this API, generated
 * from the schemas the handlers use. Public: it describes the interface, no data.
 */
export function GET(request: Request) {
  return handleApi(request, () => {
    const document = openApiDocument({ serverUrl: env().BETTER_AUTH_URL ?? new URL(request.url).origin });
    return Promise.resolve(jsonRead(request, document, { "access-control-allow-origin": "*" }));
  });
}

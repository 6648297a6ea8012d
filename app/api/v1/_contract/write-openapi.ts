import fs from "node:fs";
import path from "node:path";
import { openApiDocument } from "./openapi";

/**
 * Writes the OpenAPI document of /api/v1 to a file, for Spectral in CI
 * (npm run lint:api) and for anyone who wants it without a running server.
 */
const HELP = `Uso: npm run openapi -- [FILE] [--server URL]

Scrive il documento OpenAPI 3.1 dell'API /api/v1 (lo stesso servito da
/api/v1/openapi.json) in FILE (predefinito: .openapi/openapi.json).
  --server URL   indirizzo pubblico dell'installazione (predefinito http://localhost:3000)
`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(HELP);
  process.exit(0);
}
const serverAt = args.indexOf("--server");
const serverUrl = serverAt >= 0 ? args[serverAt + 1] : undefined;
if (serverAt >= 0 && !serverUrl?.match(/^https?:\/\//)) {
  process.stderr.write("--server richiede un indirizzo http:// o https://\n\n" + HELP);
  process.exit(2);
}
const file = args.find((a, i) => !a.startsWith("--") && (serverAt < 0 || i !== serverAt + 1)) ?? ".openapi/openapi.json";
fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
fs.writeFileSync(file, JSON.stringify(openApiDocument({ serverUrl }), null, 2) + "\n");
process.stdout.write(`Documento OpenAPI scritto in ${file}\n`);

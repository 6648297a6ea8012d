/**
 * Publishes the demo's report editions (db/demo/generate/report-edition.ts)
 * on the database of OSSERVATORIO_DATA_DIR or DATABASE_URL. Run by
 * `npm run demo` after loading the demo data, under the react-server
 * condition (the report is composed by the server's query modules):
 * `npx tsx --conditions=react-server db/demo/publish-editions.ts`.
 */
import { env } from "@/lib/env";
import { openDatabase } from "../client";
import { DataDirLockedError } from "../lock";
import { publishDemoEditions } from "./generate/report-edition";

async function main() {
  const config = env();
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.OSSERVATORIO_DATA_DIR, holder: { command: "npm run demo (edizioni della relazione)" } });
  try {
    const published = await publishDemoEditions(handle.db);
    console.log(published > 0 ? `Relazione annuale 2025 pubblicata come edizione dimostrativa: ${published} zone.` : "Edizioni dimostrative della relazione già presenti.");
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof DataDirLockedError || error instanceof Error ? error.message : error);
  process.exit(1);
});

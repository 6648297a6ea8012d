/** npm run migrate: brings the database schema to the latest version. */
import { env } from "@/lib/env";
import { openDatabase } from "../client";
import { migrateToLatest } from "../migrate";

if (process.argv.includes("--help")) {
  console.log(`Uso: npm run migrate

Applica le migrazioni mancanti al database configurato (DATABASE_URL, oppure il
database integrato in OSSERVATORIO_DATA_DIR, predefinita ./data). Esce con 1 se
una migrazione non riesce; in quel caso lo schema resta com'era.`);
  process.exit(0);
}

try {
  const config = env();
  const handle = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.OSSERVATORIO_DATA_DIR,
    holder: { command: "npm run migrate" },
  });
  try {
    const applied = await migrateToLatest(handle.db);
    console.log(applied.length ? `Migrazioni applicate: ${applied.join(", ")}` : "Schema già aggiornato.");
  } finally {
    await handle.close();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

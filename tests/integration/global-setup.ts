import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase } from "@/db/client";
import { migrateToLatest } from "@/db/migrate";
import { loadReferenceData } from "@/db/reference/load";
import { loadCatalog } from "@/db/catalog/load";
import { TEMPLATE_DUMP } from "@/tests/helpers/db";

/** Migrates each engine once per run and loads the reference data. */
export default async function setup(): Promise<void> {
  const embedded = await openDatabase({ memory: true });
  try {
    await migrateToLatest(embedded.db);
    await loadReferenceData(embedded.db);
    await embedded.db.transaction().execute((trx) => loadCatalog(trx));
    const dump = await embedded.pglite!.dumpDataDir("gzip");
    fs.mkdirSync(path.dirname(TEMPLATE_DUMP), { recursive: true });
    fs.writeFileSync(TEMPLATE_DUMP, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await embedded.close();
  }

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const server = await openDatabase({ url });
    try {
      // The test database is disposable: start from an empty schema every run.
      await sql`drop schema public cascade`.execute(server.db);
      await sql`create schema public`.execute(server.db);
      await migrateToLatest(server.db);
      await loadReferenceData(server.db);
      await server.db.transaction().execute((trx) => loadCatalog(trx));
    } finally {
      await server.close();
    }
  }
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { migrateToLatest } from "@/db/migrate";
import { DatabaseIntegrityError } from "@/db/integrity";

/** The start-up check refuses a damaged embedded database with an Italian message, instead of 500s later. */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function folderWith(setup: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<void>): Promise<{ dataDir: string; files: Record<string, string> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-integrity-"));
  dirs.push(dataDir);
  const handle = await openDatabase({ dataDir, holder: { command: "test" } });
  const files: Record<string, string> = {};
  try {
    await migrateToLatest(handle.db);
    await handle.db.insertInto("region").values({ code: "10", name: "Umbria" }).execute();
    await setup(handle.db);
    for (const rel of ["region", "region_pkey"]) {
      const r = await sql<{ p: string }>`select pg_relation_filepath(${rel}) as p`.execute(handle.db);
      files[rel] = path.join(dataDir, "pgdata", r.rows[0]?.p as string);
    }
  } finally {
    await handle.close();
  }
  return { dataDir, files };
}

async function openError(dataDir: string): Promise<DatabaseIntegrityError> {
  const error = await openDatabase({ dataDir, holder: { command: "test" } }).then(
    async (h) => {
      await h.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseIntegrityError);
  // The lock is released: the next attempt (after a restore) is not blocked.
  expect(fs.existsSync(path.join(dataDir, "osservatorio.lock"))).toBe(false);
  return error as DatabaseIntegrityError;
}

describe("integrity check at start-up", () => {
  it("opens an intact folder", async () => {
    const { dataDir } = await folderWith(() => Promise.resolve());
    const handle = await openDatabase({ dataDir, holder: { command: "test" } });
    await handle.close();
  });

  it("refuses a table whose file is missing, naming it", async () => {
    const { dataDir, files } = await folderWith(() => Promise.resolve());
    fs.rmSync(files.region as string);
    const error = await openError(dataDir);
    expect(error.message).toContain("la tabella region non si legge");
    expect(error.message).toContain("npm run restore");
  });

  it("refuses an index whose file is missing", async () => {
    const { dataDir, files } = await folderWith(() => Promise.resolve());
    fs.rmSync(files.region_pkey as string);
    expect((await openError(dataDir)).message).toContain("region_pkey");
  });

  it("refuses a folder PGlite cannot open", async () => {
    const { dataDir } = await folderWith(() => Promise.resolve());
    fs.writeFileSync(path.join(dataDir, "pgdata", "global", "pg_control"), Buffer.alloc(8192, 7));
    expect((await openError(dataDir)).message).toContain("il database integrato non si apre");
  });

  it("refuses migrations it does not know and applied migrations whose tables are missing", async () => {
    const { dataDir } = await folderWith(async (db) => {
      await sql`insert into kysely_migration (name, timestamp) values ('9999_dal_futuro', '2030-01-01')`.execute(db);
      await sql`drop table app_secret`.execute(db);
    });
    const error = await openError(dataDir);
    expect(error.message).toContain("migrazioni sconosciute: 9999_dal_futuro");
    expect(error.message).toContain("la migrazione 0004_app_secret risulta applicata ma la tabella app_secret non esiste");
  });
});

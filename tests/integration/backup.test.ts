import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { BackupError, countRows, dropAllTables, inspectBackup, restoreBackup, writeBackupFile } from "@/db/backup";
import { createUser, standaloneAuth } from "@/db/auth/users";
import { authSecret } from "@/db/auth/secret";
import { runImport } from "@/imports/run";
import { resetData, testEngines } from "@/tests/helpers/db";
import { INDICATORS as CATALOGUE } from "@/lib/catalog/indicators";

/**
 * Backup → wipe → restore on each engine gives the same rows in every table
 * and logins that work; a backup of the embedded database restores into
 * PostgreSQL; a backup taken while an import runs holds it whole or not at all.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-backup-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const backupPath = () => path.join(dir, `copia-${++n}.osvbak`);

const PASSWORD = "una-password-lunga-per-prova";
const COMUNI = ["055003", "055004", "055006", "055008", "055014", "055015", "055016", "055017", "055022", "055024", "055026", "055033"];

const INDICATORS = CATALOGUE.slice(0, 12).map((d) => d.code);

/** A long-format "valori" file of unique (indicator, comune, month) rows of Zona 11. */
function valoriFile(rows: number, seed: number): string {
  const lines = ["indicatore;comune;periodo;valore"];
  const perMonth = COMUNI.length * INDICATORS.length;
  for (let i = 0; i < rows; i++) {
    const comune = COMUNI[i % COMUNI.length];
    const indicator = INDICATORS[Math.floor(i / COMUNI.length) % INDICATORS.length];
    const m = Math.floor(i / perMonth);
    const month = String((m % 12) + 1).padStart(2, "0");
    lines.push(`${indicator};${comune};${month}/${1990 + Math.floor(m / 12)};${(i * 7 + seed) % 9973}`);
  }
  const file = path.join(dir, `valori-${rows}-${seed}.csv`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

async function importValori(handle: DatabaseHandle, file: string, onProgress?: (rows: number) => void) {
  return runImport(handle, { fileName: path.basename(file), filePath: file, kind: "valori", zoneCode: "UMB-11", dryRun: false, validOnly: false, acceptWarnings: true, userLabel: "test", onProgress });
}

async function canLogIn(handle: DatabaseHandle, email: string): Promise<boolean> {
  const auth = standaloneAuth(handle.db, await authSecret(handle.db, undefined, dir));
  const result = await auth.api.signInEmail({ body: { email, password: PASSWORD } }).catch(() => null);
  return Boolean(result?.token);
}

/** Every committed batch has exactly the rows it reports: no partial import survived. */
async function partialBatches(handle: DatabaseHandle): Promise<number[]> {
  const batches = await handle.db.selectFrom("import_batch").select(["id", "inserted", "updated"]).where("status", "=", "committed").where("kind", "=", "valori").execute();
  const bad: number[] = [];
  for (const b of batches) {
    const rows = await handle.db.selectFrom("observation").select((eb) => eb.fn.countAll().as("n")).where("batch_id", "=", b.id).executeTakeFirstOrThrow();
    if (Number(rows.n) !== b.inserted + b.updated) bad.push(Number(b.id));
  }
  return bad;
}

/** A fresh, empty database of the same engine. */
async function emptyLike(engine: ReturnType<typeof testEngines>[number], current: DatabaseHandle): Promise<DatabaseHandle> {
  if (engine.name === "PGlite") return openDatabase({ memory: true });
  await dropAllTables(current.db);
  return current;
}

describe.each(testEngines())("backup and restore on $name", (engine) => {
  let handle: DatabaseHandle;
  /** PostgreSQL: the shared test database as the other test files expect it, put back at the end. */
  let initial: string | null = null;
  beforeAll(async () => {
    handle = await engine.open();
    await resetData(handle.db);
    if (engine.name === "PostgreSQL") {
      initial = backupPath();
      await writeBackupFile(handle, initial);
    }
  });
  afterAll(async () => {
    if (initial) {
      await dropAllTables(handle.db);
      await restoreBackup(handle, initial);
    }
    await handle.close();
  });

  it("backup → wipe → restore gives identical row counts and working logins", async () => {
    const auth = standaloneAuth(handle.db, await authSecret(handle.db, undefined, dir));
    await createUser(handle.db, auth, { email: "ana@esempio.it", role: "analista", zones: ["UMB-11"], password: PASSWORD });
    expect((await importValori(handle, valoriFile(600, 1))).status).toBe("committed");
    const before = await countRows(handle.db);
    expect(before.observation).toBe(600);

    const file = backupPath();
    const written = await writeBackupFile(handle, file);
    expect(written.tables).toEqual(before);
    expect(fs.statSync(file).mode & 0o077).toBe(0);

    const target = await emptyLike(engine, handle);
    try {
      const result = await restoreBackup(target, file);
      expect(result.upgraded).toEqual([]);
      expect(await countRows(target.db)).toEqual(before);
      expect(await canLogIn(target, "ana@esempio.it")).toBe(true);
      // Identities continue after the restored rows: a new import gets a new batch.
      expect((await importValori(target, valoriFile(24, 2))).status).toBe("committed");
    } finally {
      if (target !== handle) await target.close();
    }
  });

  it("a backup taken while an import runs restores with the import whole or absent", async () => {
    await resetData(handle.db);
    const before = (await countRows(handle.db)).observation;
    const big = valoriFile(30_000, 3);
    const hot: { backup: Promise<unknown> | null } = { backup: null };
    const file = backupPath();
    const imported = importValori(handle, big, () => {
      hot.backup ??= writeBackupFile(handle, file);
    });
    const report = await imported;
    expect(report.status, JSON.stringify(report.fileErrors.concat(report.errors.slice(0, 3).map((e) => e.message)))).toBe("committed");
    expect(hot.backup).not.toBeNull();
    await hot.backup;
    const after = (await countRows(handle.db)).observation;

    const target = await emptyLike(engine, handle);
    try {
      await restoreBackup(target, file);
      const restored = (await countRows(target.db)).observation;
      expect([before, after]).toContain(restored);
      expect(await partialBatches(target)).toEqual([]);
    } finally {
      if (target !== handle) await target.close();
    }
  });

  it("a backup taken while the import is writing its rows ('applying') restores clean, without the import", async () => {
    await resetData(handle.db);
    const before = await handle.db.selectFrom("observation").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    const file = backupPath();
    let taken = false;
    // The write phase is short: try a few files until the copy lands inside it.
    for (let attempt = 0; attempt < 4 && !taken; attempt++) {
      const run = { done: false };
      const imported = importValori(handle, valoriFile(30_000, 10 + attempt)).finally(() => {
        run.done = true;
      });
      while (!run.done && !taken) {
        const writing = await handle.db.selectFrom("import_batch").select("id").where("status", "=", "applying").executeTakeFirst();
        if (writing) {
          await writeBackupFile(handle, file);
          taken = true;
        } else {
          await new Promise((r) => setTimeout(r, 5));
        }
      }
      expect((await imported).status).toBe("committed");
      if (!taken) await resetData(handle.db);
    }
    expect(taken, "the copy never landed while the import was writing").toBe(true);

    const target = await emptyLike(engine, handle);
    try {
      const result = await restoreBackup(target, file);
      expect(result.recovered).toHaveLength(1);
      expect(result.recovered[0]!.fileName).toMatch(/^valori-30000-/);
      const batches = await target.db.selectFrom("import_batch").select(["status"]).where("kind", "=", "valori").execute();
      expect(batches.map((b) => b.status)).toEqual(["failed"]);
      const restored = await target.db.selectFrom("observation").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
      expect(Number(restored.n)).toBe(Number(before.n));
      expect(await partialBatches(target)).toEqual([]);
      // The restored database takes the same file again, whole.
      expect((await importValori(target, valoriFile(30_000, 99))).status).toBe("committed");
    } finally {
      if (target !== handle) await target.close();
    }
  });

  it("refuses a truncated, altered or foreign file before writing anything", async () => {
    const file = backupPath();
    await writeBackupFile(handle, file);
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString("utf8");

    const truncated = path.join(dir, "troncato.gz");
    fs.writeFileSync(truncated, fs.readFileSync(file).subarray(0, Math.floor(fs.statSync(file).size / 2)));
    await expect(inspectBackup(truncated)).rejects.toThrow(BackupError);

    const altered = path.join(dir, "alterato.gz");
    fs.writeFileSync(altered, zlib.gzipSync(text.replace("Narni", "Narnia")));
    await expect(inspectBackup(altered)).rejects.toThrow(/codice di controllo/);

    const cut = path.join(dir, "senza-fine.gz");
    fs.writeFileSync(cut, zlib.gzipSync(text.slice(0, text.lastIndexOf('{"end"'))));
    await expect(inspectBackup(cut)).rejects.toThrow(/incompleto/);

    const foreign = path.join(dir, "altro.gz");
    fs.writeFileSync(foreign, zlib.gzipSync("id,nome\n1,prova\n"));
    await expect(inspectBackup(foreign)).rejects.toThrow(/non è un backup dell'Osservatorio/);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("from the embedded database to PostgreSQL", () => {
  it("a backup of PGlite restores into PostgreSQL with the same rows and logins", async () => {
    const [embedded, server] = testEngines() as [ReturnType<typeof testEngines>[number], ReturnType<typeof testEngines>[number]];
    const source = await embedded.open();
    const target = await server.open();
    const initial = backupPath();
    try {
      await writeBackupFile(target, initial);
      await resetData(source.db);
      const auth = standaloneAuth(source.db, await authSecret(source.db, undefined, dir));
      await createUser(source.db, auth, { email: "migra@esempio.it", role: "admin", password: PASSWORD });
      expect((await importValori(source, valoriFile(240, 4))).status).toBe("committed");
      const file = backupPath();
      await writeBackupFile(source, file);
      const expected = await countRows(source.db);

      await dropAllTables(target.db);
      await restoreBackup(target, file);
      expect(await countRows(target.db)).toEqual(expected);
      expect(await canLogIn(target, "migra@esempio.it")).toBe(true);
    } finally {
      await dropAllTables(target.db);
      await restoreBackup(target, initial);
      await source.close();
      await target.close();
    }
  });
});

describe("npm run backup / npm run restore", () => {
  const dataDir = path.join(dir, "dati");
  const run = (script: string, ...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", script, ...args], { encoding: "utf8", env: { ...process.env, OSSERVATORIO_DATA_DIR: dataDir, DATABASE_URL: "" } });

  it("explain themselves and back up, refuse to overwrite, restore with --sovrascrivi on the embedded database", async () => {
    expect(run("db/cli/backup.ts", "--help").stdout).toContain("npm run backup -- FILE");
    expect(run("db/cli/restore.ts", "--help").stdout).toContain("--sovrascrivi");
    expect(run("db/cli/backup.ts").status).toBe(2);

    const handle = await openDatabase({ dataDir, holder: { command: "test" } });
    try {
      const { migrateToLatest } = await import("@/db/migrate");
      await migrateToLatest(handle.db);
      await handle.db.insertInto("region").values({ code: "10", name: "Umbria" }).execute();
    } finally {
      await handle.close();
    }
    const file = path.join(dir, "cli.osvbak");
    const backup = run("db/cli/backup.ts", file, "--json");
    expect(backup.status, backup.stderr).toBe(0);
    const summary = JSON.parse(backup.stdout) as { rows: number; tables: Record<string, number>; engine: string };
    expect(summary.engine).toBe("pglite");
    expect(summary.tables.region).toBe(1);
    expect(run("db/cli/backup.ts", file).stderr).toContain("esiste già");

    const refused = run("db/cli/restore.ts", file);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("--sovrascrivi");
    const restored = run("db/cli/restore.ts", file, "--sovrascrivi", "--json");
    expect(restored.status, restored.stderr).toBe(0);
    const result = JSON.parse(restored.stdout) as { rows: number; previous: string };
    expect(result.rows).toBe(summary.rows);
    expect(fs.existsSync(result.previous)).toBe(true);

    const check = await openDatabase({ dataDir, holder: { command: "test" } });
    try {
      expect(await countRows(check.db)).toEqual(summary.tables);
    } finally {
      await check.close();
    }
  }, 600_000);
});

/**
 * One measured step of the import benchmark in its own process (so that peak RSS is this step's):
 *   tsx tests/bench/import-run.ts <pglite|postgres> <file> <dataDir|url> [--prepare | --bare-copy]
 *
 * Without a mode: one import of <file> as `npm run import` does it; prints one
 * JSON line {engine, rows, inserted, unchanged, status, seconds, maxRssMb, phases, …}.
 * --prepare: creates the database (migrations, reference data, catalogue) and exits.
 * --bare-copy (PGlite): COPY of <file>, already in the table's format, into a
 * table with the observation's columns and no index, key or constraint; prints
 * {engine, rows, seconds, maxRssMb}.
 */
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { migrateToLatest } from "@/db/migrate";
import { loadReferenceData } from "@/db/reference/load";
import { loadCatalog } from "@/db/catalog/load";
import { runImport, type ImportPhase } from "@/imports/run";
import { BARE_TABLE_COLUMNS } from "./import-shape";


const [engine, file, target, mode] = process.argv.slice(2);
if ((engine !== "pglite" && engine !== "postgres") || !file || !target) {
  console.error("Uso: tsx tests/bench/import-run.ts <pglite|postgres> <file> <cartella dati|url> [--prepare | --bare-copy]");
  process.exit(2);
}
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const handle = await openDatabase(engine === "pglite" ? { dataDir: target, holder: { command: "bench" } } : { url: target });
try {
  if (mode === "--bare-copy") {
    const pglite = handle.pglite;
    if (!pglite) throw new Error("--bare-copy is for PGlite (PostgreSQL's is psql \\copy)");
    await pglite.exec(`drop table if exists bare_copy; create table bare_copy (${BARE_TABLE_COLUMNS})`);
    const blob = new Blob([fs.readFileSync(file)]);
    const started = process.hrtime.bigint();
    await pglite.query("copy bare_copy from '/dev/blob' with (format csv)", [], { blob });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rows = (await pglite.query<{ n: number }>("select count(*)::int as n from bare_copy")).rows[0]?.n ?? 0;
    await pglite.exec("drop table bare_copy");
    console.log(JSON.stringify({ engine, rows, seconds: Math.round(seconds * 100) / 100, maxRssMb: maxRssMb() }));
  } else if (mode === "--prepare") {
    // The database is created in its own process, so that the measured one
    // opens an existing database as the app does (initdb's memory is not counted).
    await migrateToLatest(handle.db);
    await loadReferenceData(handle.db);
    await handle.db.transaction().execute((trx) => loadCatalog(trx));
  } else {
    const baselineRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
    const phases: Partial<Record<ImportPhase, number>> = {};
    const started = process.hrtime.bigint();
    const report = await runImport(handle, {
      fileName: path.basename(file),
      filePath: file,
      kind: "valori",
      zoneCode: "UMB-11",
      dryRun: false,
      validOnly: false,
      // The periods from 1900 to 2100 (1M distinct keys) are outside 1990 – this year: a warning on every row, accepted.
      acceptWarnings: true,
      userLabel: "bench",
      onPhase: (phase, ms) => (phases[phase] = Math.round(((phases[phase] ?? 0) + ms / 1000) * 100) / 100),
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      JSON.stringify({
        engine,
        rows: report.rowsRead,
        inserted: report.inserted,
        unchanged: report.unchanged,
        status: report.status,
        fileErrors: report.fileErrors,
        rejected: report.rejected,
        warnings: report.warningsTotal,
        firstError: report.errors[0]?.message ?? null,
        seconds: Math.round(seconds * 100) / 100,
        rowsPerSecond: Math.round(report.rowsRead / seconds),
        maxRssMb: maxRssMb(),
        baselineRssMb,
        phases,
      }),
    );
  }
} finally {
  await handle.close();
}

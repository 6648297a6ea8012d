/**
 * One measured import in its own process (so peak RSS is this import's):
 *   tsx tests/bench/import-run.ts <pglite|postgres> <file> [dataDir|url]
 * Prints one JSON line: {engine, rows, seconds, rowsPerSecond, maxRssMb, status}.
 */
import path from "node:path";
import { openDatabase } from "@/db/client";
import { migrateToLatest } from "@/db/migrate";
import { loadReferenceData } from "@/db/reference/load";
import { loadCatalog } from "@/db/catalog/load";
import { runImport } from "@/imports/run";

const [engine, file, target, mode] = process.argv.slice(2);
if ((engine !== "pglite" && engine !== "postgres") || !file || !target) {
  console.error("Uso: tsx tests/bench/import-run.ts <pglite|postgres> <file> <cartella dati|url>");
  process.exit(2);
}
const handle = await openDatabase(engine === "pglite" ? { dataDir: target, holder: { command: "bench" } } : { url: target });
try {
  await migrateToLatest(handle.db);
  await loadReferenceData(handle.db);
  await handle.db.transaction().execute((trx) => loadCatalog(trx));
  // --prepare: create the database in its own process, so the measured one
  // opens an existing database as the app does (initdb's memory is not counted).
  if (mode === "--prepare") process.exit(0);
  const baselineRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  const started = process.hrtime.bigint();
  const report = await runImport(handle, {
    fileName: path.basename(file),
    filePath: file,
    kind: "valori",
    zoneCode: "UMB-11",
    dryRun: false,
    validOnly: false,
    // The months from 1900 on (1M distinct keys) are outside 1990 – this year: a warning on every row, accepted.
    acceptWarnings: true,
    userLabel: "bench",
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    JSON.stringify({
      engine,
      rows: report.rowsRead,
      inserted: report.inserted,
      status: report.status,
      fileErrors: report.fileErrors,
      rejected: report.rejected,
      warnings: report.warningsTotal,
      firstError: report.errors[0]?.message ?? null,
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(report.rowsRead / seconds),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      baselineRssMb,
    }),
  );
} finally {
  await handle.close();
}

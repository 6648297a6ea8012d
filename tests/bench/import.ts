/**
 * npm run bench:import [-- --rows N] [--formats csv,xlsx]
 *
 * Generates a long-format "valori" file of N rows (default 1,000,000) for the
 * 12 comuni of Zona 11, as CSV and as a one-sheet .xlsx of the same rows (text
 * in shared strings, values as numbers, written as a stream by
 * tests/helpers/sheets.ts), imports each on PGlite and, when reachable, on
 * PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres
 * with a database osservatorio_bench created and dropped here), each in its
 * own process, and times `psql \copy` of the same rows into the same table.
 * Results go to stdout; copy them to docs/benchmarks.md with the machine and date.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { FILLER_INDICATORS as CATALOGUE } from "@/tests/helpers/filler-indicators";
import { writeLargeXlsx } from "@/tests/helpers/sheets";

const INDICATOR_CODES = CATALOGUE.map((d) => d.code);

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, formats: { type: "string", default: "csv,xlsx" } } });
const ROWS = Number(values.rows);
const FORMATS = new Set(values.formats.split(","));
const COMUNI = ["055003", "055004", "055006", "055033", "055008", "055014", "055015", "055016", "055017", "055022", "055024", "055026"];
// Every catalogue code, so that 1M unique (comune, indicator, month) keys stay within 1900–2100.
const INDICATORS = INDICATOR_CODES;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-bench-"));
const csvFile = path.join(dir, "valori-1m.csv");
const xlsxFile = path.join(dir, "valori-1m.xlsx");
const copyFile = path.join(dir, "observation-copy.csv");

/** Row i → a unique (comune, indicator, month) with an Italian-formatted value. */
function* rows(): Generator<{ istat: string; indicator: string; year: number; month: number; value: number }> {
  let i = 0;
  for (let m = 0; i < ROWS; m++) {
    const year = 1900 + Math.floor(m / 12);
    const month = (m % 12) + 1;
    for (const indicator of INDICATORS) {
      for (const istat of COMUNI) {
        if (i++ >= ROWS) return;
        // Whole numbers from 10 to 99: within every catalogue rule (percentages, rates, counts of people) and never a tenfold jump.
        yield { istat, indicator, year, month, value: 10 + ((i * 7919) % 90) };
      }
    }
  }
}

function writeFiles(): void {
  const csv = fs.openSync(csvFile, "w");
  const copy = fs.openSync(copyFile, "w");
  const chunk: string[] = ["indicatore;comune;periodo;valore"];
  const copyChunk: string[] = [];
  const flush = () => {
    fs.writeSync(csv, chunk.join("\n") + "\n");
    fs.writeSync(copy, copyChunk.join("\n") + "\n");
    chunk.length = 0;
    copyChunk.length = 0;
  };
  for (const r of rows()) {
    const mm = String(r.month).padStart(2, "0");
    const last = new Date(Date.UTC(r.year, r.month, 0)).getUTCDate();
    chunk.push(`${r.indicator};${r.istat};${mm}/${r.year};${r.value.toLocaleString("it-IT")}`);
    copyChunk.push(`${r.indicator},UMB-11,${r.istat},${r.year}-${mm},month,${r.year}-${mm}-01,${r.year}-${mm}-${last},${r.year},${r.value},BATCH`);
    if (chunk.length >= 50_000) flush();
  }
  flush();
  fs.closeSync(csv);
  fs.closeSync(copy);
}

/** The same heap settings as `npm run import` (package.json), so the figures are the CLI's. */
const IMPORT_NODE_OPTIONS = process.env.BENCH_NODE_OPTIONS ?? "--max-old-space-size=192 --max-semi-space-size=4";

function run(command: string, args: string[], env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: IMPORT_NODE_OPTIONS }) {
  const result = spawnSync(command, args, { encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

function psql(url: string, command: string): string {
  return run("psql", [url, "-v", "ON_ERROR_STOP=1", "-qAtc", command]);
}

/** The same rows as the CSV, as a spreadsheet: codes and periods as text, values as numbers. */
async function writeXlsx(): Promise<void> {
  function* sheetRows(): Generator<(string | number)[]> {
    for (const r of rows()) yield [r.indicator, r.istat, `${String(r.month).padStart(2, "0")}/${r.year}`, r.value];
  }
  await writeLargeXlsx(xlsxFile, "Valori", ["indicatore", "comune", "periodo", "valore"], sheetRows());
}

const started = Date.now();
writeFiles();
console.log(`File: ${ROWS} righe, ${(fs.statSync(csvFile).size / 1e6).toFixed(1)} MB (${((Date.now() - started) / 1000).toFixed(1)} s per generarlo)`);
if (FORMATS.has("xlsx")) {
  const t = Date.now();
  await writeXlsx();
  console.log(`File .xlsx: ${ROWS} righe, ${(fs.statSync(xlsxFile).size / 1e6).toFixed(1)} MB (${((Date.now() - t) / 1000).toFixed(1)} s per generarlo)`);
}
const files = [...(FORMATS.has("csv") ? [{ label: "CSV", file: csvFile }] : []), ...(FORMATS.has("xlsx") ? [{ label: ".xlsx", file: xlsxFile }] : [])];
console.log(`Macchina: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);

const results: Record<string, unknown>[] = [];
const pgliteDir = path.join(dir, "pglite");
for (const f of files) {
  // A fresh database for each file, so that each import inserts every row.
  fs.rmSync(pgliteDir, { recursive: true, force: true });
  run("npx", ["tsx", "tests/bench/import-run.ts", "pglite", f.file, pgliteDir, "--prepare"]);
  results.push({ file: f.label, ...(JSON.parse(run("npx", ["tsx", "tests/bench/import-run.ts", "pglite", f.file, pgliteDir])) as Record<string, unknown>) });
}

const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const hasPsql = spawnSync("psql", ["--version"]).status === 0;
if (hasPsql && spawnSync("psql", [adminUrl, "-qAtc", "select 1"]).status === 0) {
  const benchUrl = adminUrl.replace(/\/[^/]*$/, "/osservatorio_bench");
  psql(adminUrl, "drop database if exists osservatorio_bench with (force)");
  psql(adminUrl, "create database osservatorio_bench");
  try {
    for (const f of files) {
      psql(adminUrl, "drop database if exists osservatorio_bench with (force)");
      psql(adminUrl, "create database osservatorio_bench");
      run("npx", ["tsx", "tests/bench/import-run.ts", "postgres", f.file, benchUrl, "--prepare"]);
      results.push({ file: f.label, ...(JSON.parse(run("npx", ["tsx", "tests/bench/import-run.ts", "postgres", f.file, benchUrl])) as Record<string, unknown>) });
    }
    // psql \copy of the same rows into the same table, with the same indexes.
    const batch = psql(benchUrl, "insert into import_batch (kind, file_name, file_hash, status) values ('valori', 'copy', 'copy', 'committed') returning id").trim();
    psql(benchUrl, "delete from observation");
    fs.writeFileSync(copyFile, fs.readFileSync(copyFile, "utf8").replaceAll("BATCH", batch));
    const t0 = process.hrtime.bigint();
    psql(benchUrl, `\\copy observation (indicator_code, zone_code, comune_istat, period, period_type, period_start, period_end, year, value, batch_id) from '${copyFile}' with (format csv)`);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    results.push({ engine: "psql \\copy (PostgreSQL)", rows: ROWS, seconds: Math.round(seconds * 10) / 10, rowsPerSecond: Math.round(ROWS / seconds) });
  } finally {
    psql(adminUrl, "drop database if exists osservatorio_bench with (force)");
  }
} else {
  console.log("PostgreSQL o psql non disponibili: misurato solo PGlite.");
}
console.table(results);
fs.rmSync(dir, { recursive: true, force: true });

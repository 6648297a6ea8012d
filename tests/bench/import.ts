/**
 * npm run bench:import [-- --rows N] [--formats csv[,xlsx]] [--db NAME] [--engines pglite,postgres]
 *
 * Generates a long-format "valori" file of N rows (default 1,000,000) for the
 * 12 comuni of Zona 11 (and with --formats csv,xlsx the same rows as a
 * one-sheet .xlsx, written as a stream by tests/helpers/sheets.ts), and in one
 * run against the same rows measures, each step in its own process (so that
 * its peak RSS is its own):
 * - on PGlite: COPY of the rows, already in the table's format, into a bare
 *   table (no index, key or constraint); the import as `npm run import` runs it
 *   (same heap settings), with its phases; the re-import of the unchanged file;
 * - on PostgreSQL, when reachable (BENCH_DATABASE_URL, default
 *   postgres://postgres@127.0.0.1:5432/postgres; a database NAME, default
 *   osservatorio_bench, is created and dropped here): the same import and
 *   re-import, `psql \copy` into a bare table and `psql \copy` into
 *   `observation` with its indexes and foreign keys;
 * then prints the ratios against issue 18's targets. Results go to stdout;
 * copy them to docs/benchmarks.md with the machine, date and load average.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { FILLER_INDICATORS as CATALOGUE } from "@/tests/helpers/filler-indicators";
import { writeLargeXlsx } from "@/tests/helpers/sheets";
import { BARE_TABLE_COLUMNS, COPY_BATCH_ID, COPY_COLUMNS } from "./import-shape";

const INDICATOR_CODES = CATALOGUE.map((d) => d.code);

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    formats: { type: "string", default: "csv" },
    db: { type: "string", default: "osservatorio_bench" },
    engines: { type: "string", default: "pglite,postgres" },
  },
});
const ROWS = Number(values.rows);
const FORMATS = new Set(values.formats.split(","));
const ENGINES = new Set(values.engines.split(","));
if (!/^[a-z_][a-z0-9_]*$/.test(values.db)) throw new Error(`--db: ${values.db} is not a plain database name`);
const BENCH_DB = values.db;
const COMUNI = ["055003", "055004", "055006", "055033", "055008", "055014", "055015", "055016", "055017", "055022", "055024", "055026"];
// Every filler code of the catalogue, so that 1M unique (comune, indicator, period) keys stay within 1900–2100.
const INDICATORS = INDICATOR_CODES;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-bench-"));
const csvFile = path.join(dir, "valori-1m.csv");
const xlsxFile = path.join(dir, "valori-1m.xlsx");
const copyFile = path.join(dir, "observation-copy.csv");

interface BenchPeriod {
  /** As the file writes it: 03/2024, 2024-T1, 2024. */
  text: string;
  period: string;
  type: "month" | "quarter" | "year";
  start: string;
  end: string;
  year: number;
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The months, then the quarters, then the years from 1900 to 2100 (the periods
 * the import accepts): with the catalogue's filler indicators and 12 comuni,
 * more than 1M distinct keys.
 */
function* periods(): Generator<BenchPeriod> {
  for (let year = 1900; year <= 2100; year++) {
    for (let m = 1; m <= 12; m++) yield { text: `${pad(m)}/${year}`, period: `${year}-${pad(m)}`, type: "month", start: `${year}-${pad(m)}-01`, end: `${year}-${pad(m)}-${lastDay(year, m)}`, year };
  }
  for (let year = 1900; year <= 2100; year++) {
    for (let q = 1; q <= 4; q++) {
      yield { text: `${year}-T${q}`, period: `${year}-Q${q}`, type: "quarter", start: `${year}-${pad(q * 3 - 2)}-01`, end: `${year}-${pad(q * 3)}-${lastDay(year, q * 3)}`, year };
    }
  }
  for (let year = 1900; year <= 2100; year++) yield { text: String(year), period: String(year), type: "year", start: `${year}-01-01`, end: `${year}-12-31`, year };
}

/** Row i → a unique (comune, indicator, period) with an Italian-formatted value. */
function* rows(): Generator<{ istat: string; indicator: string; p: BenchPeriod; value: number }> {
  let i = 0;
  for (const p of periods()) {
    for (const indicator of INDICATORS) {
      for (const istat of COMUNI) {
        if (i++ >= ROWS) return;
        // Whole numbers from 10 to 99: within every catalogue rule (percentages, rates, counts of people) and never a tenfold jump.
        yield { istat, indicator, p, value: 10 + ((i * 7919) % 90) };
      }
    }
  }
  if (i < ROWS) throw new Error(`only ${i} distinct keys: --rows ${ROWS} is too many for the catalogue`);
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
    chunk.push(`${r.indicator};${r.istat};${r.p.text};${r.value.toLocaleString("it-IT")}`);
    copyChunk.push(`${r.indicator},UMB-11,${r.istat},${r.p.period},${r.p.type},${r.p.start},${r.p.end},${r.p.year},${r.value},${COPY_BATCH_ID}`);
    if (chunk.length >= 50_000) flush();
  }
  flush();
  fs.closeSync(csv);
  fs.closeSync(copy);
}

/** The same heap settings as `npm run import` (read from package.json), so the figures are the CLI's. */
const IMPORT_NODE_OPTIONS =
  process.env.BENCH_NODE_OPTIONS ??
  (/NODE_OPTIONS=\\?"([^"\\]*)\\?"/.exec((JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.import ?? "")?.[1] ?? "");
console.log(`Impostazioni di Node delle importazioni: ${IMPORT_NODE_OPTIONS || "predefinite"}`);

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
    for (const r of rows()) yield [r.indicator, r.istat, r.p.text, r.value];
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
console.log(`Macchina: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; carico ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}`);

interface Measure {
  step: string;
  file?: string;
  engine?: string;
  rows?: number;
  inserted?: number;
  unchanged?: number;
  status?: string;
  seconds: number;
  maxRssMb?: number;
  phases?: Record<string, number>;
  [other: string]: unknown;
}
const results: Measure[] = [];
const step = (name: string, engine: string, args: string[]): Measure => {
  const m: Measure = { ...(JSON.parse(run("npx", ["tsx", "tests/bench/import-run.ts", engine, ...args])) as Measure), step: name };
  results.push(m);
  console.log(`${name}: ${m.seconds} s${m.maxRssMb ? `, ${m.maxRssMb} MB` : ""}${m.phases ? ` ${JSON.stringify(m.phases)}` : ""}`);
  return m;
};
/** psql's own time for one command, in seconds. */
const timedPsql = (url: string, command: string): number => {
  const t0 = process.hrtime.bigint();
  psql(url, command);
  return Number(process.hrtime.bigint() - t0) / 1e9;
};
const round = (n: number) => Math.round(n * 100) / 100;

let pgliteBare: Measure | null = null;
let pgliteImport: Measure | null = null;
let pgliteReimport: Measure | null = null;
if (ENGINES.has("pglite")) {
  const pgliteDir = path.join(dir, "pglite");
  for (const f of files) {
    // A fresh database for each file, so that each import inserts every row.
    fs.rmSync(pgliteDir, { recursive: true, force: true });
    run("npx", ["tsx", "tests/bench/import-run.ts", "pglite", f.file, pgliteDir, "--prepare"]);
    if (f.label === "CSV") pgliteBare = step("PGlite: COPY in una tabella nuda", "pglite", [copyFile, pgliteDir, "--bare-copy"]);
    const first = step(`PGlite: importazione ${f.label}`, "pglite", [f.file, pgliteDir]);
    const again = step(`PGlite: reimportazione ${f.label} invariato`, "pglite", [f.file, pgliteDir]);
    if (f.label === "CSV") [pgliteImport, pgliteReimport] = [first, again];
  }
}

let pgBare: number | null = null;
let pgObservation: number | null = null;
let pgImport: Measure | null = null;
let pgReimport: Measure | null = null;
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const hasPsql = spawnSync("psql", ["--version"]).status === 0;
if (ENGINES.has("postgres") && hasPsql && spawnSync("psql", [adminUrl, "-qAtc", "select 1"]).status === 0) {
  const benchUrl = adminUrl.replace(/\/[^/]*$/, `/${BENCH_DB}`);
  const fresh = () => {
    psql(adminUrl, `drop database if exists ${BENCH_DB} with (force)`);
    psql(adminUrl, `create database ${BENCH_DB}`);
    run("npx", ["tsx", "tests/bench/import-run.ts", "postgres", csvFile, benchUrl, "--prepare"]);
  };
  try {
    for (const f of files) {
      fresh();
      const first = step(`PostgreSQL: importazione ${f.label}`, "postgres", [f.file, benchUrl]);
      const again = step(`PostgreSQL: reimportazione ${f.label} invariato`, "postgres", [f.file, benchUrl]);
      if (f.label === "CSV") [pgImport, pgReimport] = [first, again];
    }
    // psql \copy of the same rows, already in the table's format: into a bare table, then into observation on a new database.
    psql(benchUrl, `drop table if exists bare_copy; create table bare_copy (${BARE_TABLE_COLUMNS})`);
    pgBare = timedPsql(benchUrl, `\\copy bare_copy from '${copyFile}' with (format csv)`);
    results.push({ step: "PostgreSQL: psql \\copy in una tabella nuda", rows: ROWS, seconds: round(pgBare) });
    fresh();
    psql(benchUrl, `insert into import_batch (id, kind, file_name, file_hash, status) overriding system value values (${COPY_BATCH_ID}, 'valori', 'copy', 'copy', 'committed')`);
    pgObservation = timedPsql(benchUrl, `\\copy observation (${COPY_COLUMNS}) from '${copyFile}' with (format csv)`);
    results.push({ step: "PostgreSQL: psql \\copy in observation", rows: ROWS, seconds: round(pgObservation) });
  } finally {
    psql(adminUrl, `drop database if exists ${BENCH_DB} with (force)`);
  }
} else if (ENGINES.has("postgres")) {
  console.log("PostgreSQL o psql non disponibili: misurato solo PGlite.");
}

console.table(results.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== "phases"))));
for (const r of results) if (r.phases) console.log(`${r.step}, fasi (s): ${JSON.stringify(r.phases)}`);

/** Issue 18 item 4: the targets, each as measured / allowed. */
const targets: { target: string; measured: number | null; limit: number; unit: string }[] = [
  { target: "PostgreSQL, importazione / \\copy in tabella nuda ≤ 5", measured: pgImport && pgBare ? pgImport.seconds / pgBare : null, limit: 5, unit: "×" },
  { target: "PostgreSQL, importazione / \\copy in observation ≤ 1", measured: pgImport && pgObservation ? pgImport.seconds / pgObservation : null, limit: 1, unit: "×" },
  { target: "PGlite, importazione / COPY in tabella nuda ≤ 10", measured: pgliteImport && pgliteBare ? pgliteImport.seconds / pgliteBare.seconds : null, limit: 10, unit: "×" },
  { target: "PostgreSQL, RSS di picco dell'importazione ≤ 250 MB", measured: pgImport?.maxRssMb ?? null, limit: 250, unit: " MB" },
  { target: "PGlite, RSS di picco dell'importazione ≤ 250 MB", measured: pgliteImport?.maxRssMb ?? null, limit: 250, unit: " MB" },
];
console.table(
  targets
    .filter((t) => t.measured !== null)
    .map((t) => ({ obiettivo: t.target, misurato: `${round(t.measured as number)}${t.unit}`, esito: (t.measured as number) <= t.limit ? "raggiunto" : `mancato di ${round(((t.measured as number) / t.limit - 1) * 100)}%` })),
);
if (pgReimport && pgImport) console.log(`PostgreSQL, reimportazione invariata: ${pgReimport.seconds} s (${round(pgReimport.seconds / pgImport.seconds)} × la prima importazione)`);
if (pgliteReimport && pgliteImport) console.log(`PGlite, reimportazione invariata: ${pgliteReimport.seconds} s (${round(pgliteReimport.seconds / pgliteImport.seconds)} × la prima importazione)`);
fs.rmSync(dir, { recursive: true, force: true });

/**
 * Hostile-file fuzz run (issue 8, "Done when"): the files of tests/fuzz/generate.ts,
 * each previewed and then committed with runImport — the function the API
 * route and the CLI call — in this process, on one migrated database that
 * already holds a little data (BASELINE); a committed file is then undone.
 *
 * It counts four kinds of failure, all of which must be 0:
 * - unexpected: runImport threw (the route would answer "Errore interno"), or a
 *   message says "Errore interno";
 * - partial writes: a preview, or a commit that did not commit, wrote to any
 *   table (count and newest xmin of every table); a commit wrote other rows
 *   than it reported; an undo did not put every value back (a hash of every
 *   row of every data table);
 * - English: a message for the user with common English words;
 * - disagreements: the commit's counts, rejected lines and messages differ
 *   from the preview's, or a file the preview found importable was not committed.
 *
 * CI runs it with a small count (tests/integration/hostile-files.test.ts).
 * A long run, both engines in parallel processes:
 *   FUZZ_DATABASE_URL=postgres://…/db_to_empty npx tsx tests/fuzz/hostile-files.ts --engine all --count 10000 [--workers N] [--out FILE]
 * (--engine pglite|postgres for one; postgres empties the database it is given;
 * --workers splits the PGlite files over N processes, each with its own database).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import type { DatabaseHandle } from "@/db/client";
import { runImport, type ImportRequest } from "@/imports/run";
import { revertBatch } from "@/imports/load/revert";
import type { ImportReport } from "@/imports/report";
import { BASELINE, FUZZ_ZONE, hostileFile, plainFile, type HostileFile } from "./generate";
import { contentSum, differingTables, userTables, writeMark, type TableSet } from "./db-state";

export { hostileFile } from "./generate";

/**
 * Common English words as whole words. Quoted parts of a message (the cell
 * values, «column names», file names) are the user's own text and are skipped.
 */
const ENGLISH = /\b(the|is|are|invalid|expected|must|should|cannot|failed|error|unexpected|received|string|too|big|small|required|missing|unknown|option|undefined|syntax|token|column|value|number|not|found|internal|type)\b/i;

export function englishIn(message: string): string | null {
  const own = message.replace(/"[^"]*"/g, "").replace(/«[^»]*»/g, "").replace(/fuzz-\d+-\d+\.\w+/g, "");
  const m = own.match(ENGLISH);
  return m ? m[0] : null;
}

function userMessages(r: ImportReport): string[] {
  return [...r.fileErrors, ...r.errors.map((e) => e.message), ...r.warnings.map((w) => w.message), ...r.notes, ...r.changes.map((c) => c.label)];
}

export interface FuzzFailure {
  n: number;
  description: string;
  problem: string;
}

export interface FuzzResult {
  files: number;
  committed: number;
  rejected: number;
  unexpected: FuzzFailure[];
  partialWrites: FuzzFailure[];
  english: FuzzFailure[];
  disagreements: FuzzFailure[];
  /** How many files of each category ("modello valori", "passo cella ostile", "esito committed"…). */
  categories: Record<string, number>;
}

export const emptyResult = (): FuzzResult => ({ files: 0, committed: 0, rejected: 0, unexpected: [], partialWrites: [], english: [], disagreements: [], categories: {} });

/** The parts of a report the preview and the commit must agree on. */
function comparable(r: ImportReport) {
  return {
    kind: r.kind,
    rowsRead: r.rowsRead,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    errorsTotal: r.errorsTotal,
    warningsTotal: r.warningsTotal,
    errors: r.errors.map((e) => `${e.line}:${e.message}`),
    fileErrors: r.fileErrors,
  };
}

/** Whether the preview promises that the same request commits. */
function previewSaysCommit(preview: ImportReport, request: Pick<ImportRequest, "validOnly">): boolean {
  return preview.fileErrors.length === 0 && (preview.rejected === 0 || request.validOnly) && preview.inserted + preview.updated > 0;
}

const VERSIONED_TABLE = { valori: "observation", servizi: "service", bilancio: "budget_line", obiettivi: "target", risorse: "resource" } as const;

/** A committed versioned batch wrote exactly the rows it reported: inserted + updated new rows, updated replaced ones. */
async function batchRowsMismatch(handle: DatabaseHandle, report: ImportReport): Promise<string | null> {
  const table = report.kind && report.kind in VERSIONED_TABLE ? VERSIONED_TABLE[report.kind as keyof typeof VERSIONED_TABLE] : null;
  if (!table || report.batchId === null) return null;
  const result = await sql<{ written: string | number; replaced: string | number }>`
    select (select count(*) from ${sql.table(table)} where batch_id = ${report.batchId}) as written,
           (select count(*) from ${sql.table(table)} where replaced_by_batch = ${report.batchId}) as replaced`.execute(handle.db);
  const written = Number(result.rows[0]?.written);
  const replaced = Number(result.rows[0]?.replaced);
  if (written === report.inserted + report.updated && replaced === report.updated) return null;
  return `il caricamento ${report.batchId} ha scritto ${written} righe e ne ha sostituite ${replaced}, il resoconto dice ${report.inserted} nuove e ${report.updated} aggiornate`;
}

function tally(categories: Record<string, number>, file: HostileFile, outcome: string): void {
  const c = file.categories;
  const keys = [
    `modello ${c.template}`,
    `codifica ${c.encoding}`,
    `separatore ${JSON.stringify(c.delimiter)}`,
    `tipo chiesto ${c.asked ?? "nessuno"}`,
    `danno ${c.damage ?? "nessuno"}`,
    ...new Set(c.steps.map((s) => `passo ${s}`)),
    `esito ${outcome}`,
  ];
  for (const k of keys) categories[k] = (categories[k] ?? 0) + 1;
}

/** Loads BASELINE (committed, kept): the hostile files then meet existing rows. */
async function loadBaseline(handle: DatabaseHandle, dir: string): Promise<void> {
  for (const [i, b] of BASELINE.entries()) {
    const filePath = path.join(dir, `baseline-${i}.csv`);
    fs.writeFileSync(filePath, plainFile(b.rows));
    const report = await runImport(handle, { fileName: `base-${b.kind}.csv`, filePath, kind: b.kind, zoneCode: FUZZ_ZONE, dryRun: false, validOnly: false, userLabel: "fuzz", acceptWarnings: true });
    if (report.status !== "committed" && report.status !== "unchanged") {
      throw new Error(`Dati di partenza «${b.kind}» non importati: ${JSON.stringify([...report.fileErrors, ...report.errors.map((e) => e.message)])}`);
    }
  }
}

export interface FuzzOptions {
  seed: number;
  count: number;
  start?: number;
  deadline?: number;
  onProgress?: (done: number, result: FuzzResult) => void;
}

export async function runHostileFuzz(handle: DatabaseHandle, options: FuzzOptions): Promise<FuzzResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-fuzz-"));
  const result = emptyResult();
  try {
    await loadBaseline(handle, dir);
    const tables: TableSet = await userTables(handle);
    let baseline = await contentSum(handle, tables);
    let mark = await writeMark(handle, tables);
    const first = options.start ?? 0;
    for (let n = first; n < first + options.count; n++) {
      // A long run is bounded in time too: it stops after the file in progress.
      if (options.deadline !== undefined && Date.now() > options.deadline) break;
      const file = hostileFile(options.seed, n);
      const filePath = path.join(dir, file.name);
      fs.writeFileSync(filePath, file.bytes);
      const request = { fileName: file.name, filePath, kind: file.kind, zoneCode: file.zoneCode, validOnly: file.validOnly, userLabel: "fuzz", allowReferenceKinds: true, acceptWarnings: true };
      const fail = (list: FuzzFailure[], problem: string) => list.push({ n, description: file.description, problem });
      const wrote = async (what: string) => {
        const now = await writeMark(handle, tables);
        if (now !== mark) fail(result.partialWrites, `${what}: ${differingTables(mark, now)}`);
        mark = now;
      };
      result.files++;
      let preview: ImportReport;
      let commit: ImportReport;
      try {
        preview = await runImport(handle, { ...request, dryRun: true });
        await wrote("l'anteprima ha scritto nel database");
        commit = await runImport(handle, { ...request, dryRun: false });
      } catch (error) {
        fail(result.unexpected, error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error));
        await wrote("un errore ha lasciato righe scritte");
        tally(result.categories, file, "eccezione");
        continue;
      } finally {
        fs.rmSync(filePath, { force: true });
      }
      for (const report of [preview, commit]) {
        for (const m of userMessages(report)) {
          if (/errore interno|unexpected/i.test(m)) fail(result.unexpected, m.slice(0, 300));
          const word = englishIn(m);
          if (word) fail(result.english, `«${word}» in: ${m.slice(0, 200)}`);
        }
      }
      const a = JSON.stringify(comparable(preview));
      const b = JSON.stringify(comparable(commit));
      if (a !== b) fail(result.disagreements, `anteprima ${a.slice(0, 400)} ≠ conferma ${b.slice(0, 400)}`);
      if (previewSaysCommit(preview, request) !== (commit.status === "committed")) {
        fail(result.disagreements, `l'anteprima ${previewSaysCommit(preview, request) ? "" : "non "}prometteva l'importazione, la conferma è «${commit.status}»`);
      }
      tally(result.categories, file, commit.status);
      if (commit.status === "committed" && commit.batchId !== null) {
        result.committed++;
        const mismatch = await batchRowsMismatch(handle, commit);
        if (mismatch) fail(result.partialWrites, mismatch);
        await revertBatch(handle, commit.batchId, "fuzz");
        const after = await contentSum(handle, tables);
        if (after !== baseline) {
          fail(result.partialWrites, `dopo l'annullamento i dati non tornano come prima: ${differingTables(baseline, after)}`);
          baseline = after; // one failure per file, not one for every file after it
        }
        mark = await writeMark(handle, tables);
      } else {
        result.rejected++;
        await wrote(`conferma «${commit.status}» ma il database è cambiato`);
      }
      options.onProgress?.(result.files, result);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

export function failuresOf(r: FuzzResult): FuzzFailure[] {
  return [...r.unexpected, ...r.partialWrites, ...r.english, ...r.disagreements];
}

export function summary(r: FuzzResult): string {
  return `${r.files} file (${r.committed} importati e annullati, ${r.rejected} non importati): ${r.unexpected.length} errori inattesi, ${r.partialWrites.length} scritture parziali, ${r.english.length} messaggi in inglese, ${r.disagreements.length} differenze anteprima/conferma`;
}

function merge(results: FuzzResult[]): FuzzResult {
  const total = emptyResult();
  for (const r of results) {
    total.files += r.files;
    total.committed += r.committed;
    total.rejected += r.rejected;
    total.unexpected.push(...r.unexpected);
    total.partialWrites.push(...r.partialWrites);
    total.english.push(...r.english);
    total.disagreements.push(...r.disagreements);
    for (const [k, v] of Object.entries(r.categories)) total.categories[k] = (total.categories[k] ?? 0) + v;
  }
  return total;
}

type Engine = "pglite" | "postgres";

async function openFuzzDatabase(engine: Engine): Promise<DatabaseHandle> {
  const { openDatabase } = await import("@/db/client");
  const { migrateToLatest } = await import("@/db/migrate");
  const { loadReferenceData } = await import("@/db/reference/load");
  const { loadCatalog } = await import("@/db/catalog/load");
  const url = process.env.FUZZ_DATABASE_URL;
  if (engine === "postgres" && !url) throw new Error("FUZZ_DATABASE_URL non impostata: indicare un database PostgreSQL da svuotare.");
  const handle = engine === "pglite" ? await openDatabase({ memory: true }) : await openDatabase({ url, skipIntegrityCheck: true });
  if (engine === "postgres") {
    await sql`drop schema public cascade`.execute(handle.db);
    await sql`create schema public`.execute(handle.db);
  }
  await migrateToLatest(handle.db);
  await loadReferenceData(handle.db);
  await handle.db.transaction().execute((trx) => loadCatalog(trx));
  return handle;
}

interface WorkerOutput {
  engine: Engine;
  seconds: number;
  result: FuzzResult;
}

/** One process, one database: files start … start+count-1. */
async function runWorker(engine: Engine, seed: number, start: number, count: number, deadline: number | undefined): Promise<WorkerOutput> {
  // As every entry point of the app does (lib/env.ts): Italian validation messages.
  await import("@/lib/zod-it");
  const handle = await openFuzzDatabase(engine);
  const started = Date.now();
  try {
    const result = await runHostileFuzz(handle, {
      seed,
      count,
      start,
      ...(deadline ? { deadline } : {}),
      onProgress: (done, r) => {
        if (done % 500 === 0) console.error(`[${engine} ${start}…] ${summary(r)} · ${Math.round((Date.now() - started) / 1000)} s`);
      },
    });
    return { engine, seconds: (Date.now() - started) / 1000, result };
  } finally {
    await handle.close();
  }
}

/** Runs this script again as a child for one slice and reads its JSON answer. */
function spawnWorker(engine: Engine, seed: number, start: number, count: number, seconds: string | undefined): Promise<WorkerOutput> {
  const args = [...process.execArgv, process.argv[1] as string, "--worker", "--engine", engine, "--seed", String(seed), "--start", String(start), "--count", String(count), ...(seconds ? ["--seconds", seconds] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(JSON.parse(out) as WorkerOutput);
      else reject(new Error(`processo ${engine} ${start}… terminato con codice ${String(code)}`));
    });
  });
}

function machine() {
  const cpus = os.cpus();
  return { cpu: `${cpus.length} × ${cpus[0]?.model ?? "?"}`, memoryGB: Math.round(os.totalmem() / 1024 ** 3), node: process.version, loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "1000" },
      seed: { type: "string", default: "20261201" },
      engine: { type: "string", default: "pglite" },
      start: { type: "string", default: "0" },
      workers: { type: "string", default: "1" },
      seconds: { type: "string" },
      out: { type: "string" },
      worker: { type: "boolean", default: false },
    },
  });
  const seed = Number(values.seed);
  const count = Number(values.count);
  const start = Number(values.start);
  const started = Date.now();
  if (values.worker) {
    const engine = values.engine === "postgres" ? "postgres" : "pglite";
    const deadline = values.seconds ? started + Number(values.seconds) * 1000 : undefined;
    console.log(JSON.stringify(await runWorker(engine, seed, start, count, deadline)));
    return;
  }
  const engines: Engine[] = values.engine === "all" ? ["pglite", "postgres"] : [values.engine === "postgres" ? "postgres" : "pglite"];
  const workers = Math.max(1, Number(values.workers));
  const jobs: Promise<WorkerOutput>[] = [];
  for (const engine of engines) {
    // One PostgreSQL database per run: its workers would see each other's writes.
    const slices = engine === "postgres" ? 1 : workers;
    const size = Math.ceil(count / slices);
    for (let w = 0; w < slices; w++) {
      const from = start + w * size;
      const n = Math.min(size, start + count - from);
      if (n > 0) jobs.push(spawnWorker(engine, seed, from, n, values.seconds));
    }
  }
  const outputs = await Promise.all(jobs);
  const report = {
    date: new Date(started).toISOString(),
    machine: machine(),
    seed,
    start,
    engines: engines.map((engine) => {
      const mine = outputs.filter((o) => o.engine === engine);
      const result = merge(mine.map((o) => o.result));
      const seconds = Math.max(...mine.map((o) => o.seconds));
      return {
        engine,
        processes: mine.length,
        seconds: Math.round(seconds),
        msPerFile: Math.round((seconds * 1000 * mine.length) / Math.max(1, result.files)),
        summary: summary(result),
        files: result.files,
        committed: result.committed,
        rejected: result.rejected,
        categories: Object.fromEntries(Object.entries(result.categories).sort(([a], [b]) => a.localeCompare(b))),
        unexpected: result.unexpected.slice(0, 20),
        partialWrites: result.partialWrites.slice(0, 20),
        english: result.english.slice(0, 20),
        disagreements: result.disagreements.slice(0, 20),
        failures: failuresOf(result).length,
      };
    }),
  };
  const text = JSON.stringify(report, null, 2);
  if (values.out) fs.writeFileSync(values.out, text + "\n");
  console.log(text);
  if (report.engines.some((e) => e.failures > 0)) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/**
 * kill -9 during imports (issue 8, "Done when"): `npm run import` of a large
 * `valori` file (every value changed from the current ones) is killed with
 * SIGKILL at a random moment of its run; the database is then opened as the
 * app opens it (openDatabase: stale folder lock taken over, interrupted import
 * undone, both logged) and checked:
 * - no batch is left 'applying';
 * - the zone's current values are exactly those before the import or exactly
 *   those of the file (count and sum of the current rows), never a mix;
 * - on PGlite the stale lock was taken over and the take-over was logged;
 *   a batch caught while writing was undone and that was logged.
 * At the end one import runs to completion and must commit.
 *
 *   npx tsx tests/fuzz/kill-imports.ts --engine pglite|postgres|all --rounds 20 [--rows 100000]
 * postgres empties the database of FUZZ_DATABASE_URL (default TEST_DATABASE_URL).
 * CI runs it with a small count (tests/integration/kill-imports.test.ts). Exit code 1 on any failure.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateToLatest } from "@/db/migrate";
import { loadReferenceData } from "@/db/reference/load";
import { currentObservation } from "@/db/queries/current";
import { toNumber } from "@/db/queries/convert";
import { lockLog, lockPath } from "@/db/lock";
import { resetData } from "@/tests/helpers/db";
import { FILLER_INDICATORS as CATALOGUE } from "@/tests/helpers/filler-indicators";

const { values: args } = parseArgs({
  options: { engine: { type: "string", default: "pglite" }, rounds: { type: "string", default: "20" }, rows: { type: "string", default: "100000" } },
});
const ROUNDS = Number(args.rounds);
const ROWS = Number(args.rows);
const ZONE = "UMB-11";
const COMUNI = ["055003", "055004", "055006", "055033", "055008", "055014", "055015", "055016", "055017", "055022", "055024", "055026"];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-kill-"));

/** Every catalogue indicator × the 12 comuni × months from 1990: `ROWS` unique keys; every value + shift (0 or 1). */
function writeFile(shift: number): { file: string; sum: number } {
  const file = path.join(dir, `valori-${shift}.csv`);
  const lines = ["indicatore;comune;periodo;valore"];
  let sum = 0;
  let i = 0;
  for (let m = 0; i < ROWS; m++) {
    const period = `${String((m % 12) + 1).padStart(2, "0")}/${1990 + Math.floor(m / 12)}`;
    for (const d of CATALOGUE) {
      for (const istat of COMUNI) {
        if (i >= ROWS) break;
        // 11 … 92: within every indicator's range, never ten times another.
        const value = ((i++ * 7919) % 80) + 11 + shift;
        sum += value;
        lines.push(`${d.code};${istat};${period};${value}`);
      }
    }
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return { file, sum };
}

interface Engine {
  name: "pglite" | "postgres";
  env: Record<string, string | undefined>;
  dataDir?: string;
  open(): Promise<DatabaseHandle>;
}

function engines(): Engine[] {
  const out: Engine[] = [];
  const wanted = args.engine;
  if (wanted === "pglite" || wanted === "all") {
    const dataDir = path.join(dir, "data");
    out.push({ name: "pglite", dataDir, env: { OSSERVATORIO_DATA_DIR: dataDir, DATABASE_URL: undefined }, open: () => openDatabase({ dataDir, holder: { command: "kill-imports" } }) });
  }
  if (wanted === "postgres" || wanted === "all") {
    const url = process.env.FUZZ_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!url) throw new Error("FUZZ_DATABASE_URL (o TEST_DATABASE_URL) non impostato");
    out.push({ name: "postgres", env: { DATABASE_URL: url }, open: () => openDatabase({ url }) });
  }
  return out;
}

async function state(handle: DatabaseHandle) {
  const r = await sql<{ n: string | number; s: string | number | null }>`
    select count(*) as n, sum(value) as s from observation where zone_code = ${ZONE} and ${currentObservation()}`.execute(handle.db);
  const applying = await handle.db.selectFrom("import_batch").select("id").where("status", "=", "applying").execute();
  return { count: toNumber(r.rows[0]?.n ?? 0), sum: toNumber(r.rows[0]?.s ?? 0), applying: applying.length };
}

/** `npm run import` as a user runs it, in its own process group (killed whole). */
function startImport(engine: Engine, file: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "imports/cli.ts", file, "--kind", "valori", "--zona", ZONE, "--accept-warnings"], {
    env: Object.fromEntries(Object.entries({ ...process.env, ...engine.env }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function runEngine(engine: Engine): Promise<{ failures: string[]; summary: Record<string, number | string> }> {
  const failures: string[] = [];
  const setup = await engine.open();
  await migrateToLatest(setup.db);
  await loadReferenceData(setup.db);
  await resetData(setup.db);
  await setup.close();

  // The first import runs to the end: it gives the rows the next ones replace, and the duration to aim the kills at.
  // A second one, every value changed, as in the rounds: its duration aims the kills.
  const base = writeFile(0);
  const first = startImport(engine, base.file);
  if ((await first.exited) !== 0) throw new Error(`prima importazione non riuscita: ${first.output()}`);
  const update = writeFile(1);
  const t0 = Date.now();
  const second = startImport(engine, update.file);
  if ((await second.exited) !== 0) throw new Error(`seconda importazione non riuscita: ${second.output()}`);
  const fullMs = Date.now() - t0;

  let recovered = 0;
  let takeovers = 0;
  let completed = 0;
  let before = update.sum;
  let shift = 1;
  for (let round = 1; round <= ROUNDS; round++) {
    const next = writeFile(1 - shift);
    const run = startImport(engine, next.file);
    const delay = Math.round(300 + Math.random() * fullMs * 1.1);
    const killedEarly = await Promise.race([run.exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), delay))]);
    if (killedEarly && run.child.pid) process.kill(-run.child.pid, "SIGKILL");
    const code = await run.exited;
    // Killed before it had opened the folder, the CLI leaves no lock to take over.
    const staleLock = engine.dataDir !== undefined && fs.existsSync(lockPath(engine.dataDir));

    const logs: string[] = [];
    const warn = console.warn;
    const lockWarn = lockLog.warn;
    console.warn = (m: unknown) => logs.push(String(m));
    lockLog.warn = (m: string) => logs.push(m);
    let handle: DatabaseHandle | null = null;
    try {
      handle = await engine.open();
    } catch (error) {
      failures.push(`giro ${round}: il database non si riapre: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      console.warn = warn;
      lockLog.warn = lockWarn;
    }
    if (!handle) continue;
    try {
      const now = await state(handle);
      if (now.applying > 0) failures.push(`giro ${round}: ${now.applying} caricamenti ancora 'applying'`);
      const whole = now.count === ROWS && now.sum === next.sum;
      const untouched = now.count === ROWS && now.sum === before;
      if (!whole && !untouched) failures.push(`giro ${round}: valori misti (${now.count} righe, somma ${now.sum}; prima ${before}, file ${next.sum})`);
      if (whole) {
        before = next.sum;
        shift = 1 - shift;
        completed++;
      }
      if (logs.some((l) => l.includes("Importazione interrotta"))) recovered++;
      if (code !== null && !whole) failures.push(`giro ${round}: l'importazione è uscita (${code}) senza scrivere: ${run.output().slice(-300)}`);
      const tookOver = logs.some((l) => l.includes("è scaduto") || l.includes("era illeggibile"));
      if (tookOver) takeovers++;
      if (staleLock && !tookOver) failures.push(`giro ${round}: blocco della cartella non preso in carico o non registrato`);
    } finally {
      await handle.close();
    }
  }

  // After all that, an import still runs to the end.
  const last = writeFile(1 - shift);
  const final = startImport(engine, last.file);
  const finalCode = await final.exited;
  if (finalCode !== 0) failures.push(`importazione finale: uscita ${finalCode}: ${final.output().slice(-500)}`);
  else {
    const handle = await engine.open();
    const now = await state(handle);
    await handle.close();
    if (now.count !== ROWS || now.sum !== last.sum) failures.push(`importazione finale: ${now.count} righe, somma ${now.sum} invece di ${last.sum}`);
  }
  return { failures, summary: { motore: engine.name, giri: ROUNDS, righe: ROWS, "importazione intera (ms)": fullMs, "finite prima del kill": completed, "recuperate all'avvio": recovered, "blocchi presi in carico": takeovers, errori: failures.length } };
}

let failed = false;
const summaries: Record<string, number | string>[] = [];
try {
  for (const engine of engines()) {
    const { failures, summary } = await runEngine(engine);
    summaries.push(summary);
    for (const f of failures) console.error(`${engine.name}: ${f}`);
    if (failures.length) failed = true;
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(summaries));
process.exit(failed ? 1 : 0);

/**
 * npm run bench:read-paths [-- --runs 7 --zone UMB-11 --comune 055026 --explain]
 *
 * What the read paths cost on the demo dataset, on PostgreSQL (BENCH_DATABASE_URL,
 * a scratch database: it is emptied and loaded): for Territorio (territoryTable with the page's default indicators),
 * the scheda comune (comuneProfile) and the values endpoint (the default year,
 * whole catalogue), the number of SQL statements one request runs and its time
 * (first, then median of the warm runs), for a planner and a Conferenza member.
 *
 * With --explain, every statement those requests ran is
 * EXPLAINed with its parameters, and each scan of a zone-owned table
 * (db/distribution.ts) is checked to go through an index whose first column is
 * zone_code; the others are listed. Run with the react-server condition (the
 * query modules are "server-only"), as the npm script does. Results go to
 * stdout; copy them to docs/benchmarks.md.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { Kysely, PostgresDialect, sql, type LogEvent } from "kysely";
import pg from "pg";
import type { Database } from "@/db/schema";
import { migrateToLatest } from "@/db/migrate";
import { loadReferenceData } from "@/db/reference/load";
import { loadDemoDataset } from "@/db/demo/load";
import { generateDemoDataset } from "@/db/demo/generate";
import { comuneProfile } from "@/db/queries/comune-profile";
import { territoryTable } from "@/db/queries/territory";
import { indicatorYearValues, selectIndicatorYears } from "@/db/queries/values-api";
import { checkPlans, type RecordedStatement } from "./plan-check";
import type { Principal } from "@/lib/auth/roles";

const { values: args } = parseArgs({
  options: { runs: { type: "string", default: "7" }, zone: { type: "string", default: "UMB-11" }, comune: { type: "string", default: "055026" }, explain: { type: "boolean", default: false } },
});
const RUNS = Number(args.runs);
const ZONE = args.zone;
const TERRITORIO = ["POP_TOT", "PERC_65_PLUS", "PERC_75_PLUS", "INDICE_VECCHIAIA", "PERC_STRANIERI", "PERC_ANZIANI_SOLI", "REDDITO_MEDIO", "TASSO_DISABILI_L104"];
const who = (role: Principal["role"]): Principal => ({ kind: "user", id: role, label: role, role, zones: [ZONE], regions: [], readOnly: false });

/** Statements run, with their parameters, while `recording` is on. */
let recording: { sql: string; parameters: readonly unknown[] }[] | null = null;
const log = (event: LogEvent) => {
  if (recording && event.level === "query") recording.push({ sql: event.query.sql, parameters: event.query.parameters });
};

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error("BENCH_DATABASE_URL=postgres://… (a scratch database: it is emptied) is needed: the statements are counted through kysely's log");
const pool = new pg.Pool({ connectionString: url, max: 10 });
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
const close = () => db.destroy();
await sql`drop schema public cascade`.execute(db);
await sql`create schema public`.execute(db);

await migrateToLatest(db);
await loadReferenceData(db);
await loadDemoDataset(db, generateDemoDataset());
await sql`analyze`.execute(db);
const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, load ${load}, node ${process.version}, PostgreSQL, ${new Date().toISOString()}`);

const requests: [string, (p: Principal) => Promise<unknown>][] = [
  ["Territorio", (p) => territoryTable(db, ZONE, TERRITORIO, null, p)],
  ["scheda comune", (p) => comuneProfile(db, args.comune, p)],
  ["valori (API)", async (p) => indicatorYearValues(db, ZONE, await selectIndicatorYears(db, ZONE, {}), { principal: p })],
];
const statements: RecordedStatement[] = [];
for (const [name, run] of requests) {
  for (const [label, principal] of [
    ["pianificatore", who("pianificatore")],
    ["Conferenza", who("conferenza")],
  ] as const) {
    const ms: number[] = [];
    let count = 0;
    for (let i = 0; i < RUNS; i++) {
      recording = [];
      const t0 = performance.now();
      await run(principal);
      ms.push(performance.now() - t0);
      count = recording.length;
      if (i === 0) statements.push(...recording.map((r) => ({ ...r, request: name })));
      recording = null;
    }
    const warm = ms.slice(1).sort((a, b) => a - b);
    const median = warm.length ? warm[Math.floor(warm.length / 2)]! : ms[0]!;
    console.log(`${name}, ${label}: ${count} statements; first ${ms[0]!.toFixed(0)} ms, then median ${median.toFixed(0)} ms over ${warm.length} runs`);
  }
}

if (args.explain) {
  const { checked, bad } = await checkPlans(url, statements, true);
  console.log(`EXPLAIN: ${checked} distinct statements; ${bad.length} scans of a zone-owned table not through an index led by zone_code${bad.length ? ":" : ""}`);
  for (const b of bad) console.log(`  - ${b}`);
}
await close();

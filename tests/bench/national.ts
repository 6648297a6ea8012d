/**
 * npm run bench:national [-- --zones 600 --indicators 200 --years 10 --runs 20 --seconds 30 --concurrency 10 --explain --reuse]
 *
 * The read paths at national scale, on PostgreSQL (BENCH_DATABASE_URL, a
 * scratch database: it is emptied and loaded). A deterministic generator
 * builds the country from the project's own migrations and reference data:
 * every comune of the ISTAT list, Umbria's 12 real zones and about --zones
 * synthetic ATS in the other regions (each region's comuni, in ISTAT order,
 * cut into zones in proportion to their number; memberships written as the
 * territory model stores them), the catalogue's 34 input indicators plus
 * synthetic counts up to --indicators stored indicators, and --years years of
 * values for every comune (≈ 7,900 × 200 × 10 ≈ 16M observations, one
 * committed batch per zone), then the zone figures maintained as an import
 * maintains them (refreshZoneAggregates, zone by zone).
 *
 * Measured, for zones drawn from the largest region (Lombardia) and for a
 * planner and a Conferenza member (disclosure control applied): Territorio
 * (territoryTable with the page's default indicators), the scheda comune
 * (comuneProfile) and the values endpoint (indicatorYearValues, default
 * year, whole catalogue), as the server computes them (no HTTP):
 * concurrency 1 (p50, p95 over --runs requests each) and --concurrency
 * parallel clients for --seconds (requests per second, p95, and Node's CPU
 * time per request, which the load of other processes does not inflate). Each request
 * has its own per-request store, as a page render has (db/queries/request-memo.ts).
 * With --explain every statement those requests ran is EXPLAINed with the
 * planner's own choices on this data (tests/bench/plan-check.ts). Run with
 * the react-server condition, as the npm script does. With --reuse a database
 * this script built to the end with the same --zones, --indicators and
 * --years (recorded in bench_national_build) is kept: only pending
 * migrations are applied (the build takes ~7 minutes); otherwise it is
 * rebuilt. Copy the output to
 * docs/benchmarks.md with the machine, date and load. Never a test.
 */
import os from "node:os";
import { AsyncLocalStorage } from "node:async_hooks";
import { parseArgs } from "node:util";
import { Kysely, PostgresDialect, sql, type LogEvent } from "kysely";
import pg from "pg";
import type { Database } from "@/db/schema";
import { migrateToLatest } from "@/db/migrate";
import { loadReferenceData, UMBRIA_REGION_CODE } from "@/db/reference/load";
import { loadCatalog } from "@/db/catalog/load";
import { refreshZoneAggregates } from "@/db/queries/zone-aggregates";
import { indicatorDefinitions } from "@/db/queries/indicators";
import { installRequestStore } from "@/db/queries/request-memo";
import { comuneProfile, SCHEDA_YEARS } from "@/db/queries/comune-profile";
import { territoryTable } from "@/db/queries/territory";
import { indicatorYearValues, selectIndicatorYears } from "@/db/queries/values-api";
import { INPUT_INDICATORS } from "@/lib/catalog/indicators";
import { zoneCodeOf } from "@/lib/territory/zone-code";
import type { Principal } from "@/lib/auth/roles";
import { checkPlans, type RecordedStatement } from "./plan-check";

const { values: args } = parseArgs({
  options: {
    zones: { type: "string", default: "600" },
    indicators: { type: "string", default: "200" },
    years: { type: "string", default: "10" },
    runs: { type: "string", default: "20" },
    seconds: { type: "string", default: "30" },
    concurrency: { type: "string", default: "10" },
    explain: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
  },
});
const ZONES = Number(args.zones);
const STORED_INDICATORS = Number(args.indicators);
const YEARS = Number(args.years);
const RUNS = Number(args.runs);
const SECONDS = Number(args.seconds);
const CONCURRENCY = Number(args.concurrency);
const LAST_YEAR = 2024;
const FIRST_YEAR = LAST_YEAR - YEARS + 1;
const TERRITORIO = ["POP_TOT", "PERC_65_PLUS", "PERC_75_PLUS", "INDICE_VECCHIAIA", "PERC_STRANIERI", "PERC_ANZIANI_SOLI", "REDDITO_MEDIO", "TASSO_DISABILI_L104"];
const MEASURED_REGION = "03"; // Lombardia: the most zones, so the region figure is the heaviest.

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error("BENCH_DATABASE_URL=postgres://… (a scratch database: it is emptied) is needed");

let recording: RecordedStatement[] | null = null;
let recordingRequest = "";
const log = (event: LogEvent) => {
  if (recording && event.level === "query") recording.push({ sql: event.query.sql, parameters: event.query.parameters, request: recordingRequest });
};
const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY + 2 });
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });

// One store per request, as React's cache() gives one per server render.
const requestStore = new AsyncLocalStorage<Map<string, Promise<unknown>>>();
installRequestStore(() => requestStore.getStore() ?? null);
const asRequest = <T>(run: () => Promise<T>) => requestStore.run(new Map(), run);

const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);
const loadavg = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");

// ---------- the country ----------
const tBuild = performance.now();
let tAggregates = tBuild;
const BUILD_KEY = `zones=${ZONES} indicators=${STORED_INDICATORS} years=${YEARS}`;
/** The parameters of a database this script built to the end, or null. */
async function builtWith(): Promise<string | null> {
  const table = await sql<{ t: string | null }>`select to_regclass('public.bench_national_build')::text as t`.execute(db);
  if (!table.rows[0]?.t) return null;
  return (await sql<{ key: string }>`select key from bench_national_build`.execute(db)).rows[0]?.key ?? null;
}
const reused = args.reuse && (await builtWith()) === BUILD_KEY;
let codes: string[];
let observations: number;
let catalogue: Awaited<ReturnType<typeof indicatorDefinitions>>;
if (reused) {
  await migrateToLatest(db);
  codes = (await db.selectFrom("indicator").select("code").where((eb) => eb.or([eb("numerator_code", "is", null), eb("denominator_code", "is", null)])).orderBy("code").execute()).map((r) => r.code);
  observations = Number((await sql<{ n: string }>`select count(*) as n from observation`.execute(db)).rows[0]!.n);
  catalogue = await indicatorDefinitions(db);
} else {
  if (args.reuse) console.log(`--reuse: no complete build with ${BUILD_KEY}; building`);
  ({ codes, observations, catalogue } = await build());
}

async function build() {
  await sql`drop schema public cascade`.execute(db);
  await sql`create schema public`.execute(db);
  await migrateToLatest(db);
  await loadReferenceData(db);
  await db.transaction().execute((trx) => loadCatalog(trx));

  /** Synthetic ATS: each region's live comuni cut in ISTAT order, zones in proportion to the region's comuni. */
  async function buildZones(): Promise<void> {
    const comuni = await db.selectFrom("comune").select(["istat", "region_code"]).where("suppressed_on", "is", null).where("region_code", "<>", UMBRIA_REGION_CODE).orderBy("istat").execute();
    const byRegion = new Map<string, string[]>();
    for (const c of comuni) byRegion.set(c.region_code, [...(byRegion.get(c.region_code) ?? []), c.istat]);
    const regionNames = new Map((await db.selectFrom("region").select(["code", "name"]).execute()).map((r) => [r.code, r.name]));
    const perZone = comuni.length / Math.max(1, ZONES - 12);
    await db.transaction().execute(async (trx) => {
      for (const [region, members] of byRegion) {
        const count = Math.max(1, Math.round(members.length / perZone));
        const size = Math.ceil(members.length / count);
        for (let n = 1; n <= count; n++) {
          const part = members.slice((n - 1) * size, n * size);
          if (part.length === 0) continue;
          const code = zoneCodeOf(region, n)!;
          await trx.insertInto("zone").values({ code, number: n, name: `Ambito ${n} – ${regionNames.get(region)}`, region_code: region, capofila_istat: part[0]!, official_code: `ATS-${region}-${n}` }).execute();
          await trx.insertInto("zone_membership").values(part.map((istat) => ({ comune_istat: istat, zone_code: code }))).execute();
          await trx.updateTable("comune").set({ zone_code: code }).where("istat", "in", part).execute();
        }
      }
    });
  }
  await buildZones();

  /** The catalogue's inputs and synthetic counts up to STORED_INDICATORS stored codes. */
  async function storedIndicators(): Promise<string[]> {
    const extra = Math.max(0, STORED_INDICATORS - INPUT_INDICATORS.length);
    const rows = Array.from({ length: extra }, (_, i) => {
      const code = `BENCH_${String(i + 1).padStart(3, "0")}`;
      return { code, name: `Indicatore sintetico ${i + 1}`, theme: "demografia" as const, unit: "unità", polarity: 0 as const, aggregation: "sum" as const, source: "bench", description: "Conteggio sintetico del benchmark nazionale." };
    });
    for (let i = 0; i < rows.length; i += 100) await db.insertInto("indicator").values(rows.slice(i, i + 100)).execute();
    return [...INPUT_INDICATORS.map((d) => d.code), ...rows.map((r) => r.code)];
  }
  const codes = await storedIndicators();

  /** Every comune × stored indicator × year, one committed batch per zone, generated in SQL (deterministic). */
  async function buildObservations(): Promise<number> {
    const zones = await db.selectFrom("zone").select("code").orderBy("code").execute();
    let rows = 0;
    const client = await pool.connect();
    // A bulk load is faster with the secondary indexes built once at the end (same final state).
    const indexes = await client.query<{ name: string; def: string }>(
      `select indexname as name, indexdef as def from pg_indexes where schemaname = 'public' and tablename = 'observation' and indexname <> 'observation_pkey'`,
    );
    for (const i of indexes.rows) await client.query(`drop index ${i.name}`);
    try {
      await client.query("create temporary table if not exists bench_code (code text primary key, k int not null)");
      await client.query("truncate bench_code");
      await client.query(`insert into bench_code select code, k from unnest($1::text[]) with ordinality as t(code, k)`, [codes]);
      for (const [i, z] of zones.entries()) {
        const batch = await client.query<{ id: string }>(
          `insert into import_batch (kind, zone_code, file_name, file_hash, status, committed_at, report) values ('valori', $1, 'bench-nazionale.csv', md5($1), 'committed', now(), '{}') returning id`,
          [z.code],
        );
        // Values 10–99, whole (counts of people among the inputs): a hash of comune, indicator and year.
        const result = await client.query(
          `insert into observation (indicator_code, zone_code, comune_istat, period, period_type, period_start, period_end, year, value, batch_id)
           select b.code, m.zone_code, m.comune_istat, y::text, 'year', make_date(y, 1, 1), make_date(y, 12, 31), y,
                  10 + ((m.comune_istat::int * 7919 + b.k * 104729 + y * 31) % 90), $2
           from zone_membership m cross join bench_code b cross join generate_series($3::int, $4::int) as y
           where m.zone_code = $1`,
          [z.code, batch.rows[0]!.id, FIRST_YEAR, LAST_YEAR],
        );
        rows += result.rowCount ?? 0;
        if ((i + 1) % 100 === 0) console.log(`  ${i + 1}/${zones.length} zones, ${rows.toLocaleString("it-IT")} values, ${seconds(tBuild)} s`);
      }
      for (const i of indexes.rows) await client.query(i.def);
    } finally {
      client.release();
    }
    return rows;
  }
  const observations = await buildObservations();
  await sql`analyze`.execute(db);
  tAggregates = performance.now();
  const catalogue = await indicatorDefinitions(db);
  {
    // Two zones at a time (one computes in Node while the other's rows are read).
    const queue = (await db.selectFrom("zone").select("code").orderBy("code").execute()).map((z) => z.code);
    await Promise.all(
      [0, 1].map(async () => {
        for (let zone = queue.shift(); zone !== undefined; zone = queue.shift()) {
          const code = zone;
          await db.transaction().execute((trx) => refreshZoneAggregates(trx, { zoneCode: code }, catalogue));
        }
      }),
    );
  }
  await sql`analyze`.execute(db);
  await sql`create table bench_national_build (key text not null, built_at timestamptz not null default now())`.execute(db);
  await sql`insert into bench_national_build (key) values (${BUILD_KEY})`.execute(db);
  return { codes, observations, catalogue };
}
const zoneCount = Number((await sql<{ n: string }>`select count(*) as n from zone`.execute(db)).rows[0]!.n);
const aggregateCount = Number((await sql<{ n: string }>`select count(*) as n from zone_aggregate`.execute(db)).rows[0]!.n);
console.log(
  `${reused ? "reused" : "built"}: ${zoneCount} zones, ${codes.length} stored indicators (+${catalogue.length - codes.length} derived), ${YEARS} years, ${observations.toLocaleString("it-IT")} values, ${aggregateCount.toLocaleString("it-IT")} zone figures; ${seconds(tBuild)} s${reused ? "" : ` (zone figures ${seconds(tAggregates)} s)`}`,
);

// ---------- the requests ----------
const measuredZones = (await db.selectFrom("zone").select("code").where("region_code", "=", MEASURED_REGION).orderBy("code").execute()).map((z) => z.code);
const comuniOf = new Map<string, string[]>();
for (const z of measuredZones) comuniOf.set(z, (await db.selectFrom("comune").select("istat").where("zone_code", "=", z).orderBy("istat").execute()).map((c) => c.istat));
const who = (role: Principal["role"], zone: string): Principal => ({ kind: "user", id: role, label: role, role, zones: [zone], regions: [], readOnly: false });
type Request = { name: string; run: (zone: string, principal: Principal, i: number) => Promise<unknown> };
const REQUESTS: Request[] = [
  { name: "Territorio", run: (zone, p) => territoryTable(db, zone, TERRITORIO, null, p) },
  { name: "scheda comune", run: (zone, p, i) => comuneProfile(db, comuniOf.get(zone)![i % comuniOf.get(zone)!.length]!, p, { lastYears: SCHEDA_YEARS }) },
  { name: "scheda comune (API, tutti gli anni)", run: (zone, p, i) => comuneProfile(db, comuniOf.get(zone)![i % comuniOf.get(zone)!.length]!, p) },
  { name: "valori (API)", run: async (zone, p) => indicatorYearValues(db, zone, await selectIndicatorYears(db, zone, {}), { principal: p }) },
];
const ROLES = ["pianificatore", "conferenza"] as const;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const zoneAt = (i: number) => measuredZones[(i * 37) % measuredZones.length]!;

console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load ${loadavg()}, node ${process.version}, ${(await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]!.v.split(" on ")[0]}, ${new Date().toISOString()}`,
);
console.log(`measured zones: ${measuredZones.length} of region ${MEASURED_REGION}`);
console.log(`| richiesta | ruolo | concorrenza 1: p50 | p95 | concorrenza ${CONCURRENCY}: richieste/s | p95 | CPU di Node per richiesta |`);
console.log("|---|---|---|---|---|---|---|");
const statements: RecordedStatement[] = [];
for (const request of REQUESTS) {
  for (const role of ROLES) {
    // Warm-up (plans, caches), recorded for EXPLAIN.
    recording = [];
    recordingRequest = `${request.name} (${role})`;
    await asRequest(() => request.run(zoneAt(0), who(role, zoneAt(0)), 0));
    statements.push(...recording);
    recording = null;
    const serial: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const zone = zoneAt(i + 1);
      const t0 = performance.now();
      await asRequest(() => request.run(zone, who(role, zone), i));
      serial.push(performance.now() - t0);
    }
    serial.sort((a, b) => a - b);
    const parallel: number[] = [];
    const until = performance.now() + SECONDS * 1000;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < until) {
          const i = next++;
          const zone = zoneAt(i);
          const s = performance.now();
          await asRequest(() => request.run(zone, who(role, zone), i));
          parallel.push(performance.now() - s);
        }
      }),
    );
    const rate = parallel.length / ((performance.now() - t0) / 1000);
    // Node's own CPU (user + system) per request of the parallel run: what the load of other processes does not inflate.
    const cpu = process.cpuUsage(cpu0);
    const cpuPerRequest = (cpu.user + cpu.system) / 1000 / Math.max(1, parallel.length);
    parallel.sort((a, b) => a - b);
    console.log(
      `| ${request.name} | ${role} | ${percentile(serial, 50).toFixed(0)} ms | ${percentile(serial, 95).toFixed(0)} ms | ${rate.toFixed(1)} | ${percentile(parallel, 95).toFixed(0)} ms | ${cpuPerRequest.toFixed(1)} ms |`,
    );
  }
}
console.log(`load after: ${loadavg()}`);
if (args.explain) {
  const { checked, bad } = await checkPlans(url, statements, false);
  console.log(`EXPLAIN: ${checked} distinct statements; ${bad.length} scans of a zone-owned table not through an index led by zone_code${bad.length ? ":" : ""}`);
  for (const b of bad) console.log(`  - ${b}`);
}
await db.destroy();

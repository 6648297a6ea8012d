import { sql } from "kysely";
import type { ImportSession } from "./session";
import { csvField } from "./session";
import { toNumber } from "@/db/queries/convert";

/**
 * Set-based load of rows into a versioned table (see db/migrations/0001_core.ts):
 * rows are COPied into a temporary staging table, compared with the current
 * rows by key, and then the changed current rows are marked replaced and the
 * new and changed rows inserted, all in the import's transaction.
 *
 * Table and column names come from the specs below, never from user input.
 */
export interface VersionedTableSpec<N extends string = string> {
  table: "observation" | "budget_line" | "service" | "target" | "resource" | "comune_boundary" | "staff_position" | "isee_distribution";
  /** Columns written by the import, with their SQL types (as in the target table). */
  columns: readonly { name: N; type: string }[];
  /** Columns that identify a row; a nullable one is compared through coalesce. */
  key: readonly NoInfer<N>[];
  nullableKey: readonly NoInfer<N>[];
  /** Columns compared to decide unchanged vs updated. */
  compared: readonly NoInfer<N>[];
}

export type RowValues = Record<string, string | number | null>;

/** The staged values of one table: every column it writes, checked by the compiler. */
export type TableValues<S extends VersionedTableSpec> = Record<S["columns"][number]["name"], string | number | null>;

export interface StagedRow<V extends RowValues = RowValues> {
  line: number;
  values: V;
}

const versionedTable = <const N extends string>(spec: VersionedTableSpec<N>): VersionedTableSpec<N> => spec;

export interface DuplicateKey {
  line: number;
  firstLine: number;
}

export interface ChangedValue {
  line: number;
  key: RowValues;
  before: RowValues;
  after: RowValues;
}

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Rows per COPY and per block of the statements below: each stays short, so readers get the database between them. */
export const BLOCK_ROWS = 5_000;

function keyExpr(spec: VersionedTableSpec, alias: string, column: string): string {
  const ref = alias ? `${alias}.${column}` : column;
  return spec.nullableKey.includes(column) ? `coalesce(${ref}::text, '')` : ref;
}

/**
 * The staged row's current row, by id: through the primary key, which on a
 * zone-owned table is (zone_code, id) (db/distribution.ts), so the zone comes first.
 */
function currentRow(spec: VersionedTableSpec, table: string, stage: string): string {
  const zoned = spec.columns.some((c) => c.name === "zone_code");
  return `${zoned ? `${table}.zone_code = ${stage}.zone_code and ` : ""}${table}.id = ${stage}.current_id`;
}

function keyJoin(spec: VersionedTableSpec, left: string, right: string): string {
  return spec.key.map((c) => `${keyExpr(spec, left, c)} = ${keyExpr(spec, right, c)}`).join(" and ");
}

/**
 * The staging table: `seq` numbers the staged rows in file order (1, 2, …), so
 * that every statement below works on a block of `BLOCK_ROWS` of them through
 * an index instead of on the whole table at once. On a chunked session
 * (imports/load/session.ts) it outlives the statements and is dropped at the end.
 */
export async function createStage(session: ImportSession, spec: VersionedTableSpec): Promise<void> {
  const cols = spec.columns.map((c) => `${c.name} ${c.type}`).join(", ");
  await sql
    .raw(
      `create temp table ${session.stage} (seq integer not null, line integer not null, ${cols}, current_id bigint, action text)${session.chunked ? "" : " on commit drop"}`,
    )
    .execute(session.trx);
  // Made before the rows come in: building them afterwards is one long statement.
  const keys = spec.key.map((c) => keyExpr(spec, "", c)).join(", ");
  await sql.raw(`create index on ${session.stage} (seq)`).execute(session.trx);
  await sql.raw(`create index on ${session.stage} (${keys}, seq)`).execute(session.trx);
}

async function stagedRows(session: ImportSession): Promise<number> {
  const r = await sql.raw<{ n: string | number | null }>(`select max(seq) as n from ${session.stage}`).execute(session.trx);
  return toNumber(r.rows[0]?.n ?? 0);
}

/** [from, to) ranges of seq covering the stage, one per block. */
async function blocks(session: ImportSession): Promise<[number, number][]> {
  const last = await stagedRows(session);
  const out: [number, number][] = [];
  for (let from = 1; from <= last; from += BLOCK_ROWS) out.push([from, from + BLOCK_ROWS]);
  return out;
}

/** Streams rows into the staging table in chunks (bounded memory). */
export class StageWriter {
  private buffer: string[] = [];
  staged = 0;
  /** Time spent in COPY so far (the import benchmark's «stage» phase). */
  copyMilliseconds = 0;

  constructor(
    private readonly session: ImportSession,
    private readonly spec: VersionedTableSpec,
    /** COPY time of an earlier writer of the same stage (the benchmark's phase is the sum). */
    copiedBefore = 0,
  ) {
    this.copyMilliseconds = copiedBefore;
  }

  async add(row: StagedRow): Promise<void> {
    const seq = this.staged + this.buffer.length + 1;
    const fields = [String(seq), String(row.line), ...this.spec.columns.map((c) => csvField(row.values[c.name] ?? null))];
    this.buffer.push(fields.join(","));
    if (this.buffer.length >= BLOCK_ROWS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const text = this.buffer.join("\n") + "\n";
    const count = this.buffer.length;
    this.buffer = [];
    const started = performance.now();
    await this.session.copyCsv(this.session.stage, ["seq", "line", ...this.spec.columns.map((c) => c.name)], text);
    this.copyMilliseconds += performance.now() - started;
    this.staged += count;
  }
}

/**
 * Rows whose key repeats an earlier row of the same file; their lines are
 * removed from the stage. All repeats are found first, then removed, so that
 * removing a line never hides the first occurrence of another key.
 */
export async function removeDuplicateKeys(session: ImportSession, spec: VersionedTableSpec): Promise<DuplicateKey[]> {
  const found: DuplicateKey[] = [];
  for (const [from, to] of await blocks(session)) {
    const result = await sql
      .raw<{ line: number; first_line: number }>(
        `select s.line, min(p.line) as first_line
         from ${session.stage} s join ${session.stage} p on ${keyJoin(spec, "p", "s")} and p.seq < s.seq
         where s.seq >= ${from} and s.seq < ${to}
         group by s.seq, s.line`,
      )
      .execute(session.trx);
    for (const r of result.rows) found.push({ line: toNumber(r.line), firstLine: toNumber(r.first_line) });
  }
  const lines = [...new Set(found.map((d) => d.line))];
  for (let i = 0; i < lines.length; i += BLOCK_ROWS) {
    const chunk = lines.slice(i, i + BLOCK_ROWS);
    await sql.raw(`delete from ${session.stage} where line in (${chunk.join(", ")})`).execute(session.trx);
  }
  return found.sort((a, b) => a.line - b.line);
}

/** Marks each staged row insert, update or unchanged against the current rows. */
export async function classify(session: ImportSession, spec: VersionedTableSpec): Promise<MergeCounts> {
  const same = spec.compared.map((c) => `t.${c} is not distinct from s.${c}`).join(" and ");
  const current = spec.key.map((c) => `${keyExpr(spec, "t", c)} = ${keyExpr(spec, "s", c)}`).join(" and ");
  for (const [from, to] of await blocks(session)) {
    // Correlated look-ups, one index probe per staged row, whatever the statistics say.
    await sql
      .raw(
        `update ${session.stage} s set current_id = (select t.id from ${spec.table} t where t.replaced_by_batch is null and ${current} limit 1)
         where s.seq >= ${from} and s.seq < ${to}`,
      )
      .execute(session.trx);
    await sql
      .raw(
        `update ${session.stage} s set action = case when s.current_id is null then 'insert'
           when exists (select 1 from ${spec.table} t where ${currentRow(spec, "t", "s")} and ${same}) then 'unchanged' else 'update' end
         where s.seq >= ${from} and s.seq < ${to}`,
      )
      .execute(session.trx);
  }
  const counts = await sql
    .raw<{ action: string; n: string | number }>(`select action, count(*) as n from ${session.stage} group by action`)
    .execute(session.trx);
  const get = (a: string) => toNumber(counts.rows.find((r) => r.action === a)?.n ?? 0);
  return { inserted: get("insert"), updated: get("update"), unchanged: get("unchanged") };
}

/** Up to `limit` changed rows with their old and new compared values, for the preview. */
export async function changedValues(session: ImportSession, spec: VersionedTableSpec, limit: number): Promise<ChangedValue[]> {
  const select = [
    "s.line",
    ...spec.key.map((c) => `s.${c} as "k_${c}"`),
    ...spec.compared.map((c) => `t.${c} as "b_${c}"`),
    ...spec.compared.map((c) => `s.${c} as "a_${c}"`),
  ].join(", ");
  const pick = (row: Record<string, string | number | null>, prefix: string, cols: readonly string[]) =>
    Object.fromEntries(cols.map((c) => [c, row[`${prefix}${c}`] ?? null]));
  const out: ChangedValue[] = [];
  for (const [from, to] of await blocks(session)) {
    const remaining = Math.max(0, Math.floor(limit)) - out.length;
    if (remaining <= 0) break;
    // seq follows the file's order, so the first rows by seq are the first by line.
    const result = await sql
      .raw<Record<string, string | number | null>>(
        `select ${select} from ${session.stage} s join ${spec.table} t on ${currentRow(spec, "t", "s")}
         where s.action = 'update' and s.seq >= ${from} and s.seq < ${to} order by s.seq limit ${remaining}`,
      )
      .execute(session.trx);
    for (const row of result.rows) {
      out.push({ line: toNumber(row.line ?? 0), key: pick(row, "k_", spec.key), before: pick(row, "b_", spec.compared), after: pick(row, "a_", spec.compared) });
    }
  }
  return out;
}

export interface PreviousValue {
  line: number;
  value: number;
  previous: number;
  previousPeriod: string;
}

/**
 * Staged observations at least `factor` times (or at most 1/factor of) the
 * same territory's value for the same period of the previous year, taken from
 * the file itself or else from the current rows. The rule itself is
 * lib/indicators/plausibility.ts's isTenfoldJump; SQL only narrows the rows.
 */
export async function previousYearJumps(session: ImportSession, factor: number, limit: number): Promise<{ rows: PreviousValue[]; total: number }> {
  // A number from code, never from the file; checked because it goes into the SQL text.
  if (!Number.isFinite(factor)) throw new RangeError("factor");
  const f = factor;
  const stage = session.stage;
  const rows: PreviousValue[] = [];
  let total = 0;
  for (const [from, to] of await blocks(session)) {
    const result = await sql
      .raw<{ line: number; value: string | number; previous: string | number; previous_period: string }>(
        `with prev as (
          select s.line, s.seq, s.value, (s.year - 1)::text || substr(s.period, 5) as previous_period,
                 coalesce(p.value, o.value) as previous
          from ${stage} s
          left join lateral (
            select p.value from ${stage} p where p.zone_code = s.zone_code and p.indicator_code = s.indicator_code
              and coalesce(p.comune_istat::text, '') = coalesce(s.comune_istat::text, '')
              and coalesce(p.service_code::text, '') = coalesce(s.service_code::text, '') and p.period = (s.year - 1)::text || substr(s.period, 5)
            limit 1) p on true
          left join lateral (
            select o.value from observation o where o.replaced_by_batch is null and o.zone_code = s.zone_code and o.indicator_code = s.indicator_code
              and coalesce(o.comune_istat, '') = coalesce(s.comune_istat, '') and coalesce(o.service_code, '') = coalesce(s.service_code, '')
              and o.period = (s.year - 1)::text || substr(s.period, 5)
            limit 1) o on true
          where s.value is not null and s.value <> 0 and s.seq >= ${from} and s.seq < ${to})
        select line, value, previous, previous_period from prev
        where previous is not null and previous <> 0 and sign(value) = sign(previous)
          and (abs(value) >= ${f} * abs(previous) or abs(previous) >= ${f} * abs(value))
        order by seq`,
      )
      .execute(session.trx);
    total += result.rows.length;
    for (const r of result.rows) {
      if (rows.length >= limit) break;
      rows.push({ line: toNumber(r.line), value: toNumber(r.value), previous: toNumber(r.previous), previousPeriod: r.previous_period });
    }
  }
  return { rows: rows.sort((a, b) => a.line - b.line), total };
}

/**
 * Writes the classified stage: replaced rows are kept, marked with the batch.
 * Block by block, each in a step of the session (its own short transaction on
 * a chunked session, where the batch is 'applying' and so invisible to readers
 * until it turns 'committed').
 */
export async function applyStage(session: ImportSession, spec: VersionedTableSpec, batchId: number): Promise<void> {
  // Goes into raw SQL: Number() keeps it a number even if a caller passes pg's bigint string.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion
  const batch = Number(batchId);
  const cols = spec.columns.map((c) => c.name).join(", ");
  for (const [from, to] of await blocks(session)) {
    // Old rows leave the unique current index before their successors enter it;
    // in between, readers of an 'applying' batch still see the old ones.
    await session.step((trx) =>
      sql
        .raw(
          `update ${spec.table} t set replaced_by_batch = ${batch}
           from ${session.stage} s where s.action = 'update' and ${currentRow(spec, "t", "s")} and s.seq >= ${from} and s.seq < ${to}`,
        )
        .execute(trx),
    );
    await session.step((trx) =>
      sql
        .raw(
          `insert into ${spec.table} (${cols}, batch_id)
           select ${cols}, ${batch} from ${session.stage} where action in ('insert', 'update') and seq >= ${from} and seq < ${to}`,
        )
        .execute(trx),
    );
  }
}

export const OBSERVATION_SPEC = versionedTable({
  table: "observation",
  columns: [
    { name: "indicator_code", type: "text not null" },
    { name: "zone_code", type: "text not null" },
    { name: "comune_istat", type: "text" },
    { name: "service_code", type: "text" },
    { name: "period", type: "text not null" },
    { name: "period_type", type: "text not null" },
    { name: "period_start", type: "date not null" },
    { name: "period_end", type: "date not null" },
    { name: "year", type: "smallint not null" },
    { name: "value", type: "numeric" },
    { name: "numerator", type: "numeric" },
    { name: "denominator", type: "numeric" },
    { name: "missing_reason", type: "text" },
  ],
  key: ["zone_code", "indicator_code", "comune_istat", "service_code", "period"],
  nullableKey: ["comune_istat", "service_code"],
  compared: ["value", "numerator", "denominator", "missing_reason"],
});

export const BOUNDARY_SPEC = versionedTable({
  table: "comune_boundary",
  columns: [
    { name: "comune_istat", type: "text not null" },
    { name: "geometry", type: "jsonb not null" },
  ],
  key: ["comune_istat"],
  nullableKey: [],
  compared: ["geometry"],
});

export const SERVICE_SPEC = versionedTable({
  table: "service",
  columns: [
    { name: "zone_code", type: "text not null" },
    { name: "code", type: "text not null" },
    { name: "name", type: "text not null" },
    { name: "area", type: "text not null" },
    { name: "spending_type", type: "text not null" },
    { name: "managing_body", type: "text" },
    { name: "category_code", type: "text" },
    { name: "nomenclatore_code", type: "text" },
    { name: "nomenclatore_from", type: "date" },
    { name: "nomenclatore_to", type: "date" },
    { name: "management_mode", type: "text" },
    { name: "comuni", type: "jsonb not null" },
    { name: "sedi", type: "jsonb not null" },
  ],
  key: ["zone_code", "code"],
  nullableKey: [],
  compared: ["name", "area", "spending_type", "managing_body", "category_code", "nomenclatore_code", "nomenclatore_from", "nomenclatore_to", "management_mode", "comuni", "sedi"],
});

export const STAFF_SPEC = versionedTable({
  table: "staff_position",
  columns: [
    { name: "zone_code", type: "text not null" },
    { name: "as_of", type: "date not null" },
    { name: "profile", type: "text not null" },
    { name: "employer", type: "text not null" },
    { name: "employer_comune", type: "text" },
    { name: "service_code", type: "text" },
    { name: "sede", type: "text" },
    { name: "fte", type: "numeric(8,2) not null" },
  ],
  key: ["zone_code", "as_of", "profile", "employer", "employer_comune", "service_code", "sede"],
  nullableKey: ["employer_comune", "service_code", "sede"],
  compared: ["fte"],
});

export const BUDGET_SPEC = versionedTable({
  table: "budget_line",
  columns: [
    { name: "zone_code", type: "text not null" },
    { name: "year", type: "smallint not null" },
    { name: "service_code", type: "text not null" },
    { name: "funding_code", type: "text not null" },
    { name: "comune_istat", type: "text" },
    { name: "stanziato", type: "numeric(14,2) not null" },
    { name: "impegnato", type: "numeric(14,2) not null" },
    { name: "liquidato", type: "numeric(14,2) not null" },
    { name: "pagato", type: "numeric(14,2) not null" },
    { name: "deadline", type: "date" },
    { name: "project", type: "text" },
    { name: "reference_date", type: "date not null" },
    { name: "residui_iniziali", type: "numeric(14,2)" },
    { name: "pagato_residui", type: "numeric(14,2)" },
    { name: "disimpegno_reason", type: "text" },
  ],
  // A new snapshot date is a new row: the line's earlier snapshots stay current.
  key: ["zone_code", "year", "service_code", "funding_code", "comune_istat", "project", "reference_date"],
  nullableKey: ["comune_istat", "project"],
  compared: ["stanziato", "impegnato", "liquidato", "pagato", "deadline", "residui_iniziali", "pagato_residui", "disimpegno_reason"],
});

export const ISEE_SPEC = versionedTable({
  table: "isee_distribution",
  columns: [
    { name: "zone_code", type: "text not null" },
    { name: "year", type: "smallint not null" },
    { name: "service_code", type: "text not null" },
    { name: "isee_from", type: "numeric(12,2) not null" },
    { name: "isee_to", type: "numeric(12,2)" },
    { name: "users", type: "integer not null" },
    { name: "exempt", type: "integer not null" },
  ],
  key: ["zone_code", "year", "service_code", "isee_from", "isee_to"],
  nullableKey: ["isee_to"],
  compared: ["users", "exempt"],
});

export const TARGET_SPEC = versionedTable({
  table: "target",
  columns: [
    { name: "zone_code", type: "text not null" },
    { name: "plan_id", type: "bigint" },
    { name: "indicator_code", type: "text not null" },
    { name: "comune_istat", type: "text" },
    { name: "service_code", type: "text" },
    { name: "baseline_year", type: "smallint" },
    { name: "baseline_value", type: "numeric" },
    { name: "target_year", type: "smallint not null" },
    { name: "target_value", type: "numeric not null" },
    { name: "legal_source", type: "text" },
    { name: "note", type: "text" },
    { name: "objective_code", type: "text" },
    { name: "kind", type: "text not null" },
    { name: "provenance", type: "text not null" },
    { name: "milestones", type: "jsonb not null" },
    { name: "tolerance", type: "numeric" },
  ],
  key: ["zone_code", "plan_id", "indicator_code", "comune_istat", "service_code", "target_year", "kind"],
  nullableKey: ["plan_id", "comune_istat", "service_code"],
  compared: ["baseline_year", "baseline_value", "target_value", "legal_source", "note", "objective_code", "provenance", "milestones", "tolerance"],
});

export const RESOURCE_SPEC = versionedTable({
  table: "resource",
  columns: [
    { name: "zone_code", type: "text not null" },
    { name: "comune_istat", type: "text" },
    { name: "kind", type: "text not null" },
    { name: "name", type: "text not null" },
    { name: "address", type: "text" },
    { name: "postal_code", type: "text" },
    { name: "phone", type: "text" },
    { name: "fax", type: "text" },
    { name: "email", type: "text" },
    { name: "opening_hours", type: "text" },
    { name: "capacity", type: "integer" },
    { name: "source", type: "text" },
  ],
  key: ["zone_code", "comune_istat", "kind", "name"],
  nullableKey: ["comune_istat"],
  compared: ["address", "postal_code", "phone", "fax", "email", "opening_hours", "capacity", "source"],
});

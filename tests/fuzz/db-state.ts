import { sql } from "kysely";
import type { DatabaseHandle } from "@/db/client";

/**
 * Cheap ways to tell whether an import wrote anything, for the hostile-file
 * run (three per file, so they must cost milliseconds, not a dump):
 *
 * - writeMark: per table, the row count and the newest transaction id among
 *   its rows (xmin). Any committed insert or update gives rows a newer xmin
 *   and any delete changes the count, while a rolled-back transaction leaves
 *   both as they were. It reads no row's contents.
 * - contentSum: per table, the row count and the sum of a hash of every row's
 *   text: equal contents give equal sums, whichever transaction wrote them.
 *   It tells whether an undo put every value back as it was.
 */
export interface TableSet {
  all: string[];
  /** Without import_batch and audit_event, which an undo keeps by design (the batch marked reverted, its event). */
  content: string[];
}

export async function userTables(handle: DatabaseHandle): Promise<TableSet> {
  const rows = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`.execute(handle.db);
  const all = rows.rows.map((r) => r.name);
  return { all, content: all.filter((t) => t !== "import_batch" && t !== "audit_event" && t !== "kysely_migration" && t !== "kysely_migration_lock") };
}

async function perTable(handle: DatabaseHandle, tables: string[], expression: (table: string) => ReturnType<typeof sql>): Promise<string> {
  const parts = tables.map((t, i) => sql`(${expression(t)}) as ${sql.ref(`t${i}`)}`);
  const result = await sql<Record<string, string>>`select ${sql.join(parts)}`.execute(handle.db);
  const row = result.rows[0] ?? {};
  return tables.map((t, i) => `${t}=${String(row[`t${i}`])}`).join(" ");
}

export function writeMark(handle: DatabaseHandle, tables: TableSet): Promise<string> {
  return perTable(handle, tables.all, (t) => sql`select count(*) || ':' || coalesce(max(xmin::text::bigint), 0) from ${sql.table(t)}`);
}

export function contentSum(handle: DatabaseHandle, tables: TableSet): Promise<string> {
  return perTable(handle, tables.content, (t) => sql`select count(*) || ':' || coalesce(sum(hashtext(x::text)), 0) from ${sql.table(t)} x`);
}

/** The tables that differ between two marks, for a failure message. */
export function differingTables(a: string, b: string): string {
  const right = new Map(b.split(" ").map((p) => p.split("=") as [string, string]));
  return a
    .split(" ")
    .map((p) => p.split("=") as [string, string])
    .filter(([t, v]) => right.get(t) !== v)
    .map(([t, v]) => `${t} ${v} → ${right.get(t) ?? "?"}`)
    .join(", ");
}

/**
 * EXPLAIN of the statements a request ran (recorded from kysely's log), each
 * with its own parameters, on PostgreSQL: every scan of a zone-owned table
 * (db/distribution.ts) must go through an index whose first column is
 * zone_code, as it must when the tables are distributed by zone. Shared by
 * bench:read-paths and bench:national.
 */
import pg from "pg";
import { ZONE_OWNED_TABLES } from "@/db/distribution";

export interface RecordedStatement {
  sql: string;
  parameters: readonly unknown[];
  request: string;
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

/**
 * `forbidSeqScan`: on small tables (the demo) a sequential scan wins anyway, so
 * it is forbidden to see whether an index led by zone_code can serve the
 * statement; at national scale the planner's own choice is the one checked.
 */
export async function checkPlans(url: string, statements: readonly RecordedStatement[], forbidSeqScan: boolean): Promise<{ checked: number; bad: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const indexes = await client.query<{ index: string; first: string }>(
      `select i.relname as index, a.attname as first from pg_index x join pg_class i on i.oid = x.indexrelid
       join pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[0]`,
    );
    const firstColumn = new Map(indexes.rows.map((r) => [r.index, r.first]));
    const owned = new Set<string>(ZONE_OWNED_TABLES);
    const seen = new Set<string>();
    const bad: string[] = [];
    let checked = 0;
    if (forbidSeqScan) await client.query("set enable_seqscan = off");
    /** The indexes a scan node reads: its own, or for a bitmap heap scan its bitmap index scans'. */
    const indexesOf = (n: PlanNode): string[] =>
      n["Index Name"] ? [n["Index Name"]] : n["Node Type"].startsWith("Bitmap") ? (n.Plans ?? []).filter((c) => c["Node Type"].startsWith("Bitmap")).flatMap(indexesOf) : [];
    for (const s of statements) {
      if (seen.has(s.sql) || !/^\s*(select|with)/i.test(s.sql)) continue;
      seen.add(s.sql);
      checked++;
      const result = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`explain (format json) ${s.sql}`, s.parameters as unknown[]);
      const walk = (n: PlanNode): void => {
        if (n["Relation Name"] && owned.has(n["Relation Name"])) {
          const used = indexesOf(n);
          if (used.length === 0 || used.some((i) => firstColumn.get(i) !== "zone_code"))
            bad.push(
              `${s.request}: ${n["Node Type"]} on ${n["Relation Name"]}${used.length ? ` (${used.map((i) => `${i}, led by ${firstColumn.get(i)}`).join("; ")})` : ""} in: ${s.sql.replace(/\s+/g, " ").slice(0, 160)}…`,
            );
        }
        n.Plans?.forEach(walk);
      };
      walk(result.rows[0]!["QUERY PLAN"][0].Plan);
    }
    return { checked, bad };
  } finally {
    await client.end();
  }
}

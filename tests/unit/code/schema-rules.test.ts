import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { pgliteKysely } from "@/db/pglite-session";
import { migrateToLatest } from "@/db/migrate";
import type { Database } from "@/db/schema";
import { LOCAL_TABLES, REFERENCE_TABLES, ZONE_OWNED_TABLES } from "@/db/distribution";

/**
 * The Citus-ready schema rules (issue 18, db/distribution.ts), checked on the
 * catalogue of a database built from every migration: a fresh PGlite, and a
 * fresh database on the PostgreSQL server when TEST_DATABASE_URL is set.
 *
 * - every table is zone-owned, reference or local (a new table must choose);
 * - a zone-owned table has zone_code not null, in its primary key and in every
 *   unique index (so a unique check never spans two zones' shards);
 * - a foreign key between zone-owned tables is composite and pairs zone_code
 *   with zone_code; a zone-owned table references only zone-owned or reference
 *   tables (Citus allows no key from a distributed table to a local one);
 * - reference and local tables never reference a zone-owned table.
 */
interface Catalogue {
  tables: string[];
  /** table → column → not null */
  columns: Map<string, Map<string, boolean>>;
  /** unique indexes, primary keys included: their key columns (null for an expression) */
  uniques: { table: string; name: string; primary: boolean; columns: (string | null)[] }[];
  foreignKeys: { table: string; name: string; columns: string[]; references: string; referencedColumns: string[] }[];
}

async function readCatalogue(db: Kysely<Database>, schema: string): Promise<Catalogue> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relkind in ('r', 'p') order by 1`.execute(db);
  const columns = await sql<{ table: string; column: string; notnull: boolean }>`
    select c.relname as table, a.attname as column, a.attnotnull as notnull
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`.execute(db);
  const uniques = await sql<{ table: string; name: string; primary: boolean; columns: (string | null)[] | string }>`
    select t.relname as table, i.relname as name, x.indisprimary as primary,
      array(select a.attname from unnest(x.indkey::int2[]) with ordinality k(attnum, ord)
            left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
            where k.ord <= x.indnkeyatts order by k.ord) as columns
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = ${schema} and x.indisunique`.execute(db);
  const foreignKeys = await sql<{ table: string; name: string; columns: string[] | string; references: string; referenced_columns: string[] | string }>`
    select c.relname as table, k.conname as name, r.relname as references,
      array(select a.attname from unnest(k.conkey) with ordinality u(attnum, ord) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.ord) as columns,
      array(select a.attname from unnest(k.confkey) with ordinality u(attnum, ord) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.ord) as referenced_columns
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class r on r.oid = k.confrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and k.contype = 'f'`.execute(db);
  // name[] arrives as an array from both drivers; a text form is parsed to be safe.
  const list = (v: (string | null)[] | string): (string | null)[] => (Array.isArray(v) ? v : v.replace(/^\{|\}$/g, "").split(",").map((x) => (x === "NULL" ? null : x)));
  const byTable = new Map<string, Map<string, boolean>>();
  for (const c of columns.rows) {
    if (!byTable.has(c.table)) byTable.set(c.table, new Map());
    byTable.get(c.table)!.set(c.column, c.notnull);
  }
  return {
    tables: tables.rows.map((t) => t.name),
    columns: byTable,
    uniques: uniques.rows.map((u) => ({ table: u.table, name: u.name, primary: u.primary, columns: list(u.columns) })),
    foreignKeys: foreignKeys.rows.map((f) => ({ table: f.table, name: f.name, columns: list(f.columns) as string[], references: f.references, referencedColumns: list(f.referenced_columns) as string[] })),
  };
}

const zoneOwned = new Set<string>(ZONE_OWNED_TABLES);
const reference = new Set<string>(REFERENCE_TABLES);
const local = new Set<string>(LOCAL_TABLES);

/** Every rule broken, in words (empty when the schema follows them). */
function violations(cat: Catalogue): string[] {
  const out: string[] = [];
  for (const t of cat.tables) {
    const lists = [zoneOwned.has(t), reference.has(t), local.has(t)].filter(Boolean).length;
    if (lists !== 1) out.push(`${t}: in ${lists} lists of db/distribution.ts (zone-owned, reference, local): it must be in exactly one`);
  }
  for (const t of [...zoneOwned, ...reference, ...local]) if (!cat.tables.includes(t)) out.push(`${t}: listed in db/distribution.ts but not in the schema`);
  for (const t of cat.tables.filter((x) => zoneOwned.has(x))) {
    const zone = cat.columns.get(t)?.get("zone_code");
    if (zone === undefined) out.push(`${t}: zone-owned without a zone_code column`);
    else if (!zone) out.push(`${t}: zone_code may be null`);
    const uniques = cat.uniques.filter((u) => u.table === t);
    if (!uniques.some((u) => u.primary)) out.push(`${t}: no primary key`);
    for (const u of uniques) if (!u.columns.includes("zone_code")) out.push(`${t}: ${u.primary ? "primary key" : "unique index"} ${u.name} (${u.columns.map((c) => c ?? "expression").join(", ")}) without zone_code`);
  }
  for (const f of cat.foreignKeys) {
    const from = zoneOwned.has(f.table) ? "zone-owned" : reference.has(f.table) ? "reference" : "local";
    const to = zoneOwned.has(f.references) ? "zone-owned" : reference.has(f.references) ? "reference" : "local";
    if (from !== "zone-owned" && to === "zone-owned") out.push(`${f.table} (${from}): foreign key ${f.name} references the zone-owned ${f.references}`);
    if (from === "zone-owned" && to === "local") out.push(`${f.table}: foreign key ${f.name} references the local table ${f.references}`);
    if (from === "zone-owned" && to === "zone-owned") {
      const i = f.columns.indexOf("zone_code");
      if (i < 0 || f.referencedColumns[i] !== "zone_code") out.push(`${f.table}: foreign key ${f.name} (${f.columns.join(", ")}) → ${f.references} (${f.referencedColumns.join(", ")}) is not composite with zone_code`);
    }
  }
  return out;
}

const engines: { name: string; open: () => Promise<{ db: Kysely<Database>; schema: string; close: () => Promise<void> }> }[] = [
  {
    name: "PGlite",
    open: async () => {
      const { db } = pgliteKysely(await PGlite.create());
      await migrateToLatest(db);
      return { db, schema: "public", close: () => db.destroy() };
    },
  },
];
const url = process.env.TEST_DATABASE_URL;
if (url) {
  engines.push({
    name: "PostgreSQL",
    open: async () => {
      // A database of its own on the test server, so the shared test database is not touched; dropped at the end.
      const name = `osv_schema_rules_${randomBytes(4).toString("hex")}`;
      const admin = async (statement: string) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(statement);
        } finally {
          await client.end();
        }
      };
      await admin(`create database ${name}`);
      const target = new URL(url);
      target.pathname = `/${name}`;
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.toString(), max: 1 }) }) });
      await migrateToLatest(db);
      return {
        db,
        schema: "public",
        close: async () => {
          await db.destroy();
          await admin(`drop database ${name}`);
        },
      };
    },
  });
}

for (const engine of engines) {
  describe(`schema rules on ${engine.name}`, () => {
    let opened: Awaited<ReturnType<(typeof engines)[number]["open"]>> | undefined;
    let cat: Catalogue;
    beforeAll(async () => {
      const db = await engine.open();
      opened = db;
      cat = await readCatalogue(db.db, db.schema);
    }, 120_000);
    afterAll(async () => opened?.close());

    it("every table is zone-owned, reference or local; zone-owned ones keep zone_code in every key; references never point from a shared table into a zone's", () => {
      expect(cat.tables.length).toBeGreaterThan(20);
      expect(violations(cat)).toEqual([]);
    });

    it("finds a rule broken when it is", () => {
      const broken: Catalogue = {
        ...cat,
        uniques: [...cat.uniques, { table: "observation", name: "observation_by_id", primary: false, columns: ["id"] }],
        foreignKeys: [
          ...cat.foreignKeys,
          { table: "target", name: "target_plan_by_id", columns: ["plan_id"], references: "plan", referencedColumns: ["id"] },
          { table: "indicator", name: "indicator_first_seen", columns: ["seen_in"], references: "observation", referencedColumns: ["id"] },
        ],
        tables: [...cat.tables, "new_table"],
      };
      const found = violations(broken);
      expect(found).toContain("observation: unique index observation_by_id (id) without zone_code");
      expect(found.some((v) => v.startsWith("target: foreign key target_plan_by_id"))).toBe(true);
      expect(found.some((v) => v.startsWith("indicator (reference): foreign key indicator_first_seen"))).toBe(true);
      expect(found.some((v) => v.startsWith("new_table: in 0 lists"))).toBe(true);
    });
  });
}

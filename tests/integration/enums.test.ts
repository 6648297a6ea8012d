import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { DatabaseHandle } from "@/db/client";
import { BATCH_STATUSES, IMPORT_KINDS } from "@/lib/batches";
import { AGGREGATIONS, POLARITIES, THEMES, ZONE_ROW_ROLES } from "@/lib/catalog/schema";
import { RESOURCE_KINDS } from "@/lib/catalog/resource-kinds";
import { SERVICE_AREA_CODES, SPENDING_TYPE_CODES } from "@/lib/catalog/service-areas";
import { PERIOD_TYPES } from "@/lib/periods";
import { OBJECTIVE_AREA_CODES, PLAN_ACT_TYPES, TARGET_PROVENANCES } from "@/lib/targets/plan";
import { TARGET_KINDS } from "@/lib/targets/status";
import { LEPS_ITEM_CODES, LEPS_ITEM_STATES } from "@/lib/leps/items";
import { NOTE_SUBJECT_KINDS } from "@/lib/notes";
import { MANAGEMENT_MODE_CODES } from "@/lib/services/categories";
import { STAFF_EMPLOYER_CODES, STAFF_PROFILE_CODES } from "@/lib/services/staff";
import { STORED_AGGREGATE_STATUSES, ZONE_SOURCES } from "@/lib/indicators/aggregate";
import { REPORT_STATUSES } from "@/db/schema";
import { DISTRIBUTION_SOURCES } from "@/lib/copayment/proposal";
import { testEngines } from "@/tests/helpers/db";

/**
 * One source per enum: the TypeScript constants. The migrated database's
 * `check (column in (…))` constraints must accept exactly those values, and
 * every such constraint must have its constant here.
 */
const SOURCES: Record<string, readonly (string | number)[]> = {
  "import_batch.kind": IMPORT_KINDS,
  "import_batch.status": BATCH_STATUSES,
  "indicator.theme": THEMES,
  "indicator.polarity": POLARITIES,
  "indicator.aggregation": AGGREGATIONS,
  "indicator.zone_row": ZONE_ROW_ROLES,
  "service.area": SERVICE_AREA_CODES,
  "service.spending_type": SPENDING_TYPE_CODES,
  "observation.period_type": PERIOD_TYPES,
  "resource.kind": RESOURCE_KINDS,
  "plan.act_type": PLAN_ACT_TYPES,
  "plan_objective.area": OBJECTIVE_AREA_CODES,
  "target.kind": TARGET_KINDS,
  "target.provenance": TARGET_PROVENANCES,
  "leps_item.item": LEPS_ITEM_CODES,
  "leps_item.state": LEPS_ITEM_STATES,
  "note.subject_kind": NOTE_SUBJECT_KINDS,
  "service.management_mode": MANAGEMENT_MODE_CODES,
  "staff_position.profile": STAFF_PROFILE_CODES,
  "staff_position.employer": STAFF_EMPLOYER_CODES,
  "report.status": REPORT_STATUSES,
  "zone_aggregate.source": ZONE_SOURCES,
  "zone_aggregate.status": STORED_AGGREGATE_STATUSES,
  "copayment_proposal.distribution_source": DISTRIBUTION_SOURCES,
};

/**
 * PostgreSQL shows `check (x in ('a','b'))` as
 * `CHECK ((x = ANY (ARRAY['a'::text, 'b'::text])))` and a single value as `CHECK ((x = 'a'::text))`.
 */
function parseInCheck(definition: string): { column: string; values: string[] } | null {
  const m = /^CHECK \(\(\(?"?(\w+)"?\)?(?:::\w+)? = ANY \(\(?ARRAY\[(.*)\]\)?(?:::\w+\[\])?\)\)\)$/.exec(definition);
  if (!m) return null;
  const values = [...m[2]!.matchAll(/'((?:[^']|'')*)'|(-?\d+)/g)].map((v) => (v[1] !== undefined ? v[1].replace(/''/g, "'") : v[2]!));
  return { column: m[1]!, values };
}

describe("parseInCheck", () => {
  it("reads the values of an in-list check as PostgreSQL prints it", () => {
    expect(parseInCheck("CHECK ((status = ANY (ARRAY['previewed'::text, 'committed'::text])))")).toEqual({ column: "status", values: ["previewed", "committed"] });
    expect(parseInCheck("CHECK ((polarity = ANY (ARRAY['-1'::integer, 0, 1])))")).toEqual({ column: "polarity", values: ["-1", "0", "1"] });
    expect(parseInCheck("CHECK ((stanziato >= (0)::numeric))")).toBeNull();
  });
});

for (const engine of testEngines()) {
  describe(`SQL checks and TypeScript enums agree (${engine.name})`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await engine.open();
    });
    afterAll(() => handle.close());

    it("accepts exactly the constants' values in every enumerated column", async () => {
      const { rows } = await sql<{ table: string; definition: string }>`
        select c.conrelid::regclass::text as "table", pg_get_constraintdef(c.oid) as definition
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'c' and n.nspname = 'public'`.execute(handle.db);
      const found: Record<string, string[]> = {};
      for (const r of rows) {
        const check = parseInCheck(r.definition);
        if (check) found[`${r.table}.${check.column}`] = [...check.values].sort();
      }
      const expected = Object.fromEntries(Object.entries(SOURCES).map(([k, v]) => [k, v.map(String).sort()]));
      expect(found).toEqual(expected);
    });
  });
}

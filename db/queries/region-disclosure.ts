import { sql } from "kysely";
import type { Db } from "./zones";
import { zoneProtectionBlocks } from "./values";
import { publishableRegionFigures } from "@/lib/disclosure";
import type { IndicatorDefinition } from "@/lib/catalog/schema";

/**
 * Which region figures of counts of people a protected reader may see
 * (publishableRegionFigures over every zone's protection blocks). The answer
 * depends on the stored data only, not on the reader, and is costly (every
 * zone of the region: ~100 in Lombardia), so it is kept in this process
 * keyed by a version of the data read in one small query: any import,
 * commit, undo, change of a zone's threshold or of the membership changes it,
 * and the next reader recomputes. A command-line import in another process
 * changes the same rows, so the cache never outlives what it was built on.
 */
const MAX_ENTRIES = 500;
const cache = new Map<string, { version: string; publishable: Promise<Set<string>> }>();

/** Cheap fingerprint of everything the region's protection blocks are built from. */
export async function dataVersion(db: Db, regionCode: string): Promise<string> {
  const row = await sql<{ v: string }>`
    select concat_ws('|',
      (select concat_ws(':', max(id), count(*) filter (where status = 'committed'), count(*) filter (where status = 'reverted'), max(committed_at), max(reverted_at)) from import_batch),
      (select string_agg(code || '=' || disclosure_threshold, ',' order by code) from zone where region_code = ${regionCode}),
      (select concat_ws(':', max(id), count(*)) from zone_membership)
    ) as v`.execute(db);
  return row.rows[0]?.v ?? "";
}

/**
 * The keys (codes of counts of people) whose region figure for `year` can be
 * published: those of `keys` that every zone of the region has and that pass
 * the exact audit of region × zones × comuni. `codes` are the indicators shown
 * (counts and the rates on them), whose zone blocks are read.
 */
export async function publishableRegionCounts(
  db: Db,
  region: { code: string; zones: readonly string[] },
  codes: readonly string[],
  keys: readonly string[],
  year: number,
  catalogue: readonly IndicatorDefinition[],
): Promise<Set<string>> {
  const sorted = [...new Set(keys)].sort();
  const shown = [...new Set(codes)].sort();
  if (sorted.length === 0) return new Set();
  // Inside a transaction the data may have just changed and not be committed: no cache.
  if (db.isTransaction) return compute(db, region.zones, shown, sorted, year, catalogue);
  const id = `${region.code}|${year}|${shown.join(",")}|${sorted.join(",")}`;
  const version = await dataVersion(db, region.code);
  const hit = cache.get(id);
  if (hit && hit.version === version) return hit.publishable;
  const publishable = compute(db, region.zones, shown, sorted, year, catalogue);
  cache.delete(id);
  cache.set(id, { version, publishable });
  publishable.catch(() => cache.delete(id));
  // Oldest first in a Map: drop it when full.
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return publishable;
}

async function compute(db: Db, zones: readonly string[], codes: readonly string[], keys: readonly string[], year: number, catalogue: readonly IndicatorDefinition[]): Promise<Set<string>> {
  const blocks = await Promise.all(zones.map((z) => zoneProtectionBlocks(db, z, codes, year, catalogue)));
  const figures = keys.map((key) => ({ key, zones: blocks.map((zoneBlock) => zoneBlock(year, key)).filter((b) => b !== null) }));
  return publishableRegionFigures(figures.filter((f) => f.zones.length === zones.length));
}

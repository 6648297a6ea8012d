import type { Db } from "./zones";
import { StoredMapping } from "@/imports/csv/column-map";
import type { DatasetKind } from "@/imports/report";

/**
 * Column mappings saved for a zone (db/migrations/0011_column_mapping.ts):
 * read before an import, written by the import's commit (inside its
 * transaction, so a rejected or previewed file saves nothing).
 */
export interface SavedMapping {
  id: number;
  zoneCode: string | null;
  kind: Exclude<DatasetKind, "confini">;
  headerKey: string;
  name: string;
  mapping: StoredMapping;
  createdBy: string | null;
  updatedAt: Date;
}

/** Every mapping saved for the zone (zone-less kinds: zoneCode null), newest first: a handful per zone. */
export async function listColumnMappings(db: Db, zoneCode: string | null): Promise<SavedMapping[]> {
  let query = db.selectFrom("column_mapping").selectAll();
  query = zoneCode === null ? query.where("zone_code", "is", null) : query.where("zone_code", "=", zoneCode);
  const rows = await query.orderBy("updated_at", "desc").orderBy("id", "desc").execute();
  return rows.flatMap((r) => {
    // A row written by an older version that no longer parses is left aside, never applied half-read.
    const parsed = StoredMapping.safeParse(typeof r.mapping === "string" ? JSON.parse(r.mapping) : r.mapping);
    if (!parsed.success) return [];
    return [
      {
        id: Number(r.id),
        zoneCode: r.zone_code,
        kind: r.kind as SavedMapping["kind"],
        headerKey: r.header_key,
        name: r.name,
        mapping: parsed.data,
        createdBy: r.created_by,
        updatedAt: new Date(r.updated_at),
      },
    ];
  });
}

export interface MappingToSave {
  zoneCode: string | null;
  kind: SavedMapping["kind"];
  headerKey: string;
  name: string;
  mapping: StoredMapping;
  /** The saved row this one replaces (same zone, kind and headers), if any. */
  replacesId: number | null;
  userLabel: string | null;
}

/** Saves (or replaces) a mapping; `db` is the import's transaction. */
export async function saveColumnMapping(db: Db, input: MappingToSave): Promise<void> {
  const mapping = JSON.stringify(input.mapping);
  if (input.replacesId !== null) {
    await db
      .updateTable("column_mapping")
      .set({ name: input.name, mapping, created_by: input.userLabel, updated_at: new Date() })
      .where("id", "=", input.replacesId)
      .execute();
    return;
  }
  await db
    .insertInto("column_mapping")
    .values({ zone_code: input.zoneCode, kind: input.kind, header_key: input.headerKey, name: input.name, mapping, created_by: input.userLabel })
    .execute();
}

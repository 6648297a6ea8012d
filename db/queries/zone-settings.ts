import type { Db } from "./zones";
import { oncePerRequest } from "./request-memo";
import { recordAudit } from "./audit";
import { z } from "zod";
import { MAX_DISCLOSURE_THRESHOLD, MIN_DISCLOSURE_THRESHOLD } from "@/lib/disclosure";

/**
 * Per-zone settings (no "server-only": the zone CLI writes them too). Today
 * the disclosure threshold: counts of people below it are withheld from
 * protected readers on every page, export and API (db/queries/values.ts).
 */

export const DisclosureThreshold = z.coerce
  .number({ error: "La soglia deve essere un numero intero." })
  .int("La soglia deve essere un numero intero.")
  .min(MIN_DISCLOSURE_THRESHOLD, `La soglia non può essere inferiore a ${MIN_DISCLOSURE_THRESHOLD} (regole SISTAN).`)
  .max(MAX_DISCLOSURE_THRESHOLD, `La soglia non può superare ${MAX_DISCLOSURE_THRESHOLD}.`);

export class ZoneSettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZoneSettingError";
  }
}

/** The zone's disclosure threshold (3 unless an administrator raised it); 3 for an unknown zone. */
export function zoneDisclosureThreshold(db: Db, zoneCode: string): Promise<number> {
  return oncePerRequest(db, `threshold:${zoneCode}`, () => readZoneDisclosureThreshold(db, zoneCode));
}

async function readZoneDisclosureThreshold(db: Db, zoneCode: string): Promise<number> {
  const row = await db.selectFrom("zone").select("disclosure_threshold").where("code", "=", zoneCode).executeTakeFirst();
  return row?.disclosure_threshold ?? MIN_DISCLOSURE_THRESHOLD;
}

/** Every zone with its threshold, for the administration page and the CLI. */
export async function listZoneThresholds(db: Db): Promise<{ code: string; regionCode: string; name: string; threshold: number }[]> {
  const rows = await db.selectFrom("zone").select(["code", "region_code", "name", "disclosure_threshold"]).orderBy("region_code").orderBy("number").execute();
  return rows.map((r) => ({ code: r.code, regionCode: r.region_code, name: r.name, threshold: r.disclosure_threshold }));
}

/** Sets a zone's threshold and records who changed it from what, in one transaction. */
export async function setZoneDisclosureThreshold(db: Db, input: { zoneCode: string; threshold: unknown; actor: string }): Promise<{ before: number; after: number }> {
  const parsed = DisclosureThreshold.safeParse(input.threshold);
  if (!parsed.success) throw new ZoneSettingError(parsed.error.issues[0]?.message ?? "Soglia non valida.");
  const after = parsed.data;
  return db.isTransaction ? write(db, input.zoneCode, after, input.actor) : db.transaction().execute((trx) => write(trx, input.zoneCode, after, input.actor));
}

async function write(db: Db, zoneCode: string, after: number, actor: string): Promise<{ before: number; after: number }> {
  const row = await db.selectFrom("zone").select("disclosure_threshold").where("code", "=", zoneCode).forUpdate().executeTakeFirst();
  if (!row) throw new ZoneSettingError(`Zona ${zoneCode} inesistente.`);
  if (row.disclosure_threshold !== after) {
    await db.updateTable("zone").set({ disclosure_threshold: after }).where("code", "=", zoneCode).execute();
    await recordAudit(db, { actor, action: "zone.disclosure_threshold", zoneCode, subject: `zone:${zoneCode}`, details: { before: row.disclosure_threshold, after } });
  }
  return { before: row.disclosure_threshold, after };
}

import "server-only";
import type { Db } from "./zones";
import { recordAudit } from "./audit";
import type { ReportText } from "@/lib/report/model";
import type { ReportStatus } from "@/db/schema";

/**
 * The draft of a zone's annual report: its state (bozza / approvata, shared
 * with the Conferenza or not) and the planners' texts, one per section key,
 * each with its author and date. Writing a text is audited in the same
 * transaction; the draft row is created on the first write.
 */

export interface ReportDraft {
  zoneCode: string;
  year: number;
  status: ReportStatus;
  shared: boolean;
  deliberationNumber: string | null;
  deliberationDate: string | null;
  approvedBy: string | null;
  approvedAt: Date | null;
}

const isoDate = (v: Date | string | null): string | null => (v === null ? null : typeof v === "string" ? v.slice(0, 10) : v.toISOString().slice(0, 10));

export async function reportDraft(db: Db, zoneCode: string, year: number): Promise<ReportDraft | null> {
  const r = await db.selectFrom("report").selectAll().where("zone_code", "=", zoneCode).where("year", "=", year).executeTakeFirst();
  if (!r) return null;
  return {
    zoneCode: r.zone_code,
    year: r.year,
    status: r.status,
    shared: r.shared,
    deliberationNumber: r.deliberation_number,
    deliberationDate: isoDate(r.deliberation_date),
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
  };
}

export async function reportTexts(db: Db, zoneCode: string, year: number): Promise<Map<string, ReportText>> {
  const rows = await db.selectFrom("report_text").selectAll().where("zone_code", "=", zoneCode).where("year", "=", year).execute();
  return new Map(rows.filter((r) => r.body.trim() !== "").map((r) => [r.section_key, { key: r.section_key, body: r.body, author: r.author, updatedAt: new Date(r.updated_at).toISOString() }]));
}

/** Inside a transaction: the draft row of the year, created when missing. */
export async function ensureReport(trx: Db, zoneCode: string, year: number): Promise<void> {
  await trx.insertInto("report").values({ zone_code: zoneCode, year }).onConflict((oc) => oc.columns(["zone_code", "year"]).doNothing()).execute();
}

/** Saves (or, with an empty body, clears) one text of the draft. */
export async function saveReportText(db: Db, zoneCode: string, year: number, key: string, body: string, author: string): Promise<void> {
  const run = async (trx: Db) => {
    await ensureReport(trx, zoneCode, year);
    const previous = await trx.selectFrom("report_text").select("body").where("zone_code", "=", zoneCode).where("year", "=", year).where("section_key", "=", key).executeTakeFirst();
    await trx
      .insertInto("report_text")
      .values({ zone_code: zoneCode, year, section_key: key, body, author })
      .onConflict((oc) => oc.columns(["zone_code", "year", "section_key"]).doUpdateSet({ body, author, updated_at: new Date() }))
      .execute();
    await trx.updateTable("report").set({ updated_at: new Date() }).where("zone_code", "=", zoneCode).where("year", "=", year).execute();
    await recordAudit(trx, { actor: author, action: "report.text", zoneCode, subject: `report:${year}:${key}`, details: { previous: previous?.body ?? null, length: body.length } });
  };
  if ("isTransaction" in db && db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}

/** Every draft of the zone, newest year first. */
export async function listReportDrafts(db: Db, zoneCode: string): Promise<ReportDraft[]> {
  const rows = await db.selectFrom("report").select("year").where("zone_code", "=", zoneCode).orderBy("year", "desc").execute();
  const out: ReportDraft[] = [];
  for (const r of rows) out.push((await reportDraft(db, zoneCode, r.year))!);
  return out;
}

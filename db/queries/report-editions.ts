import "server-only";
import type { Db } from "./zones";
import { recordAudit } from "./audit";
import { toNumber } from "./convert";
import { ensureReport, reportDraft } from "./report-texts";
import { buildReport, REPORT_VALUE_CODES } from "./report";
import { auditReportCounts } from "./report-audit";
import { zoneYears } from "./indicators";
import type { ReportDocument } from "@/lib/report/model";
import { ConflictError, UnprocessableError } from "@/lib/errors";

/**
 * Approval and publication of a zone's annual report. A planner records the
 * Conferenza's deliberation (bozza → approvata), then publishes: the whole
 * document as it is now is stored as an edition (numbers, texts, tables,
 * with the import batches it was built from) and never changes again —
 * later imports change the draft, not the edition. A new edition of the
 * same year supersedes the previous one; both stay readable. The draft goes
 * back to bozza for the next round.
 */

export interface EditionSummary {
  id: number;
  year: number;
  number: number;
  publishedAt: Date;
  publishedBy: string;
  deliberationNumber: string;
  deliberationDate: string;
  supersededAt: Date | null;
  supersededByNumber: number | null;
}

export interface Edition extends EditionSummary {
  document: ReportDocument;
  batches: { id: number; kind: string; fileName: string; committedAt: Date | null }[];
}

const isoDate = (v: Date | string): string => (typeof v === "string" ? v.slice(0, 10) : v.toISOString().slice(0, 10));

const inTransaction = async (db: Db, run: (trx: Db) => Promise<void>) => {
  if ("isTransaction" in db && db.isTransaction) await run(db);
  else await db.transaction().execute(run);
};

export async function approveReport(db: Db, zoneCode: string, year: number, deliberation: { number: string; date: string }, actor: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await ensureReport(trx, zoneCode, year);
    await trx
      .updateTable("report")
      .set({ status: "approvata", deliberation_number: deliberation.number, deliberation_date: deliberation.date, approved_by: actor, approved_at: new Date(), updated_at: new Date() })
      .where("zone_code", "=", zoneCode)
      .where("year", "=", year)
      .execute();
    await recordAudit(trx, { actor, action: "report.approve", zoneCode, subject: `report:${year}`, details: deliberation });
  });
}

export async function shareReportDraft(db: Db, zoneCode: string, year: number, shared: boolean, actor: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await ensureReport(trx, zoneCode, year);
    await trx.updateTable("report").set({ shared, updated_at: new Date() }).where("zone_code", "=", zoneCode).where("year", "=", year).execute();
    await recordAudit(trx, { actor, action: shared ? "report.share" : "report.unshare", zoneCode, subject: `report:${year}` });
  });
}

/** Publishes the approved draft as a new edition; refuses a draft not approved, or one whose counts fail the exact audit. */
export async function publishEdition(db: Db, zoneCode: string, year: number, actor: string, options: { now?: Date } = {}): Promise<EditionSummary> {
  const draft = await reportDraft(db, zoneCode, year);
  if (draft?.status !== "approvata" || !draft.deliberationNumber || !draft.deliberationDate) {
    throw new ConflictError("Prima di pubblicare, registrare l'approvazione della Conferenza di zona (numero e data della deliberazione).");
  }
  const doc = await buildReport(db, zoneCode, year, options);
  // The exact audit across every table of the edition: nothing is published if a hidden count could be recovered.
  const years = (await zoneYears(db, zoneCode)).filter((y) => y <= year).slice(-5);
  const audit = await auditReportCounts(db, zoneCode, REPORT_VALUE_CODES, years);
  if (!audit.passed) throw new UnprocessableError("La verifica della riservatezza statistica non è superata: l'edizione non è pubblicata. Il problema è stato registrato.");
  let id = 0;
  let number = 0;
  await inTransaction(db, async (trx) => {
    const last = await trx.selectFrom("report_edition").select(["id", "number"]).where("zone_code", "=", zoneCode).where("year", "=", year).orderBy("number", "desc").executeTakeFirst();
    number = (last?.number ?? 0) + 1;
    const row = await trx
      .insertInto("report_edition")
      .values({
        zone_code: zoneCode,
        year,
        number,
        published_by: actor,
        deliberation_number: draft.deliberationNumber!,
        deliberation_date: draft.deliberationDate!,
        document: JSON.stringify(doc),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    id = toNumber(row.id);
    if (doc.batchIds.length > 0) {
      await trx.insertInto("report_edition_batch").values(doc.batchIds.map((b) => ({ zone_code: zoneCode, edition_id: id, batch_id: b }))).execute();
    }
    if (last) {
      await trx.updateTable("report_edition").set({ superseded_at: new Date(), superseded_by: id }).where("zone_code", "=", zoneCode).where("id", "=", last.id).execute();
    }
    await trx
      .updateTable("report")
      .set({ status: "bozza", deliberation_number: null, deliberation_date: null, approved_by: null, approved_at: null, updated_at: new Date() })
      .where("zone_code", "=", zoneCode)
      .where("year", "=", year)
      .execute();
    await recordAudit(trx, { actor, action: "report.publish", zoneCode, subject: `report:${year}:${number}`, details: { edition: id, batches: doc.batchIds.length, deliberation: draft.deliberationNumber } });
  });
  return (await listEditions(db, zoneCode)).find((e) => e.id === id)!;
}

export async function listEditions(db: Db, zoneCode: string, year?: number): Promise<EditionSummary[]> {
  let q = db
    .selectFrom("report_edition as e")
    .leftJoin("report_edition as s", (j) => j.onRef("s.zone_code", "=", "e.zone_code").onRef("s.id", "=", "e.superseded_by"))
    .select(["e.id", "e.year", "e.number", "e.published_at", "e.published_by", "e.deliberation_number", "e.deliberation_date", "e.superseded_at", "s.number as superseded_by_number"])
    .where("e.zone_code", "=", zoneCode);
  if (year !== undefined) q = q.where("e.year", "=", year);
  const rows = await q.orderBy("e.year", "desc").orderBy("e.number", "desc").execute();
  return rows.map((r) => ({
    id: toNumber(r.id),
    year: r.year,
    number: r.number,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    deliberationNumber: r.deliberation_number,
    deliberationDate: isoDate(r.deliberation_date),
    supersededAt: r.superseded_at,
    supersededByNumber: r.superseded_by_number ?? null,
  }));
}

export async function getEdition(db: Db, zoneCode: string, year: number, number: number): Promise<Edition | null> {
  const summary = (await listEditions(db, zoneCode, year)).find((e) => e.number === number);
  if (!summary) return null;
  const row = await db.selectFrom("report_edition").select("document").where("zone_code", "=", zoneCode).where("id", "=", summary.id).executeTakeFirstOrThrow();
  const batches = await db
    .selectFrom("report_edition_batch as eb")
    .innerJoin("import_batch as b", "b.id", "eb.batch_id")
    .select(["b.id", "b.kind", "b.file_name", "b.committed_at"])
    .where("eb.zone_code", "=", zoneCode)
    .where("eb.edition_id", "=", summary.id)
    .orderBy("b.id")
    .execute();
  const document = (typeof row.document === "string" ? JSON.parse(row.document) : row.document) as ReportDocument;
  return { ...summary, document, batches: batches.map((b) => ({ id: toNumber(b.id), kind: b.kind, fileName: b.file_name, committedAt: b.committed_at })) };
}

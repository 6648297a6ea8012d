import "server-only";
import type { Db } from "./zones";
import { toIsoDate, toNumber } from "./convert";
import { zoneYears } from "./indicators";
import { zoneValuesAsShown, valuesOf } from "./values";
import type { Principal } from "@/lib/auth/roles";
import { assessSocialWorkers, type SocialWorkerAssessment } from "@/lib/leps/social-workers";
import { LEPS_ITEMS, type LepsItemCode, type LepsItemState } from "@/lib/leps/items";
import { recordAudit } from "./audit";

/**
 * The LEPS panel of a zone: residents per full-time social worker per year
 * with the incentive estimate and its inputs, nursery coverage, and the
 * qualitative checklist. Values are the values as shown to the reader.
 */

export interface SocialWorkerYear {
  year: number;
  population: number | null;
  fte: number | null;
  /** Withheld or partial inputs leave the assessment missing. */
  note: string | null;
  assessment: SocialWorkerAssessment;
}

export interface NidiYear {
  year: number;
  coverage: number | null;
  places: number | null;
  children: number | null;
  note: string | null;
}

export interface LepsChecklistItem {
  code: LepsItemCode;
  label: string;
  source: string;
  /** null: never set ("non rilevato"). */
  state: LepsItemState | null;
  evidence: string | null;
  evidenceUrl: string | null;
  assessedOn: string | null;
  setBy: string | null;
  setAt: Date | null;
}

export interface LepsPanel {
  years: number[];
  socialWorkers: SocialWorkerYear[];
  nidi: NidiYear[];
  checklist: LepsChecklistItem[];
  footnote: string | null;
}

export async function lepsPanel(db: Db, zoneCode: string, principal: Principal): Promise<LepsPanel> {
  const years = await zoneYears(db, zoneCode);
  const shown = await zoneValuesAsShown(db, zoneCode, { principal, codes: ["POP_TOT", "AS_FTE", "COPERTURA_NIDI", "POSTI_NIDO", "POP_0_2"], years });
  const zone = (code: string, year: number) => valuesOf(shown, code, year)?.zone;
  const noteOf = (...vs: (ReturnType<typeof zone>)[]) =>
    vs.some((v) => v?.disclosure === "suppressed") ? "valore riservato" : vs.some((v) => v?.status === "partial") ? "dato parziale: alcuni comuni non lo hanno" : vs.some((v) => !v || v.status === "missing") ? "dato mancante" : null;
  const socialWorkers = years.map((year) => {
    const pop = zone("POP_TOT", year);
    const fte = zone("AS_FTE", year);
    const population = pop?.value ?? null;
    const n = fte?.value ?? null;
    return { year, population, fte: n, note: noteOf(pop, fte), assessment: assessSocialWorkers(population, n) };
  });
  const nidi = years.map((year) => {
    const c = zone("COPERTURA_NIDI", year);
    return { year, coverage: c?.value ?? null, places: zone("POSTI_NIDO", year)?.value ?? null, children: zone("POP_0_2", year)?.value ?? null, note: noteOf(c) };
  });
  return { years, socialWorkers, nidi, checklist: await lepsChecklist(db, zoneCode), footnote: shown.footnote };
}

export async function lepsChecklist(db: Db, zoneCode: string): Promise<LepsChecklistItem[]> {
  const rows = await db.selectFrom("leps_item").selectAll().where("zone_code", "=", zoneCode).where("replaced_at", "is", null).execute();
  return LEPS_ITEMS.map((item) => {
    const r = rows.find((x) => x.item === item.code);
    return {
      code: item.code,
      label: item.label,
      source: item.source,
      state: r?.state ?? null,
      evidence: r?.evidence ?? null,
      evidenceUrl: r?.evidence_url ?? null,
      assessedOn: r ? toIsoDate(r.assessed_on) : null,
      setBy: r?.set_by ?? null,
      setAt: r?.set_at ?? null,
    };
  });
}

export interface LepsItemInput {
  item: LepsItemCode;
  state: LepsItemState;
  evidence: string | null;
  evidenceUrl: string | null;
  assessedOn: string;
}

/**
 * Sets one item: the current row is closed and a new one added, in one
 * transaction with its audit event (the previous state in the details, so the
 * change can be read back and undone).
 */
export async function setLepsItem(db: Db, zoneCode: string, input: LepsItemInput, actor: string): Promise<void> {
  const run = async (trx: Db) => {
    const previous = await trx.selectFrom("leps_item").selectAll().where("zone_code", "=", zoneCode).where("item", "=", input.item).where("replaced_at", "is", null).executeTakeFirst();
    if (previous) await trx.updateTable("leps_item").set({ replaced_at: new Date() }).where("id", "=", previous.id).execute();
    const row = await trx
      .insertInto("leps_item")
      .values({ zone_code: zoneCode, item: input.item, state: input.state, evidence: input.evidence, evidence_url: input.evidenceUrl, assessed_on: input.assessedOn, set_by: actor })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: "leps.set",
      zoneCode,
      subject: `leps_item:${toNumber(row.id)}`,
      details: { item: input.item, state: input.state, previous: previous ? { state: previous.state, evidence: previous.evidence, assessedOn: toIsoDate(previous.assessed_on) } : null },
    });
  };
  if ("isTransaction" in db && db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}

/** Every stored state of an item, newest first (the history shown under the checklist). */
export async function lepsItemHistory(db: Db, zoneCode: string, item: LepsItemCode) {
  const rows = await db.selectFrom("leps_item").selectAll().where("zone_code", "=", zoneCode).where("item", "=", item).orderBy("id", "desc").execute();
  return rows.map((r) => ({ state: r.state, evidence: r.evidence, assessedOn: toIsoDate(r.assessed_on), setBy: r.set_by, setAt: r.set_at, current: r.replaced_at === null }));
}

import { sql } from "kysely";
import type { Db } from "@/db/queries/zones";
import { toNumber, toNumberOrNull, toIsoDate } from "@/db/queries/convert";
import { currentObservation } from "@/db/queries/current";
import { periodOfYear } from "@/db/demo/period";
import { socialWorkerFte, type StaffPosition } from "@/lib/services/staff";
import type { ImportSession } from "../load/session";
import { formatUpTo } from "@/lib/format";

/**
 * A `personale` file also gives the LEPS's social workers (AS_FTE): only
 * social workers employed by the comuni or the ATS, at the latest date of
 * each year the file touches (lib/services/staff.ts), so the office never
 * types the same figure twice. The new AS_FTE rows ride with the import's
 * batch and supersede the current ones, so the preview lists the change, the
 * LEPS ratio follows the commit, and undoing the import restores the values
 * it replaced (imports/load/revert.ts, as for any observation).
 */
export interface SocialWorkerChange {
  year: number;
  /** null: the zone's own row (ATS, or comuni not named). */
  istat: string | null;
  before: number | null;
  /** null: the current row is withdrawn (no such social workers any more). */
  after: number | null;
  currentId: number | null;
}

/** The AS_FTE rows the staged staff gives, compared with the current ones. */
export async function plannedSocialWorkerFte(session: ImportSession, zoneCode: string): Promise<SocialWorkerChange[]> {
  const trx = session.trx;
  const stageYears = await sql.raw<{ year: number | string }>(`select distinct extract(year from as_of)::int as year from ${session.stage}`).execute(trx);
  const years = stageYears.rows.map((r) => toNumber(r.year)).sort((a, b) => a - b);
  if (years.length === 0) return [];
  // The staff after the import: the staged rows, and the current rows of those years the file does not restate.
  const after = await sql<{ as_of: Date | string; profile: string; employer: string; employer_comune: string | null; fte: string | number }>`
    select s.as_of, s.profile, s.employer, s.employer_comune, s.fte from ${sql.table(session.stage)} s
    union all
    select p.as_of, p.profile, p.employer, p.employer_comune, p.fte from staff_position p
    where p.zone_code = ${zoneCode} and p.replaced_by_batch is null and extract(year from p.as_of)::int in (${sql.join(years)})
      and not exists (select 1 from ${sql.table(session.stage)} s
        where s.as_of = p.as_of and s.profile = p.profile and s.employer = p.employer
          and coalesce(s.employer_comune, '') = coalesce(p.employer_comune, '')
          and coalesce(s.service_code, '') = coalesce(p.service_code, '') and coalesce(s.sede, '') = coalesce(p.sede, ''))`.execute(trx);
  const positions: StaffPosition[] = after.rows.map((r) => ({ asOf: toIsoDate(r.as_of)!, profile: r.profile, employer: r.employer, employerComune: r.employer_comune, fte: toNumber(r.fte) }));
  const current = await trx
    .selectFrom("observation as o")
    .select(["o.id", "o.comune_istat", "o.year", "o.value"])
    .where("o.zone_code", "=", zoneCode)
    .where("o.indicator_code", "=", "AS_FTE")
    .where("o.service_code", "is", null)
    .where("o.period_type", "=", "year")
    .where("o.year", "in", years)
    .where(currentObservation("o"))
    .execute();
  const changes: SocialWorkerChange[] = [];
  for (const year of years) {
    const derived = socialWorkerFte(positions, year);
    if (!derived) continue;
    // The zone's row always exists once the staff is known: 0 social workers is a figure, not a gap.
    if (!derived.has(null)) derived.set(null, 0);
    const inYear = current.filter((c) => c.year === year);
    const keys = new Set<string | null>([...derived.keys(), ...inYear.map((c) => c.comune_istat)]);
    for (const istat of keys) {
      const cur = inYear.find((c) => c.comune_istat === istat) ?? null;
      const before = cur ? toNumberOrNull(cur.value) : null;
      const next = derived.get(istat) ?? null;
      if (cur && before === next) continue;
      if (!cur && next === null) continue;
      changes.push({ year, istat, before, after: next, currentId: cur ? toNumber(cur.id) : null });
    }
  }
  return changes;
}

/** Writes the changes under the import's batch (inside its transaction). */
export async function writeSocialWorkerFte(trx: Db, zoneCode: string, batchId: number, changes: readonly SocialWorkerChange[]): Promise<void> {
  for (const c of changes) {
    if (c.currentId !== null) await trx.updateTable("observation").set({ replaced_by_batch: batchId }).where("zone_code", "=", zoneCode).where("id", "=", c.currentId).execute();
    if (c.after !== null) {
      await trx
        .insertInto("observation")
        .values({ indicator_code: "AS_FTE", zone_code: zoneCode, comune_istat: c.istat, service_code: null, ...periodOfYear(c.year), value: c.after, batch_id: batchId })
        .execute();
    }
  }
}

/** The report's note on the derived figures, in Italian. */
export function socialWorkerNote(changes: readonly SocialWorkerChange[], comuneNames: ReadonlyMap<string, string>): string | null {
  if (changes.length === 0) return null;
  const fmt = (v: number | null) => (v === null ? "nessun valore" : formatUpTo(v, 2));
  const items = changes.map((c) => `${c.year}, ${c.istat === null ? "zona (ATS)" : (comuneNames.get(c.istat) ?? c.istat)}: ${fmt(c.before)} → ${fmt(c.after)}`);
  return `Assistenti sociali per il LEPS (AS_FTE, solo dipendenti di comuni e ATS) ricalcolati dal personale: ${items.join("; ")}.`;
}

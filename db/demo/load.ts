import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { Db } from "../queries/zones";
import { createCommittedBatch, sha256 } from "../batches";
import { readUfficiCittadinanza, umbriaZoneCode } from "../reference/load";
import { loadCatalog } from "../catalog/load";
import { periodOfYear } from "./period";
import type { DemoDataset } from "./generate";
import { targetNoteKey } from "@/lib/notes";
import { refreshAllZoneAggregates } from "../queries/zone-aggregates";

export interface DemoLoadResult {
  status: "loaded" | "unchanged";
  batchId: number;
  counts: Record<string, number>;
}

const CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Removes every row that earlier demo batches wrote, then the batches themselves. */
async function removeDemoData(trx: Db): Promise<void> {
  const demoBatches = trx.selectFrom("import_batch").select("id").where("kind", "=", "demo");
  // Editions built from demo data go with it (npm run demo publishes them again from the new data).
  const editions = (await trx.selectFrom("report_edition_batch").select("edition_id").where("batch_id", "in", demoBatches).distinct().execute()).map((r) => r.edition_id);
  if (editions.length > 0) {
    await trx.deleteFrom("report_edition_batch").where("edition_id", "in", editions).execute();
    await trx.updateTable("report_edition").set({ superseded_by: null, superseded_at: null }).where("superseded_by", "in", editions).execute();
    await trx.deleteFrom("report_edition").where("id", "in", editions).execute();
  }
  await trx.deleteFrom("target").where("batch_id", "in", demoBatches).execute();
  await trx.deleteFrom("leps_item").where("batch_id", "in", demoBatches).execute();
  await trx.deleteFrom("note").where("batch_id", "in", demoBatches).execute();
  await trx.deleteFrom("plan_objective").where("batch_id", "in", demoBatches).execute();
  await trx.deleteFrom("plan").where("batch_id", "in", demoBatches).execute();
  await trx.deleteFrom("budget_line").where("batch_id", "in", demoBatches).execute();
  await trx.deleteFrom("service").where("batch_id", "in", demoBatches).execute();
  await trx.deleteFrom("staff_position").where("batch_id", "in", demoBatches).execute();
  await trx.deleteFrom("isee_distribution").where("batch_id", "in", demoBatches).execute();
  await trx.deleteFrom("resource").where("batch_id", "in", demoBatches).execute();
  await trx.deleteFrom("observation").where("batch_id", "in", demoBatches).execute();
  await trx.deleteFrom("import_batch").where("kind", "=", "demo").execute();
}

/**
 * Loads the demo dataset in one transaction. The dataset's hash is stored in
 * its batch: the same dataset again changes nothing; a changed generator
 * replaces the old demo rows instead of adding to them.
 */
export async function loadDemoDataset(db: Kysely<Database>, dataset: DemoDataset): Promise<DemoLoadResult> {
  const hash = sha256(JSON.stringify(dataset));
  const existing = await db
    .selectFrom("import_batch")
    .select("id")
    .where("kind", "=", "demo")
    .where("file_hash", "=", hash)
    .where("status", "=", "committed")
    .executeTakeFirst();
  if (existing) return { status: "unchanged", batchId: Number(existing.id), counts: {} };

  return db.transaction().execute(async (trx) => {
    await loadCatalog(trx);
    await removeDemoData(trx);
    const batchId = await createCommittedBatch(trx, {
      kind: "demo",
      zoneCode: null,
      fileName: "dati-dimostrativi (generati)",
      fileHash: hash,
      userLabel: "npm run demo",
      format: "demo",
      // The zones the demo writes: only their pages say «Dati dimostrativi» (zoneHasDemoData).
      report: { note: "Dati sintetici generati da db/demo/generate: non descrivono la realtà.", zones: demoZonesOf(dataset) },
    });

    await insertChunked(dataset.observations, (chunk) =>
      trx
        .insertInto("observation")
        .values(
          chunk.map((o) => ({
            indicator_code: o.indicatorCode,
            zone_code: o.zoneCode,
            comune_istat: o.istat,
            ...periodOfYear(Number(o.period)),
            value: o.value,
            numerator: o.numerator ?? null,
            denominator: o.denominator ?? null,
            service_code: o.serviceCode ?? null,
            batch_id: batchId,
          })),
        )
        .execute(),
    );

    await insertChunked(dataset.services, (chunk) =>
      trx
        .insertInto("service")
        .values(
          chunk.map((s) => ({
            zone_code: s.zoneCode,
            code: s.code,
            name: s.name,
            area: s.area,
            spending_type: s.spendingType,
            managing_body: s.managingBody,
            category_code: s.categoryCode ?? null,
            nomenclatore_code: s.nomenclatoreCode ?? null,
            nomenclatore_from: s.nomenclatoreFrom ?? null,
            nomenclatore_to: s.nomenclatoreTo ?? null,
            management_mode: s.managementMode ?? null,
            comuni: JSON.stringify(s.comuni ?? []),
            sedi: JSON.stringify(s.sedi ?? []),
            batch_id: batchId,
          })),
        )
        .execute(),
    );

    await insertChunked([...dataset.budgetInterim, ...dataset.budgetLines], (chunk) =>
      trx
        .insertInto("budget_line")
        .values(
          chunk.map((b) => ({
            zone_code: b.zoneCode,
            year: b.year,
            service_code: b.serviceCode,
            funding_code: b.fundingCode,
            comune_istat: b.istat,
            stanziato: b.stanziato,
            impegnato: b.impegnato,
            liquidato: b.liquidato,
            pagato: b.pagato,
            deadline: b.deadline,
            reference_date: b.referenceDate ?? `${b.year}-12-31`,
            project: b.project ?? null,
            residui_iniziali: b.residuiIniziali ?? null,
            pagato_residui: b.pagatoResidui ?? null,
            disimpegno_reason: b.disimpegnoReason ?? null,
            batch_id: batchId,
          })),
        )
        .execute(),
    );

    const planIds = new Map<string, number>();
    for (const p of dataset.plans) {
      const row = await trx
        .insertInto("plan")
        .values({
          zone_code: p.zoneCode,
          name: p.name,
          start_year: p.startYear,
          end_year: p.endYear,
          adopted_on: p.adoptedOn,
          act_type: p.actType,
          act_number: p.actNumber,
          batch_id: batchId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      planIds.set(`${p.zoneCode}|${p.startYear}`, Number(row.id));
    }
    await insertChunked(dataset.objectives, (chunk) =>
      trx
        .insertInto("plan_objective")
        .values(
          chunk.map((o) => ({
            zone_code: o.zoneCode,
            plan_id: planIds.get(`${o.zoneCode}|${o.planStartYear}`)!,
            code: o.code,
            area: o.area,
            title: o.title,
            description: o.description,
            office: o.office,
            batch_id: batchId,
          })),
        )
        .execute(),
    );
    await insertChunked([...dataset.targets, ...dataset.serviceStandards], (chunk) =>
      trx
        .insertInto("target")
        .values(
          chunk.map((t) => ({
            zone_code: t.zoneCode,
            plan_id: planIds.get(`${t.zoneCode}|${t.planStartYear}`) ?? null,
            indicator_code: t.indicatorCode,
            comune_istat: t.istat,
            service_code: t.serviceCode ?? null,
            baseline_year: t.baselineYear,
            baseline_value: t.baselineValue,
            target_year: t.targetYear,
            target_value: t.targetValue,
            legal_source: t.legalSource,
            note: t.note ?? null,
            objective_code: t.objectiveCode,
            kind: t.kind,
            provenance: t.provenance,
            milestones: JSON.stringify(t.milestones),
            tolerance: t.tolerance,
            batch_id: batchId,
          })),
        )
        .execute(),
    );

    await insertChunked(dataset.lepsItems, (chunk) =>
      trx
        .insertInto("leps_item")
        .values(chunk.map((l) => ({ zone_code: l.zoneCode, item: l.item, state: l.state, evidence: l.evidence, assessed_on: l.assessedOn, set_by: "Dati dimostrativi", batch_id: batchId })))
        // A state a planner has set since stays current.
        .onConflict((oc) => oc.columns(["zone_code", "item"]).where("replaced_at", "is", null).doNothing())
        .execute(),
    );

    if (dataset.notes.length > 0) {
      await trx
        .insertInto("note")
        .values(
          dataset.notes.map((n) => ({
            zone_code: n.zoneCode,
            subject_kind: n.subject.kind,
            subject_key:
              n.subject.kind === "target"
                ? targetNoteKey({ planId: planIds.get(`${n.zoneCode}|${n.subject.planStartYear}`) ?? null, indicatorCode: n.subject.indicatorCode, comune: n.subject.istat, kind: n.subject.targetKind, targetYear: n.subject.targetYear })
                : n.subject.key,
            body: n.body,
            noted_on: n.notedOn,
            author: n.author,
            batch_id: batchId,
          })),
        )
        .execute();
    }

    await insertChunked(dataset.staff, (chunk) =>
      trx
        .insertInto("staff_position")
        .values(chunk.map((s) => ({ zone_code: s.zoneCode, as_of: s.asOf, profile: s.profile, employer: s.employer, employer_comune: s.employerComune, service_code: s.serviceCode, sede: s.sede, fte: s.fte, batch_id: batchId })))
        .execute(),
    );

    await insertChunked(dataset.iseeBands, (chunk) =>
      trx
        .insertInto("isee_distribution")
        .values(chunk.map((b) => ({ zone_code: b.zoneCode, year: b.year, service_code: b.serviceCode, isee_from: b.from, isee_to: b.to, users: b.users, exempt: b.exempt, batch_id: batchId })))
        .execute(),
    );

    const resources = await loadUfficiCittadinanza(trx, batchId);
    // The zone figures of the new data, in the same transaction (db/queries/zone-aggregates.ts).
    await refreshAllZoneAggregates(trx);
    const counts = {
      observations: dataset.observations.length,
      services: dataset.services.length,
      budgetLines: dataset.budgetLines.length + dataset.budgetInterim.length,
      plans: dataset.plans.length,
      objectives: dataset.objectives.length,
      lepsItems: dataset.lepsItems.length,
      notes: dataset.notes.length,
      staff: dataset.staff.length,
      iseeBands: dataset.iseeBands.length,
      targets: dataset.targets.length + dataset.serviceStandards.length,
      resources,
    };
    // The import history shows the batch's rows like any import's: every row the demo wrote is new.
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    await trx.updateTable("import_batch").set({ rows_read: rows, inserted: rows }).where("id", "=", batchId).execute();
    return { status: "loaded" as const, batchId, counts };
  });
}

/** Every zone with a row in the dataset, sorted. */
function demoZonesOf(dataset: DemoDataset): string[] {
  const zones = new Set<string>();
  for (const rows of [dataset.observations, dataset.services, dataset.budgetLines, dataset.plans, dataset.lepsItems, dataset.notes, dataset.staff] as const) {
    for (const row of rows as readonly { zoneCode: string }[]) zones.add(row.zoneCode);
  }
  return [...zones].sort();
}

/**
 * The Uffici della Cittadinanza sedi are real data (db/reference). They ride
 * with the demo batch so that a reset removes them with the rest of the demo.
 */
async function loadUfficiCittadinanza(trx: Db, batchId: number): Promise<number> {
  const rows = readUfficiCittadinanza();
  await trx
    .insertInto("resource")
    .values(
      rows.map((r) => ({
        zone_code: umbriaZoneCode(r.zona_numero),
        comune_istat: r.istat,
        kind: r.nome.startsWith("Ufficio della Cittadinanza") ? ("ufficio_cittadinanza" as const) : ("volontariato" as const),
        name: r.nome,
        address: r.indirizzo || null,
        postal_code: r.cap || null,
        phone: r.telefono || null,
        fax: r.fax || null,
        opening_hours: r.orari || null,
        source: "Pagine istituzionali dei comuni (db/reference/uffici-cittadinanza.csv)",
        batch_id: batchId,
      })),
    )
    .execute();
  return rows.length;
}

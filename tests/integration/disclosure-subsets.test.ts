import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createCommittedBatch } from "@/db/batches";
import { periodOfYear } from "@/db/demo/period";
import { listComuniOfZone } from "@/db/queries/comuni";
import { territoryTable } from "@/db/queries/territory";
import { zoneFragility } from "@/db/queries/fragility";
import type { Principal } from "@/lib/auth/roles";
import { auditPattern, type SdcCell, type SdcEquation } from "@/lib/disclosure";
import { refreshBatchFigures, resetData, testEngines } from "@/tests/helpers/db";

/**
 * Figures over a subset of the comuni published next to the zone's total: the
 * fragility reference and a partial zone rate ("parziale: 11 comuni su 12").
 * Each is, × its public population, the sum of the subset's counts: a margin
 * of the same table. An intruder with the zone total and such a figure must
 * not get back the count of the comune left out.
 */
const ZONE = "UMB-11";
const PENNA = "055026";
const CONFERENZA: Principal = { kind: "user", id: "c", label: "c", role: "conferenza", zones: [ZONE], regions: [], readOnly: false };

type Row = [string, string, number, number];

async function seed(handle: DatabaseHandle, rows: Row[]): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    const batchId = await createCommittedBatch(trx, { kind: "valori", zoneCode: ZONE, fileName: "t.csv", fileHash: "t", userLabel: "test" });
    await trx
      .insertInto("observation")
      .values(rows.map(([istat, code, year, value]) => ({ indicator_code: code, zone_code: ZONE, comune_istat: istat, ...periodOfYear(year), value, batch_id: batchId })))
      .execute();
    await refreshBatchFigures(trx, batchId);
  });
}

/**
 * The intruder: every comune's count of minors it can read (shown, or a shown
 * rate × the public 0–17 population), every published sum over a set of
 * comuni; the exact audit says whether a hidden count is pinned or proved
 * below the threshold.
 */
function intruderAudit(truth: Map<string, number>, known: Map<string, number>, sums: { over: string[]; value: number | null }[]) {
  for (const [istat, v] of known) expect(v).toBe(truth.get(istat));
  const comuni = [...truth.keys()];
  const cells: SdcCell[] = comuni.map((istat) => ({ id: istat, value: truth.get(istat)!, kind: "people" as const }));
  const equations: SdcEquation[] = [];
  const hidden = comuni.filter((c) => !known.has(c));
  sums.forEach((s, k) => {
    const id = `sum${k}`;
    cells.push({ id, value: s.over.reduce((t, c) => t + truth.get(c)!, 0), kind: "people", margin: true });
    equations.push({ total: id, terms: s.over });
    if (s.value === null) hidden.push(id);
    else expect(s.value).toBeCloseTo(cells.at(-1)!.value!, 6);
  });
  return auditPattern({ cells, equations, threshold: 3, showZeros: true }, hidden, { exact: true });
}

describe.each(testEngines())("figures over a subset of the comuni on $name", (engine) => {
  let handle: DatabaseHandle;
  let comuni: string[];
  beforeAll(async () => {
    handle = await engine.open();
    comuni = (await listComuniOfZone(handle.db, ZONE)).map((c) => c.istat);
  });
  afterAll(async () => handle.close());
  beforeEach(async () => resetData(handle.db));

  const minors = (istat: string, i: number) => (istat === PENNA ? 1 : 5 + 2 * i);
  const truth = () => new Map(comuni.map((c, i) => [c, minors(c, i)]));
  /** What Territorio shows the Conferenza of the minors in care: counts, rates × population, the zone total. */
  async function territoryKnowledge() {
    const table = await territoryTable(handle.db, ZONE, ["MINORI_IN_CARICO", "TASSO_MINORI_IN_CARICO"], 2024, CONFERENZA);
    const known = new Map<string, number>();
    for (const row of table.rows) {
      const count = row.cells.MINORI_IN_CARICO!;
      const rate = row.cells.TASSO_MINORI_IN_CARICO!;
      if (count.value !== null) known.set(row.istat, count.value);
      if (rate.value !== null) known.set(row.istat, Math.round((rate.value * 200) / 1000));
    }
    const zone = table.zone.MINORI_IN_CARICO!;
    const rate = table.zone.TASSO_MINORI_IN_CARICO!;
    return { table, known, total: zone.status === "complete" ? zone.value : null, rate };
  }

  it("the fragility reference over the comuni with every input, with the zone total, does not give back an excluded comune's count", async () => {
    // Penna has its minors (1) but not the 75+ population: it is left out of the ranking.
    await seed(handle, [
      ...comuni.flatMap((c, i): Row[] => [
        [c, "POP_TOT", 2024, 1000],
        [c, "POP_0_17", 2024, 200],
        [c, "MINORI_IN_CARICO", 2024, minors(c, i)],
      ]),
      ...comuni.filter((c) => c !== PENNA).map((c, i): Row => [c, "POP_75_PLUS", 2024, 100 + i]),
    ]);
    const { known, total, rate } = await territoryKnowledge();
    expect(known.has(PENNA)).toBe(false);
    const fragility = await zoneFragility(handle.db, ZONE, { year: 2024, indicators: ["TASSO_MINORI_IN_CARICO", "PERC_75_PLUS"], principal: CONFERENZA });
    expect(fragility.excludedInBaseYear).toEqual([PENNA]);
    const reference = fragility.indicators.find((i) => i.code === "TASSO_MINORI_IN_CARICO")!;
    // The reference is the zone's figure that Territorio shows, not a figure over the ranked comuni only.
    expect(reference.reference).toBeCloseTo(rate.value!, 8);
    // The comuni the reference is computed over, as the page says.
    const over = fragility.referenceComuni.TASSO_MINORI_IN_CARICO!;
    const sums = [
      { over: comuni, value: total },
      { over, value: (reference.reference * 200 * over.length) / 1000 },
    ];
    const audit = intruderAudit(truth(), known, sums);
    expect(audit.failures).toEqual([]);
  });

  it("a comune whose fragility component is withheld has no rank nor decile, and the others are ranked among themselves", async () => {
    // Every input complete; Penna's minors in care (1) are withheld from the Conferenza, and with them its index.
    await seed(handle, comuni.flatMap((c, i): Row[] => [
      [c, "POP_TOT", 2024, 1000],
      [c, "POP_0_17", 2024, 200],
      [c, "MINORI_IN_CARICO", 2024, minors(c, i)],
      [c, "POP_75_PLUS", 2024, 100 + 7 * i],
    ]));
    const request = { year: 2024, indicators: ["TASSO_MINORI_IN_CARICO", "PERC_75_PLUS"] };
    const mayor = await zoneFragility(handle.db, ZONE, { ...request, principal: CONFERENZA });
    const penna = mayor.units.find((u) => u.unit === PENNA)!;
    expect(mayor.withheld[PENNA]).toEqual(["TASSO_MINORI_IN_CARICO"]);
    expect([penna.index, penna.rank, penna.decile]).toEqual([null, null, null]);
    // Another comune is withheld with it (so that the zone total does not give Penna back): same.
    const hidden = Object.keys(mayor.withheld);
    expect(hidden.length).toBeGreaterThanOrEqual(1);
    for (const istat of hidden) expect(mayor.units.find((u) => u.unit === istat)!.rank).toBeNull();
    // The others' positions are 1…k without a gap where the withheld ones stood, in the order of their indices.
    const shown = mayor.units.filter((u) => !hidden.includes(u.unit)).sort((a, b) => a.rank! - b.rank!);
    expect(shown.length).toBe(comuni.length - hidden.length);
    expect(shown.map((u) => u.rank)).toEqual(shown.map((_, k) => k + 1));
    for (let k = 1; k < shown.length; k++) expect(shown[k - 1]!.index!).toBeGreaterThanOrEqual(shown[k]!.index!);
    expect(shown[0]!.decile).toBe(10);
    // Listed in that order, the withheld ones last.
    expect(mayor.units.map((u) => u.unit)).toEqual([...shown.map((u) => u.unit), ...mayor.units.filter((u) => hidden.includes(u.unit)).map((u) => u.unit)]);
    // The planner sees Penna ranked among all.
    const planner = await zoneFragility(handle.db, ZONE, request);
    expect(planner.units.find((u) => u.unit === PENNA)!.rank).not.toBeNull();
  });

  it("a partial zone rate over 11 comuni of 12, with the complete zone count, does not give back the twelfth comune's count", async () => {
    // Penna has its minors (1) but not its 0–17 population: the rate of the zone is partial, the count complete.
    await seed(handle, [
      ...comuni.map((c, i): Row => [c, "MINORI_IN_CARICO", 2024, minors(c, i)]),
      ...comuni.filter((c) => c !== PENNA).map((c): Row => [c, "POP_0_17", 2024, 200]),
      ...comuni.map((c): Row => [c, "POP_TOT", 2024, 1000]),
    ]);
    const { known, total, rate } = await territoryKnowledge();
    expect(known.has(PENNA)).toBe(false);
    expect(rate.status).toBe("partial");
    const over = comuni.filter((c) => !rate.coverage.missing.includes(c));
    expect(over).not.toContain(PENNA);
    const sums = [
      { over: comuni, value: total },
      { over, value: rate.partialValue === null ? null : (rate.partialValue * 200 * over.length) / 1000 },
    ];
    const audit = intruderAudit(truth(), known, sums);
    expect(audit.failures).toEqual([]);
  });
});

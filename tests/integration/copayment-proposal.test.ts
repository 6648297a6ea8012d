import { describe, expect, it } from "vitest";
import { getProposal, listProposals, saveProposal } from "@/db/queries/copayment-proposals";
import { storedIseeDistribution } from "@/db/queries/isee";
import type { CopaymentRule } from "@/lib/copayment/rules";
import { compareRules } from "@/lib/copayment/simulate";
import { testEngines } from "@/tests/helpers/db";
import { demoSuite } from "@/tests/helpers/demo-suite";

/**
 * A draft proposta di regolamento: saved per zone with the rule, the rule in
 * force and the distribution frozen at saving (so the printed estimates stay
 * those the Conferenza received, whatever is imported later), audited, and
 * read back the same on both engines; another zone does not see it.
 */
const ZONE = "UMB-11";
const inForce: CopaymentRule = { tariff: 9, unitsPerUser: 100, exemptionIsee: 0, fullIsee: 20000, shape: { kind: "linear" }, minQuota: 3, maxQuota: null, exemptions: [] };
const proposed: CopaymentRule = { ...inForce, shape: { kind: "power", exponent: 2 }, exemptions: [{ name: "invalidità 100%", share: 0.05, count: null }] };

describe.each(testEngines())("copayment proposta ($name)", (engine) => {
  const suite = demoSuite(engine);

  it("saves and reads back a proposta on the stored home-care distribution, with its audit event", async () => {
    const db = suite.handle.db;
    const distribution = (await storedIseeDistribution(db, ZONE, "SAD_ANZIANI", 2025))!;
    expect(distribution).not.toBeNull();
    const id = await saveProposal(db, ZONE, { title: "Regola quadratica 2026", note: "Più equa per gli ISEE bassi.", serviceCode: "SAD_ANZIANI", year: 2025, rule: proposed, baselineRule: inForce, distribution, distributionSource: "importata" }, "pianificatore@demo");
    const p = await getProposal(db, ZONE, id);
    expect(p).toMatchObject({ id, zoneCode: ZONE, title: "Regola quadratica 2026", serviceCode: "SAD_ANZIANI", serviceName: "Assistenza domiciliare anziani (SAD)", year: 2025, rule: proposed, baselineRule: inForce, distribution, distributionSource: "importata", author: "pianificatore@demo" });
    expect(p!.createdAt).toBeInstanceOf(Date);
    // The estimates of the summary page, from what was saved: the quadratic rule with 5% exempt raises less.
    const c = compareRules(p!.baselineRule, p!.rule, p!.distribution);
    expect(c.revenueDifference).toBeLessThan(0);
    expect(c.b.exemptByRule).toBeCloseTo(0.05 * (c.a.users - (distribution.kind === "bands" ? distribution.bands.reduce((s, b) => s + b.exempt, 0) : 0)), 9);
    expect((await listProposals(db, ZONE)).map((x) => x.id)).toContain(id);
    expect(await getProposal(db, "UMB-10", id)).toBeNull();
    expect(await listProposals(db, "UMB-10")).toEqual([]);
    const audit = await db.selectFrom("audit_event").select(["action", "subject", "actor"]).where("action", "=", "copayment.proposal.save").execute();
    expect(audit).toContainEqual({ action: "copayment.proposal.save", subject: `copayment_proposal:${id}`, actor: "pianificatore@demo" });
  });

  it("the database refuses an empty title or an unknown distribution source", async () => {
    const db = suite.handle.db;
    const distribution = { kind: "values" as const, values: [1000, 2000] };
    await expect(saveProposal(db, ZONE, { title: "", note: null, serviceCode: null, year: null, rule: inForce, baselineRule: inForce, distribution, distributionSource: "inserita" }, "x")).rejects.toThrow();
    await expect(
      saveProposal(db, ZONE, { title: "T", note: null, serviceCode: null, year: null, rule: inForce, baselineRule: inForce, distribution, distributionSource: "altro" as "inserita" }, "x"),
    ).rejects.toThrow();
  });
});

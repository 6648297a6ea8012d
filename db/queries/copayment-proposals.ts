import "server-only";
import type { Db } from "./zones";
import { toNumber } from "./convert";
import type { CopaymentRule } from "@/lib/copayment/rules";
import type { IseeDistribution } from "@/lib/copayment/simulate";
import type { DistributionSource } from "@/lib/copayment/proposal";

/**
 * Draft proposte di regolamento (migration 0019): a co-payment rule saved from
 * the simulator with the rule in force it is compared with and the
 * distribution the estimates were made on, frozen at saving so that the
 * printed summary stays what the Conferenza was given. Zone-scoped.
 */
export interface ProposalInput {
  title: string;
  note: string | null;
  serviceCode: string | null;
  year: number | null;
  rule: CopaymentRule;
  baselineRule: CopaymentRule;
  distribution: IseeDistribution;
  distributionSource: DistributionSource;
}

export interface Proposal extends ProposalInput {
  id: number;
  zoneCode: string;
  serviceName: string | null;
  author: string;
  createdAt: Date;
}

export async function saveProposal(db: Db, zoneCode: string, input: ProposalInput, author: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("copayment_proposal")
      .values({
        zone_code: zoneCode,
        title: input.title,
        note: input.note,
        service_code: input.serviceCode,
        year: input.year,
        rule: JSON.stringify(input.rule),
        baseline_rule: JSON.stringify(input.baselineRule),
        distribution: JSON.stringify(input.distribution),
        distribution_source: input.distributionSource,
        author,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = toNumber(row.id);
    await trx
      .insertInto("audit_event")
      .values({ actor: author, action: "copayment.proposal.save", zone_code: zoneCode, subject: `copayment_proposal:${id}`, details: JSON.stringify({ title: input.title, serviceCode: input.serviceCode, year: input.year }) })
      .execute();
    return id;
  });
}

export async function listProposals(db: Db, zoneCode: string): Promise<Proposal[]> {
  return readProposals(db, zoneCode, null);
}

export async function getProposal(db: Db, zoneCode: string, id: number): Promise<Proposal | null> {
  return (await readProposals(db, zoneCode, id))[0] ?? null;
}

async function readProposals(db: Db, zoneCode: string, id: number | null): Promise<Proposal[]> {
  let q = db
    .selectFrom("copayment_proposal as p")
    .leftJoin("service as s", (j) => j.onRef("s.zone_code", "=", "p.zone_code").onRef("s.code", "=", "p.service_code").on("s.replaced_by_batch", "is", null))
    .select(["p.id", "p.zone_code", "p.title", "p.note", "p.service_code", "p.year", "p.rule", "p.baseline_rule", "p.distribution", "p.distribution_source", "p.author", "p.created_at", "s.name as service_name"])
    .where("p.zone_code", "=", zoneCode);
  if (id !== null) q = q.where("p.id", "=", id);
  const rows = await q.orderBy("p.created_at", "desc").orderBy("p.id", "desc").execute();
  return rows.map((r) => ({
    id: toNumber(r.id),
    zoneCode: r.zone_code,
    title: r.title,
    note: r.note,
    serviceCode: r.service_code,
    serviceName: r.service_name,
    year: r.year,
    // jsonb: both drivers return it parsed.
    rule: r.rule,
    baselineRule: r.baseline_rule,
    distribution: r.distribution,
    distributionSource: r.distribution_source,
    author: r.author,
    createdAt: new Date(r.created_at),
  }));
}

/**
 * A co-payment rule applied to an ISEE distribution of a service's users:
 * revenue, average quota and users per band; and two rules side by side.
 * The distribution holds no people: either users per ISEE band (within a band
 * users are taken as spread evenly, evaluated at the midpoints of
 * SUBINTERVALS equal parts), or one anonymous ISEE value per user.
 */
import { namedExemptShare, quotaAt, type CopaymentRule } from "./rules";

export interface IseeBand {
  /** ISEE from (included), euros. */
  from: number;
  /** ISEE to (excluded); null for the open last band. */
  to: number | null;
  users: number;
  /** Users of the band exempt for other reasons (rule.exemptions). */
  exempt: number;
}

export type IseeDistribution = { kind: "bands"; bands: readonly IseeBand[] } | { kind: "values"; values: readonly number[]; exempt?: number };

export const SUBINTERVALS = 20;

/** The report's bands for a list of values: 0–3.000, 3.000–6.000, … 40.000 and over. */
export const DEFAULT_BAND_EDGES = [0, 3000, 6000, 9000, 12000, 15000, 20000, 25000, 30000, 40000] as const;

export interface BandResult {
  from: number;
  to: number | null;
  users: number;
  exempt: number;
  /** Users the rule's named exemptions exempt in the band (an estimate: spread in proportion to the band's users). */
  exemptByRule: number;
  /** Users paying something. */
  paying: number;
  /** Σ quota per unit over the band's users. */
  quotaSum: number;
  /** quotaSum / users; null for an empty band. */
  averageQuota: number | null;
  /** quotaSum × units per user. */
  revenue: number;
}

export interface Simulation {
  bands: BandResult[];
  users: number;
  paying: number;
  /** Users exempt by the rule's named exemptions. */
  exemptByRule: number;
  revenue: number;
  /** Σ quota / users, per unit; null without users. */
  averageQuota: number | null;
}

/** Points (ISEE, weight in users) that stand for a band's users. */
function bandPoints(b: IseeBand): { isee: number; weight: number }[] {
  if (b.to === null || b.to <= b.from) return [{ isee: b.from, weight: b.users }];
  const w = (b.to - b.from) / SUBINTERVALS;
  return Array.from({ length: SUBINTERVALS }, (_, i) => ({ isee: b.from + w * (i + 0.5), weight: b.users / SUBINTERVALS }));
}

function bandsOfValues(values: readonly number[], exempt: number): IseeBand[] {
  const edges = [...DEFAULT_BAND_EDGES];
  const bands: IseeBand[] = edges.map((from, i) => ({ from, to: edges[i + 1] ?? null, users: 0, exempt: 0 }));
  for (const v of values) {
    const i = bands.findIndex((b) => v >= b.from && (b.to === null || v < b.to));
    bands[Math.max(0, i)]!.users++;
  }
  // Exempt users of a value list are not tied to a band: they are counted in the first band with users.
  const first = bands.find((b) => b.users > 0);
  if (first) first.exempt = Math.min(exempt, first.users);
  return bands;
}

/** The distribution as bands (values grouped into the default bands). */
export function distributionBands(d: IseeDistribution): IseeBand[] {
  return d.kind === "bands" ? [...d.bands] : bandsOfValues(d.values, d.exempt ?? 0);
}

/** Users the distribution itself does not mark exempt: what a rule's named exemptions are taken among. */
function notExemptUsers(bands: readonly IseeBand[]): number {
  return bands.reduce((sum, b) => sum + b.users - Math.min(b.exempt, b.users), 0);
}

const distributionExemptShare = (b: IseeBand) => (b.users > 0 ? Math.min(b.exempt, b.users) / b.users : 0);

/** The points (ISEE, weight) of a band's users: exact values, or the band's evenly spread points. */
function pointsOf(d: IseeDistribution, band: IseeBand): { isee: number; weight: number }[] {
  return d.kind === "values" ? d.values.filter((v) => v >= band.from && (band.to === null || v < band.to)).map((v) => ({ isee: v, weight: 1 })) : bandPoints(band);
}

export function simulate(rule: CopaymentRule, d: IseeDistribution): Simulation {
  const bands = distributionBands(d);
  const named = namedExemptShare(rule, notExemptUsers(bands));
  const results: BandResult[] = bands.map((b) => {
    let quotaSum = 0;
    let paying = 0;
    const dist = distributionExemptShare(b);
    // Paying fraction of every point: neither exempt by the distribution nor by the rule's named exemptions.
    const pays = (1 - dist) * (1 - named);
    for (const p of pointsOf(d, b)) {
      const q = quotaAt(rule, p.isee);
      quotaSum += q * p.weight * pays;
      if (q > 0) paying += p.weight * pays;
    }
    return {
      from: b.from,
      to: b.to,
      users: b.users,
      exempt: b.exempt,
      exemptByRule: (b.users - Math.min(b.exempt, b.users)) * named,
      paying,
      quotaSum,
      averageQuota: b.users > 0 ? quotaSum / b.users : null,
      revenue: quotaSum * rule.unitsPerUser,
    };
  });
  const users = results.reduce((s, b) => s + b.users, 0);
  const quotaSum = results.reduce((s, b) => s + b.quotaSum, 0);
  return {
    bands: results,
    users,
    paying: results.reduce((s, b) => s + b.paying, 0),
    exemptByRule: results.reduce((s, b) => s + b.exemptByRule, 0),
    revenue: quotaSum * rule.unitsPerUser,
    averageQuota: users > 0 ? quotaSum / users : null,
  };
}

export interface BandComparison {
  from: number;
  to: number | null;
  users: number;
  revenueA: number;
  revenueB: number;
  /** B − A */
  difference: number;
  /** Users who pay more under B than under A (exact for values; for bands, the band's points). */
  payMore: number;
  payLess: number;
  same: number;
}

export interface Comparison {
  a: Simulation;
  b: Simulation;
  /** B − A */
  revenueDifference: number;
  bands: BandComparison[];
  payMore: number;
  payLess: number;
}

/**
 * Rule B against rule A on the same users: who pays more, who pays less, per
 * band. Named exemptions of the two rules are taken as nested (the users of
 * the smaller share are among those of the larger, as for the same
 * exemption with a wider reach): exempt under both → same; exempt under one
 * only → pays that rule's quota under the other.
 */
export function compareRules(a: CopaymentRule, b: CopaymentRule, d: IseeDistribution): Comparison {
  const sa = simulate(a, d);
  const sb = simulate(b, d);
  const bands = distributionBands(d);
  const notExempt = notExemptUsers(bands);
  const na = namedExemptShare(a, notExempt);
  const nb = namedExemptShare(b, notExempt);
  const cents = (v: number) => Math.round(v * 100);
  const cmp: BandComparison[] = bands.map((band, i) => {
    let more = 0, less = 0, same = 0;
    const dist = distributionExemptShare(band);
    for (const p of pointsOf(d, band)) {
      const w = p.weight * (1 - dist);
      const qa = cents(quotaAt(a, p.isee) * a.unitsPerUser);
      const qb = cents(quotaAt(b, p.isee) * b.unitsPerUser);
      same += w * Math.min(na, nb);
      // Exempt under B only: pays A's quota under A, nothing under B.
      const onlyB = w * Math.max(0, nb - na);
      const onlyA = w * Math.max(0, na - nb);
      if (qa > 0) less += onlyB;
      else same += onlyB;
      if (qb > 0) more += onlyA;
      else same += onlyA;
      const both = w * (1 - Math.max(na, nb));
      if (qb > qa) more += both;
      else if (qb < qa) less += both;
      else same += both;
    }
    same += band.users * dist;
    return { from: band.from, to: band.to, users: band.users, revenueA: sa.bands[i]!.revenue, revenueB: sb.bands[i]!.revenue, difference: sb.bands[i]!.revenue - sa.bands[i]!.revenue, payMore: more, payLess: less, same };
  });
  return { a: sa, b: sb, revenueDifference: sb.revenue - sa.revenue, bands: cmp, payMore: cmp.reduce((s, x) => s + x.payMore, 0), payLess: cmp.reduce((s, x) => s + x.payLess, 0) };
}

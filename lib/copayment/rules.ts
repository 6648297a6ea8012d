/**
 * Co-payment rules (compartecipazione degli utenti, ISEE based; DOMAIN.md):
 * below the exemption threshold the user pays nothing; from there to the ISEE
 * of the full tariff the quota rises from the minimum to the maximum along the
 * rule's shape — linear, power (e.g. the quadratic rule), or a stepped table of
 * bands (a share of the tariff from each ISEE on); from the full-tariff ISEE
 * on the user pays the maximum. A non-exempt quota is clamped to
 * [minimum, maximum]; the maximum defaults to the tariff.
 */

import { formatEuro, formatUpTo } from "@/lib/format";

export type RuleShape = { kind: "linear" } | { kind: "power"; exponent: number } | { kind: "stepped"; bands: readonly { from: number; share: number }[] };

export interface CopaymentRule {
  /** Full tariff per unit (e.g. € per hour of home care). */
  tariff: number;
  /** Units per user in the period (e.g. hours a year): revenue = quota × units. */
  unitsPerUser: number;
  /** ISEE up to which (included) the user is exempt. */
  exemptionIsee: number;
  /** ISEE from which (included) the full quota applies. */
  fullIsee: number;
  shape: RuleShape;
  minQuota: number;
  /** Null: the tariff. */
  maxQuota: number | null;
  /** Exemptions other than ISEE (e.g. "esenzione per invalidità 100%"): their users pay nothing. */
  exemptions: readonly NamedExemption[];
}

/**
 * A named exemption of a rule. With a share or a count its users are taken
 * among the users the distribution does not already mark exempt, spread over
 * the ISEE bands in proportion to them (an exemption for a condition, not for
 * an income); with neither, its users are the distribution's own exempt ones.
 */
export interface NamedExemption {
  name: string;
  /** Share (0–1) of the not otherwise exempt users. */
  share: number | null;
  /** Number of users exempt. */
  count: number | null;
}

export const SHAPE_LABELS_IT: Record<RuleShape["kind"], string> = { linear: "lineare", power: "potenza (es. quadratica)", stepped: "a fasce" };

/** Problems of a rule, in Italian (empty when usable): what the API's 422 and the form report. */
export function ruleIssues(r: CopaymentRule): string[] {
  const out: string[] = [];
  const max = r.maxQuota ?? r.tariff;
  if (!(r.tariff >= 0)) out.push("la tariffa deve essere un numero non negativo");
  if (!(r.fullIsee > r.exemptionIsee)) out.push("l'ISEE della tariffa piena deve essere maggiore della soglia di esenzione");
  if (!(r.minQuota >= 0)) out.push("la quota minima deve essere non negativa");
  if (r.minQuota > max) out.push("la quota minima supera la quota massima");
  if (r.maxQuota !== null && r.maxQuota > r.tariff) out.push("la quota massima supera la tariffa");
  r.exemptions.forEach((e, i) => {
    const label = e.name.trim() === "" ? `esenzione ${i + 1}` : `esenzione «${e.name.trim()}»`;
    if (e.name.trim() === "") out.push(`esenzione ${i + 1}: manca il nome`);
    if (e.share !== null && e.count !== null) out.push(`${label}: indicare la percentuale oppure il numero di utenti, non entrambi`);
    if (e.share !== null && !(e.share >= 0 && e.share <= 1)) out.push(`${label}: la percentuale degli utenti deve essere tra 0 e 100`);
    if (e.count !== null && !(Number.isInteger(e.count) && e.count >= 0)) out.push(`${label}: il numero di utenti deve essere un intero non negativo`);
  });
  if (r.shape.kind === "power" && !(r.shape.exponent > 0)) out.push("l'esponente deve essere maggiore di zero");
  if (r.shape.kind === "stepped") {
    const bands = r.shape.bands;
    if (bands.length === 0) out.push("la tabella a fasce non ha fasce");
    bands.forEach((b, i) => {
      if (!(b.share >= 0 && b.share <= 1)) out.push(`fascia ${i + 1}: la percentuale della tariffa deve essere tra 0 e 100`);
      if (i > 0 && !(b.from > bands[i - 1]!.from)) out.push(`fascia ${i + 1}: l'ISEE di inizio deve crescere da una fascia all'altra`);
    });
  }
  return out;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The quota per unit at an ISEE (euros, not rounded). */
export function quotaAt(r: CopaymentRule, isee: number): number {
  const max = r.maxQuota ?? r.tariff;
  if (isee <= r.exemptionIsee) return 0;
  if (isee >= r.fullIsee) return max;
  const t = (isee - r.exemptionIsee) / (r.fullIsee - r.exemptionIsee);
  let q: number;
  switch (r.shape.kind) {
    case "linear":
      q = r.minQuota + (max - r.minQuota) * t;
      break;
    case "power":
      q = r.minQuota + (max - r.minQuota) * Math.pow(t, r.shape.exponent);
      break;
    case "stepped": {
      let share = 0;
      for (const b of r.shape.bands) if (isee >= b.from) share = b.share;
      q = share * r.tariff;
      break;
    }
  }
  return clamp(q, r.minQuota, max);
}

/**
 * The share (0–1) of the not otherwise exempt users that the rule's named
 * exemptions exempt: shares add up, counts are over `users` (the not
 * otherwise exempt users); capped at all of them. 0 without users.
 */
export function namedExemptShare(r: CopaymentRule, users: number): number {
  let share = 0;
  for (const e of r.exemptions) {
    if (e.share !== null) share += e.share;
    else if (e.count !== null) share += users > 0 ? e.count / users : 0;
  }
  return users > 0 ? clamp(share, 0, 1) : 0;
}

/** A rule in words, in Italian: for the proposta's printable summary. */
export function ruleInWords(r: CopaymentRule): string[] {
  const num = (v: number, decimals = 2) => formatUpTo(v, decimals);
  const eur = (v: number) => formatEuro(v, Number.isInteger(v) ? 0 : 2);
  const max = r.maxQuota ?? r.tariff;
  const out = [
    `Tariffa piena: ${eur(r.tariff)} per unità; ${num(r.unitsPerUser)} unità per utente nel periodo.`,
    `Esenzione fino a un ISEE di ${eur(r.exemptionIsee)} compreso.`,
  ];
  switch (r.shape.kind) {
    case "linear":
      out.push(`Oltre la soglia di esenzione la quota cresce in modo lineare da ${eur(r.minQuota)} a ${eur(max)}, raggiunta con un ISEE di ${eur(r.fullIsee)}.`);
      break;
    case "power":
      out.push(
        `Oltre la soglia di esenzione la quota cresce da ${eur(r.minQuota)} a ${eur(max)} secondo una potenza con esponente ${num(r.shape.exponent)}${r.shape.exponent === 2 ? " (regola quadratica)" : ""}: quota = minima + (massima − minima) × ((ISEE − ${eur(r.exemptionIsee)}) / (${eur(r.fullIsee)} − ${eur(r.exemptionIsee)}))^${num(r.shape.exponent)}.`,
      );
      break;
    case "stepped":
      out.push(
        `Quota a fasce, in percentuale della tariffa: ${r.shape.bands.map((b) => `da un ISEE di ${eur(b.from)} il ${num(b.share * 100)}%`).join("; ")} (con una quota minima di ${eur(r.minQuota)}).`,
      );
      break;
  }
  out.push(`Da un ISEE di ${eur(r.fullIsee)} si paga la quota massima di ${eur(max)}${r.maxQuota === null ? " (la tariffa)" : ""}.`);
  for (const e of r.exemptions) {
    const who = e.share !== null ? `${num(e.share * 100)}% degli utenti` : e.count !== null ? `${num(e.count, 0)} utenti` : "gli utenti indicati come esenti nella distribuzione";
    out.push(`Esenzione «${e.name}»: non pagano ${who}.`);
  }
  return out;
}

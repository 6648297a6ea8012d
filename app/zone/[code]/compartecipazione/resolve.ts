import "server-only";
import type { Db } from "@/db/queries/zones";
import { listIseeDistributions, storedIseeDistribution, type StoredDistributionRef } from "@/db/queries/isee";
import { zoneDisclosureThreshold } from "@/db/queries/zone-settings";
import { ruleIssues, type CopaymentRule } from "@/lib/copayment/rules";
import type { IseeDistribution } from "@/lib/copayment/simulate";
import { distributionChoice, parseDistribution, ruleForm, ruleOfForm, type DistributionChoice, type RuleForm } from "./search-params";

type Params = Record<string, string | string[] | undefined>;

export interface ResolvedSimulation {
  forms: { a: RuleForm; b: RuleForm };
  a: { rule: CopaymentRule | null; errors: string[] };
  b: { rule: CopaymentRule | null; errors: string[] };
  stored: StoredDistributionRef[];
  choice: DistributionChoice;
  typed: string;
  distribution: IseeDistribution | null;
  /** Every problem of the inputs, in Italian. */
  issues: string[];
  threshold: number;
}

/**
 * The simulator's inputs from the URL (or from the saved proposta's form,
 * which carries the same parameters): the two rules and the distribution —
 * the stored one of the chosen service and year, or the one typed in the page.
 * The page and the server action read them the same way.
 */
export async function resolveSimulation(db: Db, zoneCode: string, params: Params): Promise<ResolvedSimulation> {
  const forms = { a: ruleForm(params, "a"), b: ruleForm(params, "b") };
  const a = ruleOfForm(forms.a, "Regola A");
  const b = ruleOfForm(forms.b, "Regola B");
  const [stored, threshold] = await Promise.all([listIseeDistributions(db, zoneCode), zoneDisclosureThreshold(db, zoneCode)]);
  const choice = distributionChoice(params, stored);
  const raw = Array.isArray(params.isee) ? params.isee[0] : params.isee;
  const typed = raw ?? "";
  let distribution: IseeDistribution | null = null;
  const distributionErrors: string[] = [];
  if (choice.kind === "typed") {
    const d = parseDistribution(typed);
    distribution = d.distribution;
    distributionErrors.push(...d.errors);
  } else {
    distribution = await storedIseeDistribution(db, zoneCode, choice.serviceCode, choice.year);
    if (!distribution) distributionErrors.push(`Nessuna distribuzione dell'ISEE importata per il servizio ${choice.serviceCode} nel ${choice.year}: sceglierne un'altra o inserirla.`);
  }
  const issues = [
    ...a.errors,
    ...b.errors,
    ...distributionErrors,
    ...(a.rule ? ruleIssues(a.rule).map((m) => `Regola A: ${m}`) : []),
    ...(b.rule ? ruleIssues(b.rule).map((m) => `Regola B: ${m}`) : []),
  ];
  return { forms, a, b, stored, choice, typed, distribution, issues, threshold };
}

import { requireApi } from "@/app/_auth/access";
import { handleApi, jsonWrite } from "@/lib/api/respond";
import { parseParams, ZonePath } from "@/lib/api/params";
import { CopaymentSimulateBody, CopaymentSimulationSchema, distributionOf, ruleOf } from "@/lib/api/budget-schemas";
import { InvalidInputError, UnprocessableError } from "@/lib/errors";
import { ruleIssues } from "@/lib/copayment/rules";
import { compareRules, simulate } from "@/lib/copayment/simulate";
import { formatNumber } from "@/lib/format";

/** Bodies above this are refused before parsing (a distribution of 100,000 values fits). */
const MAX_BODY_BYTES = 2_000_000;

/**
 * POST /api/v1/zones/{code}/copayment/simulate {rule, compareWith?, distribution}
 * → {a, b, comparison}: revenue, average quota and users per ISEE band of a
 * co-payment rule (and of a second one, side by side). Nothing is stored.
 */
export function POST(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(request, async () => {
    const { code } = parseParams(ZonePath, await params);
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    const text = await request.text();
    if (text.length > MAX_BODY_BYTES) throw new InvalidInputError(`Corpo della richiesta troppo grande: al massimo ${formatNumber(MAX_BODY_BYTES)} caratteri.`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new InvalidInputError("Il corpo della richiesta non è JSON valido: inviare {\"rule\": …, \"distribution\": …} con Content-Type application/json.");
    }
    const parsed = parseParams(CopaymentSimulateBody, json);
    const body = { rule: ruleOf(parsed.rule), compareWith: parsed.compareWith ? ruleOf(parsed.compareWith) : undefined, distribution: distributionOf(parsed.distribution) };
    const issues = [...ruleIssues(body.rule).map((m) => `regola: ${m}`), ...(body.compareWith ? ruleIssues(body.compareWith).map((m) => `regola di confronto: ${m}`) : [])];
    if (issues.length > 0) throw new UnprocessableError(`Regola non applicabile: ${issues.join("; ")}.`);
    const a = simulate(body.rule, body.distribution);
    // Through the published schema: the answer carries its fields only.
    if (!body.compareWith) return jsonWrite(CopaymentSimulationSchema.parse({ a, b: null, comparison: null }));
    const c = compareRules(body.rule, body.compareWith, body.distribution);
    return jsonWrite(CopaymentSimulationSchema.parse({ a: c.a, b: c.b, comparison: { revenueDifference: c.revenueDifference, payMore: c.payMore, payLess: c.payLess, bands: c.bands } }));
  });
}

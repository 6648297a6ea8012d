import { z } from "zod";
import { FUNDING_SOURCE_CODES } from "@/lib/catalog/funding-sources";
import type { CopaymentRule } from "@/lib/copayment/rules";
import type { IseeDistribution } from "@/lib/copayment/simulate";

/**
 * The API's shapes for the budget and the co-payment simulator (issue 15):
 * GET /api/v1/zones/{code}/budget and POST /api/v1/zones/{code}/copayment/simulate.
 * The request schemas are also what the simulator page validates its form with.
 */
const Decimal = (description: string) => z.number().describe(description);
const Text = (description: string) => z.string().describe(description);
const Year = z.int().min(1900).max(2100).meta({ description: "Anno.", format: "int32" });
const Count = (description: string) => z.int().min(0).max(2_147_483_647).describe(description);

const RatioSchema = z
  .object({
    value: Decimal("Numeratore / denominatore come frazione (0,5 = 50%); null quando il denominatore è zero.").nullable(),
    numerator: Decimal("Somma dei numeratori delle righe."),
    denominator: Decimal("Somma dei denominatori delle righe."),
    reason: Text("Perché manca il valore (per esempio «nessuno stanziamento: lo stanziato è zero»); null altrimenti.").nullable(),
  })
  .meta({ id: "BudgetRatio", description: "Un rapporto tra somme: Σ numeratori / Σ denominatori." });

const TotalsSchema = z.object({
  stanziato: Decimal("Stanziato, euro."),
  impegnato: Decimal("Impegnato, euro."),
  liquidato: Decimal("Liquidato, euro."),
  pagato: Decimal("Pagato in conto competenza, euro."),
  residuiIniziali: Decimal("Residui passivi iniziali delle righe che li riportano, euro; null se nessuna.").nullable(),
  pagatoResidui: Decimal("Pagamenti in conto residui, euro; null se nessuna riga riporta residui.").nullable(),
  lines: Count("Righe di bilancio sommate."),
});

const RatesSchema = z.object({
  capacitaImpegno: RatioSchema.describe("Capacità di impegno = impegnato / stanziato."),
  capacitaPagamento: RatioSchema.describe("Capacità di pagamento = pagato / impegnato."),
  capacitaSpesa: RatioSchema.describe("Capacità di spesa = pagato / stanziato."),
  smaltimentoResidui: RatioSchema.describe("Smaltimento dei residui = pagamenti in conto residui / residui iniziali."),
  velocitaGestione: RatioSchema.describe("Velocità di gestione = pagato in conto competenza / impegnato."),
});

const BreakdownItemSchema = z.object({
  key: Text("Codice della voce (area di utenza, servizio, fonte o codice ISTAT del comune)."),
  label: Text("Nome della voce."),
  totals: TotalsSchema,
  rates: RatesSchema,
  perResident: RatioSchema.describe("Impegnato per abitante (del comune per byComune, della zona altrimenti)."),
  shareOfImpegnato: RatioSchema.describe("Quota dell'impegnato totale."),
  uncovered: Text("Perché la voce non ha importi (per esempio una fonte che non copre il comune); null altrimenti.").nullable(),
});

const FundAtRiskSchema = z.object({
  fundingCode: Text("Fonte di finanziamento."),
  project: Text("Progetto PNRR (CUP); null se nessuno.").nullable(),
  year: Year.describe("Annualità."),
  deadline: z.iso.date().describe("Scadenza di rendicontazione (AAAA-MM-GG)."),
  stanziato: Decimal("Stanziato, euro."),
  pagato: Decimal("Pagato, euro."),
  capacitaSpesa: RatioSchema,
  daSpendere: Decimal("Stanziato − pagato, euro."),
  daysLeft: z.int().min(-1_000_000).max(1_000_000).describe("Giorni dalla situazione alla scadenza; negativo se scaduta."),
});

export const BudgetSchema = z
  .object({
    zone: Text("Codice della zona."),
    year: Year.describe("Esercizio."),
    asOf: z.iso.date().describe("Data della situazione (AAAA-MM-GG): per ogni riga l'ultima situazione a questa data."),
    dates: z.array(z.iso.date()).describe("Le date delle situazioni dell'esercizio."),
    residents: Count("Residenti della zona; null se manca il dato di un comune.").nullable(),
    totals: TotalsSchema,
    rates: RatesSchema,
    previous: z.object({ totals: TotalsSchema, rates: RatesSchema }).nullable().describe("L'esercizio precedente alla stessa data; null se senza dati."),
    byArea: z.array(BreakdownItemSchema).describe("Per area di utenza ISTAT."),
    bySource: z.array(BreakdownItemSchema).describe("Per fonte di finanziamento."),
    byService: z.array(BreakdownItemSchema).describe("Per servizio."),
    byComune: z.array(BreakdownItemSchema).describe("Per comune: righe del comune più la quota ripartita dei servizi di zona (regola in apportionmentRule)."),
    apportionmentRule: Text("Come è ripartita tra i comuni la spesa dei servizi di zona."),
    atRisk: z.array(FundAtRiskSchema).describe("Fondi con scadenza entro i mesi indicati e capacità di spesa sotto la soglia."),
  })
  .meta({ id: "Budget", description: "Il bilancio della zona in un esercizio a una data, come nella pagina «Bilancio»." });

export const BudgetQuery = z.object({
  year: z.coerce.number().int().min(1900).max(2100).optional().describe("Esercizio; predefinito il più recente con righe di bilancio."),
  asOf: z.iso.date().optional().describe("Data della situazione (AAAA-MM-GG), una delle date dell'esercizio; predefinita l'ultima."),
  months: z.coerce.number().int().min(1).max(60).optional().describe("Fondi a rischio: scadenza entro questi mesi (predefinito 6)."),
  threshold: z.coerce.number().min(0.01).max(1).optional().describe("Fondi a rischio: capacità di spesa sotto questa frazione (predefinito 0,5)."),
  source: z.enum(FUNDING_SOURCE_CODES as [string, ...string[]]).optional().describe("Solo questa fonte di finanziamento."),
});

const Money = (d: string) => z.number().min(0).max(1e12).describe(d);
const Isee = (d: string) => z.number().min(0).max(10_000_000).describe(d);

export const CopaymentRuleSchema = z
  .object({
    tariff: Money("Tariffa piena per unità (per esempio euro per ora), euro."),
    unitsPerUser: z.number().min(0).max(100_000).optional().describe("Unità per utente nel periodo (per esempio ore l'anno); il gettito è quota × unità. Predefinito 1."),
    exemptionIsee: Isee("ISEE fino al quale (compreso) l'utente è esente, euro."),
    fullIsee: Isee("ISEE dal quale (compreso) si applica la quota massima, euro."),
    shape: z
      .discriminatedUnion("kind", [
        z.object({ kind: z.literal("linear").describe("Lineare tra le due soglie.") }),
        z.object({ kind: z.literal("power").describe("Potenza: quota minima + (massima − minima) × t^esponente."), exponent: z.number().min(0.1).max(10).describe("Esponente (2 = quadratica).") }),
        z.object({
          kind: z.literal("stepped").describe("A fasce: una percentuale della tariffa da ciascun ISEE in su."),
          bands: z
            .array(z.object({ from: Isee("ISEE di inizio della fascia (compreso), euro."), share: z.number().min(0).max(1).describe("Frazione della tariffa (0,2 = 20%).") }))
            .min(1)
            .max(50)
            .describe("Le fasce, con ISEE di inizio crescente."),
        }),
      ])
      .describe("Forma della regola tra la soglia di esenzione e l'ISEE della quota massima."),
    minQuota: Money("Quota minima per unità di chi non è esente, euro."),
    maxQuota: Money("Quota massima per unità, euro; null o assente = la tariffa.").nullable().optional(),
    exemptions: z
      .array(
        z.union([
          z.string().min(1).max(300).describe("Un'esenzione i cui utenti sono quelli indicati come esenti nella distribuzione."),
          z
            .object({
              name: z.string().trim().min(1).max(300).describe("Nome dell'esenzione, per esempio «invalidità 100%»."),
              share: z.number().min(0).max(1).nullable().optional().describe("Frazione degli utenti (non già esenti nella distribuzione) che ne beneficia (0,05 = 5%)."),
              count: z.number().int().min(0).max(10_000_000).nullable().optional().describe("Numero di utenti che ne beneficia."),
            })
            .refine((e) => e.share == null || e.count == null, { error: "indicare share oppure count, non entrambi" }),
        ]),
      )
      .max(20)
      .optional()
      .describe("Esenzioni diverse dall'ISEE: i loro utenti non pagano. Con share o count sono presi fra gli utenti non già esenti, ripartiti fra le fasce in proporzione agli utenti; senza, sono gli esenti indicati nella distribuzione."),
  })
  .meta({ id: "CopaymentRule", description: "Una regola di compartecipazione basata sull'ISEE." });

export const IseeDistributionSchema = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("bands").describe("Utenti per fascia di ISEE."),
      bands: z
        .array(
          z.object({
            from: Isee("ISEE di inizio (compreso), euro."),
            to: Isee("ISEE di fine (escluso), euro; null per l'ultima fascia aperta.").nullable(),
            users: Count("Utenti della fascia."),
            exempt: Count("Utenti della fascia esenti per altri motivi; predefinito 0.").optional(),
          }),
        )
        .max(200),
    }),
    z.object({
      kind: z.literal("values").describe("Un valore di ISEE per ciascun utente (anonimo)."),
      values: z.array(Isee("ISEE di un utente, euro.")).max(100_000),
      exempt: Count("Utenti esenti per altri motivi; predefinito 0.").optional(),
    }),
  ])
  .meta({ id: "IseeDistribution", description: "La distribuzione dell'ISEE degli utenti di un servizio: nessun dato personale." });

export const CopaymentSimulateBody = z
  .object({
    rule: CopaymentRuleSchema,
    compareWith: CopaymentRuleSchema.optional().describe("Una seconda regola da confrontare con la prima (B rispetto ad A)."),
    distribution: IseeDistributionSchema,
  })
  .meta({ id: "CopaymentSimulateRequest", description: "Regola (o due) e distribuzione da simulare." });

const BandResultSchema = z.object({
  from: Decimal("ISEE di inizio, euro."),
  to: Decimal("ISEE di fine, euro; null per l'ultima fascia.").nullable(),
  users: Decimal("Utenti."),
  exempt: Decimal("Utenti esenti per altri motivi."),
  exemptByRule: Decimal("Utenti esenti per le esenzioni della regola (stima)."),
  paying: Decimal("Utenti che pagano una quota (stima nelle fasce)."),
  averageQuota: Decimal("Quota media per unità, euro; null per una fascia vuota.").nullable(),
  revenue: Decimal("Gettito, euro."),
});

const SimulationSchema = z.object({
  users: Decimal("Utenti."),
  paying: Decimal("Utenti che pagano."),
  exemptByRule: Decimal("Utenti esenti per le esenzioni della regola (stima)."),
  revenue: Decimal("Gettito stimato, euro."),
  averageQuota: Decimal("Quota media per unità, euro; null senza utenti.").nullable(),
  bands: z.array(BandResultSchema),
});

export const CopaymentSimulationSchema = z
  .object({
    a: SimulationSchema.describe("La regola «rule»."),
    b: SimulationSchema.nullable().describe("La regola «compareWith»; null se non data."),
    comparison: z
      .object({
        revenueDifference: Decimal("Gettito B − A, euro."),
        payMore: Decimal("Utenti che con B pagano di più."),
        payLess: Decimal("Utenti che con B pagano di meno."),
        bands: z.array(
          z.object({
            from: Decimal("ISEE di inizio, euro."),
            to: Decimal("ISEE di fine, euro.").nullable(),
            users: Decimal("Utenti."),
            revenueA: Decimal("Gettito con A, euro."),
            revenueB: Decimal("Gettito con B, euro."),
            difference: Decimal("B − A, euro."),
            payMore: Decimal("Utenti che pagano di più con B."),
            payLess: Decimal("Utenti che pagano di meno con B."),
            same: Decimal("Utenti che pagano lo stesso."),
          }),
        ),
      })
      .nullable(),
  })
  .meta({ id: "CopaymentSimulation", description: "Gettito, quota media e utenti per fascia; con due regole, il confronto." });

export type BudgetBody = z.infer<typeof BudgetSchema>;
export type CopaymentRuleInput = z.infer<typeof CopaymentRuleSchema>;

/** The rule as lib/copayment computes it, with the defaults of the optional fields. */
export function ruleOf(input: CopaymentRuleInput): CopaymentRule {
  const exemptions = (input.exemptions ?? []).map((e) => (typeof e === "string" ? { name: e, share: null, count: null } : { name: e.name, share: e.share ?? null, count: e.count ?? null }));
  return { ...input, unitsPerUser: input.unitsPerUser ?? 1, maxQuota: input.maxQuota ?? null, exemptions };
}

export function distributionOf(input: z.infer<typeof IseeDistributionSchema>): IseeDistribution {
  return input.kind === "bands" ? { kind: "bands", bands: input.bands.map((b) => ({ ...b, exempt: b.exempt ?? 0 })) } : { kind: "values", values: input.values, exempt: input.exempt ?? 0 };
}

import { z } from "zod";

/** Themes of DESIGN.md §4; codes without accents because they are stored as codes. */
export const THEMES = ["demografia", "fragilita", "bisogni", "risorse", "psz", "leps", "qualita"] as const;
export const Theme = z.enum(THEMES);
export type Theme = z.infer<typeof Theme>;

export const THEME_LABELS_IT: Record<Theme, string> = {
  demografia: "Demografia",
  fragilita: "Fragilità",
  bisogni: "Bisogni",
  risorse: "Risorse",
  psz: "Piano sociale di zona",
  leps: "LEPS",
  qualita: "Qualità dei servizi",
};

/** +1 higher is better, −1 lower is better, 0 neutral. */
export const POLARITIES = [1, -1, 0] as const;
export const Polarity = z.literal(POLARITIES);
export type Polarity = z.infer<typeof Polarity>;

export const AGGREGATIONS = ["sum", "ratio", "weighted_mean", "none"] as const;
export const Aggregation = z.enum(AGGREGATIONS);
export type Aggregation = z.infer<typeof Aggregation>;

/**
 * What a zone-level row (a value of the ATS, not of one comune) means for the
 * zone figure: a "component" adds to the comuni (social workers or spending
 * of the ATS itself, besides those of each comune); an "alternative" is the
 * zone's total from another source, used only when no comune has data.
 */
export const ZONE_ROW_ROLES = ["component", "alternative"] as const;
export const ZoneRowRole = z.enum(ZONE_ROW_ROLES);
export type ZoneRowRole = z.infer<typeof ZoneRowRole>;

export const ZONE_ROW_ROLE_LABELS_IT: Record<ZoneRowRole, string> = {
  component: "si somma ai comuni",
  alternative: "totale alternativo, solo senza dati dei comuni",
};

export const IndicatorCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, "Codice indicatore: lettere maiuscole, cifre e _");

/**
 * value = (numerator + Σ numeratorPlus) / denominator × scale.
 * `numeratorPlus` exists for ratios whose numerator is a sum of inputs
 * (dipendenza strutturale: (P0–14 + P65+) / P15–64); the database column
 * numerator_code holds only `numerator`, so code that derives values must
 * read the formula from this catalogue.
 */
export const IndicatorFormula = z
  .object({
    numerator: IndicatorCode,
    numeratorPlus: z.array(IndicatorCode).min(1).optional(),
    denominator: IndicatorCode,
    scale: z.number().positive(),
  })
  .strict();
export type IndicatorFormula = z.infer<typeof IndicatorFormula>;

export const IndicatorDefinition = z
  .object({
    code: IndicatorCode,
    name: z.string().min(3),
    theme: Theme,
    unit: z.string().min(1),
    polarity: Polarity,
    aggregation: Aggregation,
    /** Meaning of a zone-level row; see ZoneRowRole. Defaults to "alternative". */
    zoneRow: ZoneRowRole.default("alternative"),
    formula: IndicatorFormula.optional(),
    /**
     * Scale of a ratio imported without a formula (100 for %, 1000 for per
     * 1.000), so that the zone's Σ num / Σ den is on the comuni's scale.
     * Derived ratios carry theirs in `formula.scale`.
     */
    scale: z.number().positive().optional(),
    /**
     * Valid range of imported values (either bound optional). For a
     * percentage it replaces 0–100: an indicator that may exceed 100 says so here.
     */
    validRange: z
      .object({ min: z.number().optional(), max: z.number().optional() })
      .strict()
      .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { error: "Il minimo dell'intervallo valido supera il massimo" })
      .optional(),
    /**
     * Counts people whose small numbers could identify someone (service users,
     * beneficiaries, minors in care): suppressed below the threshold in public
     * outputs. Demographic counts ISTAT already publishes per comune are false.
     * On a ratio imported with numerator and denominator (no formula) it says
     * that the numerator counts people: the ratio is withheld with it.
     */
    isCountOfPeople: z.boolean(),
    decimals: z.number().int().min(0).max(6),
    source: z.string().min(2),
    description: z.string().min(10),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.formula && d.aggregation !== "ratio")
      ctx.addIssue({ code: "custom", path: ["aggregation"], message: "Un indicatore con formula si aggrega come rapporto (ratio)" });
    if (d.zoneRow === "component" && d.aggregation !== "sum")
      ctx.addIssue({ code: "custom", path: ["zoneRow"], message: "Solo un conteggio (somma) può avere un valore di zona che si somma ai comuni" });
    if (d.formula && d.isCountOfPeople)
      ctx.addIssue({ code: "custom", path: ["isCountOfPeople"], message: "Un rapporto non è un conteggio di persone" });
  });
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;
/** A definition as written before validation (zoneRow may be left to its default). */
export type IndicatorDefinitionInput = z.input<typeof IndicatorDefinition>;

/**
 * The scale of a ratio's value over numerator / denominator: the formula's,
 * the catalogue's, or the one its unit states (% → 100, per 1.000 → 1000).
 */
export function ratioScale(def: Pick<IndicatorDefinition, "formula" | "unit"> & { scale?: number | undefined }): number {
  return def.formula?.scale ?? def.scale ?? scaleOfUnit(def.unit) ?? 1;
}

/** The scale a unit of measure states, or null when it states none. */
export function scaleOfUnit(unit: string): number | null {
  const u = unit.trim().toLowerCase();
  if (u === "%" || u.startsWith("% ") || u.startsWith("percent")) return 100;
  const per = /^(?:per|ogni|x)\s*(\d{1,3}(?:[.\s]\d{3})*|\d+)\b/.exec(u);
  if (per) return Number(per[1]!.replace(/[.\s]/g, ""));
  if (u === "‰" || /^(?:per|x) ?mille\b/.test(u)) return 1000;
  if (/^(?:per|x) ?cento\b/.test(u)) return 100;
  return null;
}

/**
 * Validates a whole catalogue: each definition, unique codes, and formula
 * references that exist and are not circular.
 */
export const IndicatorCatalog = z.array(IndicatorDefinition).superRefine((defs, ctx) => {
  const byCode = new Map<string, IndicatorDefinition>();
  defs.forEach((d, i) => {
    if (byCode.has(d.code)) ctx.addIssue({ code: "custom", path: [i, "code"], message: `Codice duplicato: ${d.code}` });
    byCode.set(d.code, d);
  });
  defs.forEach((d, i) => {
    if (!d.formula) return;
    for (const ref of formulaInputs(d.formula)) {
      if (!byCode.has(ref)) ctx.addIssue({ code: "custom", path: [i, "formula"], message: `${d.code}: indicatore ${ref} non in catalogo` });
    }
  });
  // Cycle check by depth-first search over formula references.
  const state = new Map<string, "visiting" | "done">();
  const visit = (code: string, path: string[]): void => {
    if (state.get(code) === "done") return;
    if (state.get(code) === "visiting") {
      ctx.addIssue({ code: "custom", path: [], message: `Formula circolare: ${[...path, code].join(" → ")}` });
      return;
    }
    state.set(code, "visiting");
    const f = byCode.get(code)?.formula;
    if (f) for (const ref of formulaInputs(f)) visit(ref, [...path, code]);
    state.set(code, "done");
  };
  for (const d of defs) visit(d.code, []);
});

/** Every input code a formula reads, numerator terms first. */
export function formulaInputs(f: IndicatorFormula): string[] {
  return [f.numerator, ...(f.numeratorPlus ?? []), f.denominator];
}

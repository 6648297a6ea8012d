import { z } from "zod";
import { TARGET_KINDS, type TargetKind } from "./status";
import { TARGET_PROVENANCES, OBJECTIVE_AREA_CODES, PLAN_ACT_TYPES, type ObjectiveArea, type PlanActType, type TargetProvenance } from "./plan";
import { parseMilestones, targetProblems, type TargetField } from "./validate";
import { ZONE_CODE } from "@/lib/territory/zone-code";
import { formatNumber } from "@/lib/format";

/**
 * One zod schema per shape of the Piano: a target's values (what the
 * `obiettivi` import reads from a row and the planner's form from its
 * fields), a plan edition and an objective. The target schema carries the
 * rule against the indicator's polarity (lib/targets/validate.ts), so the
 * import and the form refuse the same targets with the same words.
 */

export interface TargetValues {
  kind: TargetKind;
  baselineYear: number | null;
  baselineValue: number | null;
  targetYear: number;
  targetValue: number;
  milestones: { year: number; value: number }[];
  tolerance: number | null;
}

const YearField = z.int("anno intero").min(1900, "anno dal 1900").max(2100, "anno fino al 2100");
const Finite = z.number().refine(Number.isFinite, "numero non valido");

const TargetValuesObject = z.object({
  kind: z.enum(TARGET_KINDS as [TargetKind, ...TargetKind[]]),
  baselineYear: YearField.nullable(),
  baselineValue: Finite.nullable(),
  targetYear: YearField,
  targetValue: Finite,
  milestones: z.array(z.object({ year: YearField, value: Finite })),
  tolerance: Finite.nullable(),
});

/** The target values for an indicator of this polarity: each problem on its field. */
export function targetValuesSchema(polarity: 1 | -1 | 0) {
  return TargetValuesObject.superRefine((t, ctx) => {
    for (const p of targetProblems({ ...t, polarity })) ctx.addIssue({ code: "custom", path: [p.field], message: p.message });
  });
}

/** Problems of a target's values, by field (first message per field first). */
export function targetValueIssues(values: TargetValues, polarity: 1 | -1 | 0): { field: TargetField; message: string }[] {
  const parsed = targetValuesSchema(polarity).safeParse(values);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ field: (String(i.path[0] ?? "targetValue") as TargetField), message: i.message }));
}

/** "5.500", "24,5", "24.5" → number; "" → null. */
function italianNumber(text: string): number | null | undefined {
  const s = text.trim().replace(/\s/g, "");
  if (s === "") return null;
  let normal: string;
  if (s.includes(",")) normal = s.replace(/\./g, "").replace(",", ".");
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) normal = s.replace(/\./g, "");
  else normal = s;
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return undefined;
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
}

const numberOrNull = (v: string, ctx: z.RefinementCtx): number | null => {
  const n = italianNumber(v);
  if (n === undefined) {
    ctx.addIssue({ code: "custom", message: "Numero non valido: scriverlo come 5.500 o 24,5." });
    return z.NEVER;
  }
  return n;
};
const optionalNumberText = () => z.string().transform((v, ctx) => numberOrNull(v, ctx));
const requiredNumberText = () =>
  z.string().transform((v, ctx): number => {
    const n = numberOrNull(v, ctx);
    if (n === null) {
      ctx.addIssue({ code: "custom", message: "Campo obbligatorio." });
      return z.NEVER;
    }
    return n;
  });
const yearOrNull = (v: string, ctx: z.RefinementCtx): number | null => {
  const s = v.trim();
  if (s === "") return null;
  if (!/^\d{4}$/.test(s) || Number(s) < 1900 || Number(s) > 2100) {
    ctx.addIssue({ code: "custom", message: "Anno non valido: quattro cifre, per esempio 2026." });
    return z.NEVER;
  }
  return Number(s);
};
const optionalYearText = () => z.string().transform((v, ctx) => yearOrNull(v, ctx));
const requiredYearText = () =>
  z.string().transform((v, ctx): number => {
    const y = yearOrNull(v, ctx);
    if (y === null) {
      ctx.addIssue({ code: "custom", message: "Campo obbligatorio." });
      return z.NEVER;
    }
    return y;
  });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Al massimo ${formatNumber(max)} caratteri.`)
    .transform((v) => v || null);

/** The planner's target form, fields as typed (Italian numbers, milestones as "2025: 5.500; 2026: 5.200"). */
export const TargetForm = z.object({
  zone: z.string().regex(ZONE_CODE),
  planId: z.coerce.number().int().positive({ error: "Scegliere il piano." }),
  objectiveCode: optionalText(50),
  indicatorCode: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "Scegliere l'indicatore."),
  comune: z
    .string()
    .refine((v) => v === "" || /^\d{6}$/.test(v), "Comune non valido.")
    .transform((v) => v || null),
  kind: z.enum(TARGET_KINDS as [TargetKind, ...TargetKind[]], { error: "Scegliere il tipo: traiettoria, soglia minima o soglia massima." }),
  provenance: z.enum(TARGET_PROVENANCES as unknown as [TargetProvenance, ...TargetProvenance[]], { error: "Scegliere la provenienza." }),
  baselineYear: optionalYearText(),
  baselineValue: optionalNumberText(),
  targetYear: requiredYearText(),
  targetValue: requiredNumberText(),
  milestones: z.string().transform((v, ctx) => {
    const parsed = parseMilestones(v);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message.charAt(0).toUpperCase() + parsed.message.slice(1) + "." });
      return z.NEVER;
    }
    return parsed.value;
  }),
  tolerance: optionalNumberText(),
  legalSource: optionalText(300),
  note: optionalText(2000),
});
export type TargetFormInput = z.output<typeof TargetForm>;
export type TargetFormField = Exclude<keyof TargetFormInput, "zone">;

/** A PSZ edition: name, years, adopting act. */
export const PlanForm = z
  .object({
    zone: z.string().regex(ZONE_CODE),
    name: z.string().trim().min(1, "Indicare il nome dell'edizione.").max(300, "Al massimo 300 caratteri."),
    startYear: requiredYearText(),
    endYear: requiredYearText(),
    actType: z
      .string()
      .refine((v) => v === "" || (PLAN_ACT_TYPES as readonly string[]).includes(v), "Tipo di atto non valido.")
      .transform((v) => (v || null) as PlanActType | null),
    actNumber: optionalText(50),
    actDate: z
      .string()
      .refine((v) => v === "" || /^\d{4}-\d{2}-\d{2}$/.test(v), "Data non valida: indicarla come gg/mm/aaaa.")
      .transform((v) => v || null),
  })
  .superRefine((p, ctx) => {
    if (p.endYear < p.startYear) ctx.addIssue({ code: "custom", path: ["endYear"], message: "L'anno finale precede l'anno iniziale." });
    if (p.endYear - p.startYear > 10) ctx.addIssue({ code: "custom", path: ["endYear"], message: "Un'edizione dura al massimo 10 anni." });
  });
export type PlanFormInput = z.output<typeof PlanForm>;

/** An objective of a plan: code, area, title, description, office. */
export const ObjectiveForm = z.object({
  zone: z.string().regex(ZONE_CODE),
  planId: z.coerce.number().int().positive({ error: "Scegliere il piano." }),
  code: z
    .string()
    .trim()
    .min(1, "Indicare il codice (per esempio OB8).")
    .max(50, "Al massimo 50 caratteri.")
    .regex(/^[A-Za-z0-9_.-]+$/, "Solo lettere, cifre, punto, trattino e trattino basso."),
  area: z.enum(OBJECTIVE_AREA_CODES as [ObjectiveArea, ...ObjectiveArea[]], { error: "Scegliere l'area." }),
  title: z.string().trim().min(1, "Indicare il titolo.").max(300, "Al massimo 300 caratteri."),
  description: optionalText(2000),
  office: optionalText(300),
});
export type ObjectiveFormInput = z.output<typeof ObjectiveForm>;

import type { CopaymentRule, NamedExemption } from "@/lib/copayment/rules";
import type { IseeBand, IseeDistribution } from "@/lib/copayment/simulate";

/**
 * The simulator's inputs, all in the URL so that a comparison can be shared
 * and printed: two rules (a_…, b_…) and the ISEE distribution (isee), one
 * band per line "da;a;utenti[;esenti]" or one ISEE value per line. Numbers in
 * Italian format ("12.000", "4,50"). Bad input gives Italian messages naming
 * the field, or the line and column of the distribution.
 */
type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";

/** "12.000,50" → 12000.5; "" → null; anything else → NaN. */
export function itNumber(text: string): number | null {
  const t = text.trim().replace(/\s|€/g, "");
  if (t === "") return null;
  if (!/^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$|^\d+\.\d+$/.test(t)) return Number.NaN;
  return /,/.test(t) || /^\d{1,3}(\.\d{3})+$/.test(t) ? Number(t.replace(/\./g, "").replace(",", ".")) : Number(t);
}

export interface RuleForm {
  tariffa: string;
  unita: string;
  esenzione: string;
  piena: string;
  forma: "lineare" | "potenza" | "fasce";
  esponente: string;
  min: string;
  max: string;
  fasce: string;
  /** Named exemptions: "nome = 5%" (a share of the users), "nome = 4" (users), or "nome" (the distribution's exempt users), separated by ";". */
  esenzioni: string;
}

const RULE_FIELDS = ["tariffa", "unita", "esenzione", "piena", "forma", "esponente", "min", "max", "fasce", "esenzioni"] as const satisfies readonly (keyof RuleForm)[];

export const DEFAULT_RULE_A: RuleForm = { tariffa: "9", unita: "100", esenzione: "0", piena: "20.000", forma: "lineare", esponente: "2", min: "3", max: "", fasce: "", esenzioni: "" };
export const DEFAULT_RULE_B: RuleForm = { ...DEFAULT_RULE_A, forma: "potenza" };

export function ruleForm(params: Params, prefix: "a" | "b"): RuleForm {
  const d = prefix === "a" ? DEFAULT_RULE_A : DEFAULT_RULE_B;
  const get = (k: keyof RuleForm) => (params[`${prefix}_${k}`] === undefined ? d[k] : first(params[`${prefix}_${k}`]));
  const forma = get("forma");
  return { tariffa: get("tariffa"), unita: get("unita"), esenzione: get("esenzione"), piena: get("piena"), forma: forma === "potenza" || forma === "fasce" ? forma : "lineare", esponente: get("esponente"), min: get("min"), max: get("max"), fasce: get("fasce"), esenzioni: get("esenzioni") };
}

/** The rule of a form, or the Italian problems of its fields. */
export function ruleOfForm(f: RuleForm, name: string): { rule: CopaymentRule | null; errors: string[] } {
  const errors: string[] = [];
  const num = (label: string, v: string, required: boolean): number | null => {
    const n = itNumber(v);
    if (n === null) {
      if (required) errors.push(`${name}: «${label}» è obbligatorio`);
      return null;
    }
    if (!Number.isFinite(n) || n < 0) {
      errors.push(`${name}: «${label}» deve essere un numero non negativo (per esempio 12.000 o 4,50), non «${v}»`);
      return null;
    }
    return n;
  };
  const tariff = num("tariffa", f.tariffa, true);
  const units = num("unità per utente", f.unita, false) ?? 1;
  const exemption = num("ISEE di esenzione", f.esenzione, true);
  const full = num("ISEE della quota massima", f.piena, true);
  const min = num("quota minima", f.min, false) ?? 0;
  const max = num("quota massima", f.max, false);
  const exponent = f.forma === "potenza" ? num("esponente", f.esponente, true) : null;
  const bands: { from: number; share: number }[] = [];
  if (f.forma === "fasce") {
    const parts = f.fasce.split(/[;\n]/).map((p) => p.trim()).filter((p) => p !== "");
    if (parts.length === 0) errors.push(`${name}: indicare le fasce come «ISEE:percentuale», separate da punto e virgola (per esempio 630:20; 1.000:50; 1.500:100)`);
    for (const p of parts) {
      const [from, share] = p.split(":").map((x) => itNumber(x));
      if (from === null || share === null || from === undefined || share === undefined || !Number.isFinite(from) || !Number.isFinite(share)) errors.push(`${name}: fascia «${p}» non valida: scrivere ISEE:percentuale`);
      else bands.push({ from, share: share / 100 });
    }
  }
  const exemptions = parseExemptions(f.esenzioni, name, errors);
  if (errors.length > 0 || tariff === null || exemption === null || full === null) return { rule: null, errors };
  const shape: CopaymentRule["shape"] = f.forma === "potenza" ? { kind: "power", exponent: exponent ?? 2 } : f.forma === "fasce" ? { kind: "stepped", bands } : { kind: "linear" };
  return { rule: { tariff, unitsPerUser: units, exemptionIsee: exemption, fullIsee: full, shape, minQuota: min, maxQuota: max, exemptions }, errors };
}

/** "invalidità 100% = 5%; tutela minori = 4; progetti del tribunale" → named exemptions (share, count, or the distribution's exempt users). */
export function parseExemptions(text: string, name: string, errors: string[]): NamedExemption[] {
  const out: NamedExemption[] = [];
  for (const part of text.split(/[;\n]/).map((p) => p.trim()).filter((p) => p !== "")) {
    const eq = part.lastIndexOf("=");
    const label = (eq === -1 ? part : part.slice(0, eq)).trim();
    const amount = eq === -1 ? "" : part.slice(eq + 1).trim();
    if (label === "") {
      errors.push(`${name}: esenzione «${part}» senza nome: scrivere per esempio «invalidità 100% = 5%»`);
      continue;
    }
    if (label.length > 300) {
      errors.push(`${name}: il nome dell'esenzione «${label.slice(0, 40)}…» supera i 300 caratteri`);
      continue;
    }
    if (amount === "") {
      out.push({ name: label, share: null, count: null });
      continue;
    }
    const isShare = amount.endsWith("%");
    const n = itNumber(isShare ? amount.slice(0, -1) : amount);
    if (n === null || !Number.isFinite(n) || (isShare && n > 100) || (!isShare && !Number.isInteger(n))) {
      errors.push(`${name}: esenzione «${label}»: «${amount}» non valido: una percentuale degli utenti (per esempio 5%) o un numero intero di utenti (per esempio 4)`);
      continue;
    }
    out.push(isShare ? { name: label, share: n / 100, count: null } : { name: label, share: null, count: n });
  }
  return out;
}

/** The exemptions of a rule as the form writes them (the inverse of parseExemptions). */
export function exemptionsText(exemptions: readonly NamedExemption[]): string {
  const it = (v: number) => v.toLocaleString("it-IT", { maximumFractionDigits: 4, useGrouping: false });
  return exemptions.map((e) => (e.share !== null ? `${e.name} = ${it(e.share * 100)}%` : e.count !== null ? `${e.name} = ${it(e.count)}` : e.name)).join("; ");
}

/** Which distribution the simulator uses: a stored one (service and year, "SAD_ANZIANI:2025") or the one typed in the page. */
export type DistributionChoice = { kind: "stored"; serviceCode: string; year: number } | { kind: "typed" };

export const TYPED_DISTRIBUTION = "inserita";

export function distributionChoice(params: Params, stored: readonly { serviceCode: string; year: number }[]): DistributionChoice {
  const raw = first(params.distribuzione);
  const typed = first(params.isee);
  if (raw === TYPED_DISTRIBUTION || (raw === "" && typed !== "")) return { kind: "typed" };
  const m = /^([A-Z0-9][A-Z0-9_]{0,49}):(\d{4})$/.exec(raw);
  if (m) return { kind: "stored", serviceCode: m[1]!, year: Number(m[2]) };
  const d = stored[0];
  return d ? { kind: "stored", serviceCode: d.serviceCode, year: d.year } : { kind: "typed" };
}

export const choiceValue = (c: DistributionChoice) => (c.kind === "typed" ? TYPED_DISTRIBUTION : `${c.serviceCode}:${c.year}`);

/** The simulator's URL parameters of two rules and a distribution choice (for the links and the saved proposta). */
export function simulatorQuery(forms: { a: RuleForm; b: RuleForm }, choice: DistributionChoice, typed: string): URLSearchParams {
  const q = new URLSearchParams();
  for (const prefix of ["a", "b"] as const) for (const k of RULE_FIELDS) q.set(`${prefix}_${k}`, forms[prefix][k]);
  q.set("distribuzione", choiceValue(choice));
  if (choice.kind === "typed") q.set("isee", typed);
  return q;
}

/** Parses the distribution text: bands "da;a;utenti[;esenti]" (a empty = open band) or one value per line, not mixed. */
export function parseDistribution(text: string): { distribution: IseeDistribution | null; errors: string[] } {
  const lines = text.split(/\r?\n/).map((l, i) => ({ n: i + 1, t: l.trim() })).filter((l) => l.t !== "" && !/^[a-zà-ù]/i.test(l.t));
  if (lines.length === 0) return { distribution: null, errors: [] };
  const errors: string[] = [];
  const isBands = lines.some((l) => l.t.includes(";"));
  if (!isBands) {
    const values: number[] = [];
    for (const l of lines) {
      const v = itNumber(l.t);
      if (v === null || !Number.isFinite(v)) errors.push(`Distribuzione, riga ${l.n}: «${l.t}» non è un valore di ISEE`);
      else values.push(v);
    }
    return { distribution: errors.length ? null : { kind: "values", values }, errors };
  }
  const bands: IseeBand[] = [];
  const cols = ["da", "a", "utenti", "esenti"];
  for (const l of lines) {
    const cells = l.t.split(";");
    if (cells.length < 3 || cells.length > 4) {
      errors.push(`Distribuzione, riga ${l.n}: servono le colonne da;a;utenti (ed eventualmente esenti), trovate ${cells.length}`);
      continue;
    }
    const v = cells.map((c) => itNumber(c));
    const badCells = v.flatMap((x, i) => {
      if ((i === 1 || i === 3) && x === null) return [];
      return x === null || !Number.isFinite(x) || x < 0 || ((i === 2 || i === 3) && !Number.isInteger(x)) ? [`Distribuzione, riga ${l.n}, colonna «${cols[i]}»: «${cells[i]!.trim()}» non valido${i >= 2 ? " (un numero intero di utenti)" : ""}`] : [];
    });
    if (badCells.length > 0) {
      errors.push(...badCells);
      continue;
    }
    const [from, to, users, exempt] = v as [number, number | null, number, number | null];
    if (to !== null && to <= from) errors.push(`Distribuzione, riga ${l.n}, colonna «a»: la fascia finisce prima di iniziare`);
    else if ((exempt ?? 0) > users) errors.push(`Distribuzione, riga ${l.n}, colonna «esenti»: più esenti che utenti`);
    else bands.push({ from, to, users, exempt: exempt ?? 0 });
  }
  return { distribution: errors.length ? null : { kind: "bands", bands }, errors };
}

/** An example distribution of home-care users by ISEE band, to try the simulator (not data of the zone). */
export const EXAMPLE_DISTRIBUTION = ["da;a;utenti;esenti", "0;3.000;14;2", "3.000;6.000;22;1", "6.000;9.000;25;0", "9.000;12.000;19;0", "12.000;15.000;12;0", "15.000;20.000;9;0", "20.000;;6;0"].join("\n");

const formNumber = (v: number) => v.toLocaleString("it-IT", { useGrouping: false, maximumFractionDigits: 6 });

/** The form of a rule (the inverse of ruleOfForm): to open a saved proposta in the simulator. */
export function formOfRule(r: CopaymentRule): RuleForm {
  return {
    tariffa: formNumber(r.tariff),
    unita: formNumber(r.unitsPerUser),
    esenzione: formNumber(r.exemptionIsee),
    piena: formNumber(r.fullIsee),
    forma: r.shape.kind === "power" ? "potenza" : r.shape.kind === "stepped" ? "fasce" : "lineare",
    esponente: r.shape.kind === "power" ? formNumber(r.shape.exponent) : DEFAULT_RULE_A.esponente,
    min: formNumber(r.minQuota),
    max: r.maxQuota === null ? "" : formNumber(r.maxQuota),
    fasce: r.shape.kind === "stepped" ? r.shape.bands.map((b) => `${formNumber(b.from)}:${formNumber(b.share * 100)}`).join("; ") : "",
    esenzioni: exemptionsText(r.exemptions),
  };
}

/** A distribution as the page's text field writes it (bands "da;a;utenti;esenti", or one value per line). */
export function distributionText(d: IseeDistribution): string {
  if (d.kind === "values") return d.values.map(formNumber).join("\n");
  return ["da;a;utenti;esenti", ...d.bands.map((b) => `${formNumber(b.from)};${b.to === null ? "" : formNumber(b.to)};${b.users};${b.exempt}`)].join("\n");
}

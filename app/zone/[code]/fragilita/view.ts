import type { Db } from "@/db/queries/zones";
import { indicatorDefinitions, zoneYears } from "@/db/queries/indicators";
import { zoneDefaultYear } from "@/db/queries/values";
import type { Principal } from "@/lib/auth/roles";
import { DEFAULT_FRAGILITY_INDICATORS, FragilityRequestError, fragilityComponentProblem, zoneFragility, type FragilityResult } from "@/db/queries/fragility";
import type { IndicatorDefinition } from "@/lib/catalog/schema";
import type { CsvValue } from "@/lib/export/csv";
import { ExportRequestError, roundTo, type ExportTable } from "@/lib/export/table";
import { FragilitySearch } from "./search-params";

/** What the Fragilità page shows for its URL filters; the downloads read the same. */
export interface FragilityView {
  years: number[];
  catalogue: IndicatorDefinition[];
  /** Indicators that can be components: rates or means with a direction, not PSZ targets. */
  candidates: IndicatorDefinition[];
  year: number | undefined;
  base: number | undefined;
  chosen: string[];
  result: FragilityResult | null;
  /** Why the index cannot be computed, in Italian. */
  problem: string | null;
}

/** The page's filters resolved against the zone's years and catalogue: cheap, so the form shows at once. */
export type FragilityFilters = Omit<FragilityView, "result" | "problem">;

export async function fragilityFilters(db: Db, code: string, params: Record<string, string | string[] | undefined>): Promise<FragilityFilters> {
  const [years, catalogue, defaultYear] = await Promise.all([zoneYears(db, code), indicatorDefinitions(db), zoneDefaultYear(db, code)]);
  const search = FragilitySearch.safeParse(params);
  const requested = search.success ? search.data.anno : undefined;
  // The same default year as the overview, Territorio and the scheda comune.
  const year = requested !== undefined && years.includes(requested) ? requested : (defaultYear ?? years.at(-1));
  const base = search.success ? search.data.base : undefined;
  const chosen = (search.success ? search.data.indicatori : undefined) ?? [...DEFAULT_FRAGILITY_INDICATORS];
  const candidates = catalogue.filter((d) => fragilityComponentProblem(d) === null && d.theme !== "psz");
  return { years, catalogue, candidates, year, base, chosen };
}

/** The index for those filters, or why it cannot be computed (in Italian). */
export async function fragilityOutcome(db: Db, code: string, filters: FragilityFilters, principal: Principal): Promise<Pick<FragilityView, "result" | "problem">> {
  if (filters.year === undefined) return { result: null, problem: "nessun dato caricato per questa zona." };
  try {
    return { result: await zoneFragility(db, code, { year: filters.year, baseYear: filters.base, indicators: filters.chosen, principal }), problem: null };
  } catch (error) {
    if (error instanceof FragilityRequestError || error instanceof RangeError) return { result: null, problem: error.message };
    throw error;
  }
}

export async function fragilityView(db: Db, code: string, params: Record<string, string | string[] | undefined>, principal: Principal): Promise<FragilityView> {
  const filters = await fragilityFilters(db, code, params);
  return { ...filters, ...(await fragilityOutcome(db, code, filters, principal)) };
}

/** Why a comune's index is not published to this reader. */
export const WITHHELD_INDEX_IT =
  "Indice non pubblicato: una componente è un tasso su un conteggio di persone inferiore alla soglia di riservatezza, che dall'indice si potrebbe ricavare.";

/** "parziale: 11 comuni su 12" when the reference is the zone's partial figure; null when it is over every comune. */
export function referenceNoteIt(result: Pick<FragilityResult, "referenceComuni" | "units">, code: string): string | null {
  const over = result.referenceComuni[code]?.length ?? 0;
  const total = result.units.length;
  if (over >= total) return null;
  return `parziale: ${over === 1 ? "1 comune" : `${over} comuni`} su ${total}`;
}

/** The page's filters as a query string, for links and downloads. */
export function fragilityQuery(view: FragilityFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (view.year !== undefined) q.set("anno", String(view.year));
  if (view.base !== undefined) q.set("base", String(view.base));
  for (const c of view.chosen) q.append("indicatori", c);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `?${q}`;
}

/** `tabella=indice` (default): comuni with index, rank, decile, change and components; `tabella=riferimenti`: goalposts. */
export async function fragilityExport(db: Db, code: string, searchParams: URLSearchParams, principal: Principal): Promise<ExportTable | null> {
  const params: Record<string, string | string[]> = Object.fromEntries(searchParams);
  const indicatori = searchParams.getAll("indicatori");
  if (indicatori.length > 0) params.indicatori = indicatori;
  const view = await fragilityView(db, code, params, principal);
  const result = view.result;
  if (!result) throw new ExportRequestError(`L'indice non si può calcolare: ${view.problem ?? "dati mancanti."}`);
  const def = (c: string) => view.catalogue.find((d) => d.code === c);
  const dec = (c: string) => def(c)?.decimals ?? 1;
  const label = (c: string) => `${def(c)?.name ?? c} (${def(c)?.unit ?? ""})`;
  if (searchParams.get("tabella") === "riferimenti") {
    return {
      fileBase: `fragilita-riferimenti-${code}-${result.year}-base-${result.baseYear}`,
      sheet: "Riferimenti",
      header: ["codice indicatore", "indicatore", "verso rispetto alla fragilità", `riferimento (zona, ${result.baseYear})`, "minimo", "massimo", "note"],
      rows: result.indicators.map((i) => [i.code, def(i.code)?.name ?? i.code, i.polarity === 1 ? "più alto = più fragile" : "più alto = meno fragile", roundTo(i.reference, dec(i.code) + 1), roundTo(i.min, dec(i.code)), roundTo(i.max, dec(i.code)), referenceNoteIt(result, i.code) ?? ""]),
    };
  }
  const header = [
    "posizione",
    "codice ISTAT",
    "comune",
    "indice AMPI+",
    "decile",
    `variazione sul ${result.year - 1}`,
    ...result.indicators.flatMap((i) => [label(i.code), `${def(i.code)?.name ?? i.code} (punteggio)`]),
    "note",
  ];
  const rows: CsvValue[][] = result.units.map((u) => [
    u.rank,
    u.unit,
    u.name ?? u.unit,
    roundTo(u.index, 1),
    u.decile,
    roundTo(u.change, 1),
    ...u.components.flatMap((c) => [roundTo(c.value, dec(c.indicator)), roundTo(c.normalized, 1)]),
    [u.exclusionReason, result.withheld[u.unit] ? WITHHELD_INDEX_IT : null].filter(Boolean).join(" "),
  ]);
  if (result.nonDiscriminationReason) rows.push(["", "", result.nonDiscriminationReason]);
  return { fileBase: `fragilita-${code}-${result.year}-base-${result.baseYear}`, sheet: `Fragilità ${result.year}`, header, rows };
}

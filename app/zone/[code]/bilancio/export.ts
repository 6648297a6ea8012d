import type { Db } from "@/db/queries/zones";
import { ExportRequestError, type ExportTable } from "@/lib/export/table";
import { roundTo } from "@/lib/export/table";
import { measured, MEASURE_LABELS_IT } from "@/lib/budget/breakdown";
import { BUDGET_AMOUNT_STAGES, STAGE_LABELS_IT } from "@/lib/budget/lines";
import { change, perResident, RATE_LABELS_IT, type BudgetRates, type Ratio } from "@/lib/budget/rates";
import { BUDGET_VIEW_LABELS_IT, sourceLabel } from "@/lib/budget/summary";
import { parseBudgetSearch } from "./search-params";
import { SPENDING_TYPES } from "@/lib/catalog/service-areas";
import { budgetView } from "./view";
import { measuredNumber } from "./figures";

const TABLES = ["totali", "ripartizione", "rischio", "andamento", "istat", "comuni"] as const;
type TableName = (typeof TABLES)[number];
const RATE_KEYS: (keyof BudgetRates)[] = ["capacitaImpegno", "capacitaPagamento", "capacitaSpesa", "smaltimentoResidui", "velocitaGestione"];

const pct = (r: Ratio) => (r.value === null ? null : roundTo(r.value * 100, 1));
const why = (r: Ratio) => r.reason;

/** The budget page's tables (tabella=totali|ripartizione|rischio) with the page's filters. */
export async function budgetExport(db: Db, code: string, search: URLSearchParams): Promise<ExportTable | null> {
  const name = (search.get("tabella") ?? "ripartizione") as TableName;
  if (!TABLES.includes(name)) throw new ExportRequestError(`Tabella «${search.get("tabella")}» sconosciuta: totali, ripartizione, rischio, andamento, istat oppure comuni.`);
  const parsed = parseBudgetSearch(Object.fromEntries(search));
  // The ISTAT and comuni tables are read with their view; the breakdown of the ISTAT view is by area.
  const filter = { ...parsed, view: name === "istat" ? ("istat" as const) : name === "comuni" ? ("comune" as const) : parsed.view };
  const view = await budgetView(db, code, filter);
  const s = view.summary;
  if (!s) return null;
  const base = `bilancio-${code}-${s.year}-al-${s.asOf}`;
  if (name === "totali") {
    const rows: ExportTable["rows"] = BUDGET_AMOUNT_STAGES.map((st) => {
      const c = change(s.totals[st], s.previous ? s.previous.totals[st] : null);
      return [STAGE_LABELS_IT[st], roundTo(s.totals[st], 2), roundTo(perResident(s.totals[st], s.residents).value, 2), s.previous ? roundTo(s.previous.totals[st], 2) : null, roundTo(c.delta, 2), pct(c.relative), why(c.relative)];
    });
    for (const k of RATE_KEYS) {
      const r = s.rates[k];
      rows.push([`${RATE_LABELS_IT[k].label} (%) = ${RATE_LABELS_IT[k].formula}`, pct(r), null, s.previous ? pct(s.previous.rates[k]) : null, null, null, why(r)]);
    }
    return { fileBase: `${base}-totali`, sheet: `Totali ${s.year}`, header: ["voce", `${s.year} al ${s.asOf}`, "per abitante", `${s.year - 1} stessa data`, "variazione", "variazione %", "nota (n.d.)"], rows };
  }
  if (name === "rischio") {
    return {
      fileBase: `${base}-fondi-a-rischio`,
      sheet: "Fondi a rischio",
      header: ["codice fonte", "fonte", "progetto", "annualità", "scadenza", "stanziato", "pagato", "capacità di spesa %", "da spendere", "giorni alla scadenza"],
      rows: s.atRisk.map((f) => [f.fundingCode, sourceLabel(f.fundingCode), f.project, f.year, f.deadline, roundTo(f.stanziato, 2), roundTo(f.pagato, 2), pct(f.capacitaSpesa), roundTo(f.daSpendere, 2), f.daysLeft]),
    };
  }
  if (name === "andamento") {
    return {
      fileBase: `bilancio-${code}-${s.year}-andamento`,
      sheet: `Andamento ${s.year}`,
      header: ["situazione al", "stanziato", "impegnato", "liquidato", "pagato", "capacità di impegno %", "capacità di spesa %", "in calo (disimpegno)"],
      rows: view.progression.map((p) => [p.asOf, roundTo(p.totals.stanziato, 2), roundTo(p.totals.impegnato, 2), roundTo(p.totals.liquidato, 2), roundTo(p.totals.pagato, 2), pct(p.rates.capacitaImpegno), pct(p.rates.capacitaSpesa), p.decreased.join(", ") || null]),
    };
  }
  if (name === "istat") {
    // One row per area (and per spending type within it), laid out like the questionnaire's spending grid.
    const rows: ExportTable["rows"] = [];
    for (const r of view.istat ?? []) {
      rows.push([r.code, r.label, "totale", roundTo(r.expMun, 2), roundTo(r.expUsers, 2), roundTo(r.expSsn, 2), roundTo(r.totExp, 2), r.population, roundTo(r.expPerInhabitant.value, 2), r.usersState === "suppressed" ? "riservato" : r.users, roundTo(r.expPerUser.value, 2)]);
      for (const t of SPENDING_TYPES) {
        const x = r.bySpendingType[t.code]!;
        if (x.totExp === 0) continue;
        rows.push([r.code, r.label, t.label, roundTo(x.expMun, 2), roundTo(x.expUsers, 2), roundTo(x.expSsn, 2), roundTo(x.totExp, 2), null, null, null, null]);
      }
    }
    return {
      fileBase: `istat-interventi-servizi-sociali-${code}-${s.year}`,
      sheet: `ISTAT ${s.year}`,
      header: ["CATEG_OF_BENEFICIARIES", "area di utenza", "tipo di spesa", "EXPMUN spesa dei comuni", "EXPUSERS compartecipazione utenti", "EXPSSN quota SSN", "TOTEXP spesa totale", "popolazione di riferimento", "EXPTPOP spesa dei comuni per abitante", "USSSPM utenti", "spesa dei comuni per utente"],
      rows,
    };
  }
  if (name === "comuni") {
    return {
      fileBase: `bilancio-${code}-${s.year}-comuni`,
      sheet: `Comuni ${s.year}`,
      header: ["codice ISTAT", "comune", "residenti", "quota del comune", "quota per abitante", "costo dei servizi", "costo per abitante", "coperto da altre fonti"],
      rows: (view.comuni ?? []).map((c) => [c.istat, c.name, c.residents, roundTo(c.contribution, 2), roundTo(c.contributionPerResident.value, 2), roundTo(c.cost, 2), roundTo(c.costPerResident.value, 2), roundTo(c.otherSources, 2)]),
    };
  }
  const m = filter.measure;
  const bv = filter.view === "istat" ? "area" : filter.view;
  const rows: ExportTable["rows"] = s.breakdowns[bv].map((r) => {
    if (r.uncovered !== null) return [r.key, r.label, null, null, null, null, null, null, r.uncovered];
    const cells = BUDGET_AMOUNT_STAGES.map((st) => measuredNumber(measured(r, st, m, s.totals), m));
    const note = BUDGET_AMOUNT_STAGES.map((st) => measured(r, st, m, s.totals).reason).find((x) => x) ?? null;
    return [r.key, r.label, ...cells, pct(r.rates.capacitaImpegno), pct(r.rates.capacitaSpesa), note];
  });
  return {
    fileBase: `${base}-per-${bv}-${m}`,
    sheet: BUDGET_VIEW_LABELS_IT[bv].slice(0, 31),
    header: ["codice", BUDGET_VIEW_LABELS_IT[bv].toLowerCase(), ...BUDGET_AMOUNT_STAGES.map((st) => `${STAGE_LABELS_IT[st].toLowerCase()} (${MEASURE_LABELS_IT[m].toLowerCase()})`), "capacità di impegno %", "capacità di spesa %", "nota"],
    rows,
  };
}

import "server-only";
import type { Db } from "./zones";
import { getZone } from "./zones";
import { toIsoDate, toNumber } from "./convert";
import { indicatorDefinitions, zoneYears } from "./indicators";
import { valuesOf, zoneValuesAsShown, type ZoneValuesAsShown } from "./values";
import { zoneFragility, FragilityRequestError } from "./fragility";
import { planScorecard } from "./targets";
import { lepsPanel } from "./leps";
import { qualityInYear, zoneServiceQuality, type ZoneQuality } from "./quality";
import { zoneStaff } from "./staff";
import { listServices } from "./services";
import { notesForReport, type Note } from "./notes";
import { listResources } from "./resources";
import { reportTexts } from "./report-texts";
import { budgetSnapshotDates, loadBudgetYear } from "./budget";
import { BUDGET_AMOUNT_STAGES, STAGE_LABELS_IT } from "@/lib/budget/lines";
import { change, perResident, RATE_LABELS_IT, type BudgetRates, type Ratio } from "@/lib/budget/rates";
import type { BudgetYearSummary } from "@/lib/budget/summary";
import type { Principal } from "@/lib/auth/roles";
import { disclosureFootnoteIt, suppressedMarkIt } from "@/lib/disclosure";
import { formatDate, formatNumber } from "@/lib/format";
import { CELL_STATUS_LABELS_IT } from "@/lib/targets/scorecard";
import { LEPS_ITEM_STATE_LABELS_IT } from "@/lib/leps/items";
import { SOCIAL_WORKER_LEVEL_LABELS_IT } from "@/lib/leps/social-workers";
import { QUALITY_METRICS, STANDARD_STATUS_LABELS_IT } from "@/lib/services/quality";
import { SERVICE_AREA_LABELS_IT } from "@/lib/catalog/service-areas";
import { RESOURCE_KIND_LABELS_IT } from "@/lib/catalog/resource-kinds";
import { chartOf, numberCell, shownCell, suppressedCell, textCell } from "@/lib/report/cells";
import {
  CONCLUSIONS_KEY,
  INTRODUCTION_KEY,
  REPORT_DOCUMENT_VERSION,
  type ReportBlock,
  type ReportCell,
  type ReportComunePage,
  type ReportDocument,
  type ReportNote,
  type ReportRow,
  type ReportSection,
  type ReportTable,
  type ReportText,
} from "@/lib/report/model";

/**
 * The annual report of a zone as a document (lib/report/model.ts), from the
 * areas that exist: demography and needs, fragility, the PSZ, the LEPS,
 * service quality, staff, the budget, and one annex page per comune. Its values are the
 * values the public sees: the report goes to the Conferenza and is
 * published, so it reads every figure as a Conferenza member would
 * (db/queries/values.ts and the other query modules, one disclosure
 * pattern per block whoever asks), and the same count has the same pattern
 * in every table, section and annex page of the document.
 */

/** The reader every report is built for: the Conferenza di zona (protected counts). */
export function reportReader(zoneCode: string): Principal {
  return { kind: "user", id: "report", label: "Relazione annuale", role: "conferenza", zones: [zoneCode], regions: [], readOnly: true };
}

/** Demography (counts and rates) of the comuni table, in column order. */
export const DEMOGRAPHY_CODES = ["POP_TOT", "POP_65_PLUS", "PERC_65_PLUS", "INDICE_VECCHIAIA", "PERC_STRANIERI"] as const;
/** Needs: counts of people with their rates, where small comuni matter most. */
export const NEEDS_CODES = ["BENEF_ADI", "PERC_BENEF_ADI", "DISABILI_L104", "TASSO_DISABILI_L104", "MINORI_IN_CARICO", "TASSO_MINORI_IN_CARICO"] as const;
/** Births, deaths and the youngest children: small counts in small comuni. */
export const MOVEMENT_CODES = ["NATI", "MORTI", "POP_0_2"] as const;
/** Zone trend over the last years. */
export const TREND_CODES = ["POP_TOT", "POP_65_PLUS", "NATI", "MORTI"] as const;
const TREND_YEARS = 5;

/** Every indicator the report's value tables read (the report's audit joins their blocks). */
export const REPORT_VALUE_CODES = [...new Set([...DEMOGRAPHY_CODES, ...MOVEMENT_CODES, ...NEEDS_CODES, ...TREND_CODES])];

export class ReportRequestError extends Error {}

export async function buildReport(db: Db, zoneCode: string, year: number, options: { now?: Date } = {}): Promise<ReportDocument> {
  const zone = await getZone(db, zoneCode);
  if (!zone) throw new ReportRequestError(`Zona ${zoneCode} sconosciuta.`);
  const principal = reportReader(zoneCode);
  const [years, catalogue, notes, texts] = await Promise.all([zoneYears(db, zoneCode), indicatorDefinitions(db), notesForReport(db, zoneCode), reportTexts(db, zoneCode, year)]);
  const dataYear = [...years].filter((y) => y <= year).pop() ?? null;
  const trendYears = dataYear === null ? [] : years.filter((y) => y <= dataYear).slice(-TREND_YEARS);
  const codes = REPORT_VALUE_CODES;
  const shown = await zoneValuesAsShown(db, zoneCode, { principal, codes, years: trendYears });
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  const mark = shown.mark;
  const batchIds = new Set<number>();
  const noteUse = new Set<string>();
  const notesOf = (kind: keyof typeof notes, keys: readonly string[], label: (key: string) => string): ReportBlock[] => {
    const out: ReportNote[] = [];
    for (const group of notes[kind]) {
      if (!keys.includes(group.key)) continue;
      noteUse.add(`${kind}|${group.key}`);
      for (const n of group.notes) out.push(noteOfReport(label(group.key), n));
    }
    return out.length > 0 ? [{ kind: "notes", notes: out }] : [];
  };
  const indicatorName = (c: string) => byCode.get(c)?.name ?? c;
  const textOf = (key: string) => texts.get(key) ?? null;

  const sections: ReportSection[] = [];
  if (dataYear !== null) {
    for (const v of shown.values) {
      for (const c of v.comuni) for (const b of c.batchIds) batchIds.add(b);
      for (const b of v.zone.batchIds) batchIds.add(b);
    }
    const demography = comuniTable(shown, "demografia-comuni", `Popolazione dei comuni, ${dataYear}`, DEMOGRAPHY_CODES, dataYear, mark);
    const movement = comuniTable(shown, "demografia-movimento", `Nati, morti e bambini di 0–2 anni per comune, ${dataYear}`, MOVEMENT_CODES, dataYear, mark);
    const needs = comuniTable(shown, "bisogni-comuni", `Bisogni: beneficiari, persone con disabilità, minori in carico, ${dataYear}`, NEEDS_CODES, dataYear, mark);
    const trend = trendTable(shown, trendYears, mark);
    const chart = chartOf(demography, "PERC_65_PLUS", `Residenti di 65 anni e oltre per comune (%), ${dataYear}`);
    sections.push({
      key: "demografia",
      title: "Popolazione e bisogni",
      comment: textOf("demografia"),
      blocks: [
        { kind: "paragraph", text: `I valori sono quelli dell'anno ${dataYear}. I conteggi si sommano; i tassi sono somma dei numeratori diviso somma dei denominatori; il valore di zona si dà solo se tutti i comuni hanno il dato.` },
        { kind: "table", table: demography },
        ...(chart ? [{ kind: "chart" as const, chart }] : []),
        { kind: "table", table: movement },
        { kind: "table", table: trend },
        { kind: "table", table: needs },
        ...notesOf("indicator", [...DEMOGRAPHY_CODES, ...MOVEMENT_CODES, ...NEEDS_CODES, ...TREND_CODES], indicatorName),
      ],
    });
    sections.push(await fragilitySection(db, zoneCode, dataYear, principal, shown, textOf("fragilita")));
  }

  const card = await planScorecard(db, zoneCode, principal, dataYear === null ? {} : { year: dataYear });
  if (card.plan && card.targets.length > 0) {
    const table: ReportTable = {
      id: "psz-obiettivi",
      caption: `Obiettivi del ${card.plan.name} nel ${card.year ?? "—"}`,
      rowHeader: "Indicatore",
      columns: [
        { key: "territorio", label: "Territorio", numeric: false },
        { key: "partenza", label: "Valore di partenza", numeric: true },
        { key: "obiettivo", label: "Obiettivo", numeric: true },
        { key: "valore", label: `Valore ${card.year ?? ""}`.trim(), numeric: true },
        { key: "stato", label: "Stato", numeric: false },
      ],
      rows: card.targets.map((t) => {
        const d = t.indicator.decimals;
        const place = t.target.comune === null ? "Zona" : (card.comuni.find((c) => c.istat === t.target.comune)?.name ?? t.target.comune);
        const status = CELL_STATUS_LABELS_IT[t.cell.status];
        return {
          header: t.indicator.name,
          cells: [
            textCell(place),
            t.cell.baseline ? { ...numberCell(t.cell.baseline.value, d, t.indicator.unit), note: String(t.cell.baseline.year) } : textCell("—"),
            { ...numberCell(t.target.targetValue, d, t.indicator.unit), note: `entro il ${t.target.targetYear}` },
            t.cell.withheld ? suppressedCell(card.mark) : numberCell(t.cell.value, d, t.indicator.unit),
            textCell(`${status.symbol} ${status.label}`),
          ],
        };
      }),
      notes: [
        "Stato: il valore dell'anno confrontato con quello atteso sulla retta fra il valore di partenza e l'obiettivo (raggiunto, in linea, a rischio, fuori traiettoria); la polarità dell'indicatore decide il verso.",
        ...(card.targets.some((t) => t.cell.withheld) ? [disclosureFootnoteIt(shown.threshold)] : []),
      ],
    };
    const targetKeys = notes.target.map((g) => g.key);
    sections.push({
      key: "psz",
      title: "Piano sociale di zona",
      comment: textOf("psz"),
      blocks: [{ kind: "table", table }, ...notesOf("target", targetKeys, (k) => `Obiettivo ${k.split("|")[1] ?? k}`)],
    });
  }

  const leps = await lepsPanel(db, zoneCode, principal);
  const lepsYears = leps.socialWorkers.filter((s) => trendYears.includes(s.year));
  if (lepsYears.length > 0 || leps.checklist.some((i) => i.state !== null)) {
    const workers: ReportTable = {
      id: "leps-assistenti-sociali",
      caption: "Assistenti sociali (comuni e ATS) rispetto ai residenti: LEPS 1 ogni 5.000, obiettivo 1 ogni 4.000",
      rowHeader: "Anno",
      columns: [
        { key: "residenti", label: "Residenti", numeric: true },
        { key: "fte", label: "Assistenti sociali (tempo pieno equivalente)", numeric: true },
        { key: "rapporto", label: "Residenti per assistente sociale", numeric: true },
        { key: "livello", label: "Livello", numeric: false },
      ],
      rows: lepsYears.map((s) => ({
        header: String(s.year),
        cells: [
          numberCell(s.population, 0),
          numberCell(s.fte, 1),
          numberCell(s.assessment.residentsPerAs, 0),
          textCell(s.note ? `Dato mancante (${s.note})` : SOCIAL_WORKER_LEVEL_LABELS_IT[s.assessment.level]),
        ],
      })),
      notes: ["Contano solo gli assistenti sociali dipendenti dei comuni e dell'ATS (L. 178/2020, art. 1, commi 797–802)."],
    };
    const checklist: ReportTable = {
      id: "leps-qualitativi",
      caption: "LEPS qualitativi: stato di attuazione",
      rowHeader: "LEPS",
      columns: [
        { key: "stato", label: "Stato", numeric: false },
        { key: "evidenza", label: "Evidenza", numeric: false },
        { key: "data", label: "Data", numeric: false },
      ],
      rows: leps.checklist.map((i) => ({
        header: i.label,
        cells: [
          textCell(i.state ? `${LEPS_ITEM_STATE_LABELS_IT[i.state].symbol} ${LEPS_ITEM_STATE_LABELS_IT[i.state].label}` : "Non rilevato"),
          textCell(i.evidence ?? "—"),
          textCell(i.assessedOn ? formatDate(i.assessedOn) : "—"),
        ],
      })),
      notes: ["Fonti: L. 234/2021, art. 1, commi 162, 163 e 170."],
    };
    sections.push({
      key: "leps",
      title: "Livelli essenziali (LEPS)",
      comment: textOf("leps"),
      blocks: [...(lepsYears.length > 0 ? [{ kind: "table" as const, table: workers }] : []), { kind: "table", table: checklist }, ...notesOf("indicator", ["AS_FTE", "RESIDENTI_PER_AS", "COPERTURA_NIDI"], indicatorName)],
    });
  }

  const quality = await zoneServiceQuality(db, zoneCode, { principal });
  const qualityTable = dataYear === null ? null : qualityTableOf(quality, dataYear, mark);
  if (qualityTable) {
    sections.push({
      key: "qualita",
      title: "Qualità dei servizi",
      comment: textOf("qualita"),
      blocks: [
        { kind: "paragraph", text: "Le misure della carta dei servizi nell'anno, con lo standard quando la carta lo fissa e l'esito in parole." },
        { kind: "table", table: qualityTable },
        ...notesOf("service", quality.services.map((s) => s.service.code), (k) => quality.services.find((s) => s.service.code === k)?.service.name ?? k),
      ],
    });
  }

  const staff = await zoneStaff(db, zoneCode);
  const staffYear = [...staff.byYear].filter((y) => y.year <= year).pop();
  if (staffYear) {
    const table: ReportTable = {
      id: "personale-profili",
      caption: `Personale dei servizi al ${formatDate(staffYear.asOf)}, per profilo (tempo pieno equivalente)`,
      rowHeader: "Profilo",
      columns: [
        { key: "fte", label: "Tempo pieno equivalente", numeric: true },
        { key: "precedente", label: "Anno precedente", numeric: true },
      ],
      rows: [
        ...staffYear.byProfile.map((g) => ({ header: g.label, cells: [numberCell(g.fte, 1), numberCell(g.previous, 1)] })),
        { header: "Totale", total: true, cells: [numberCell(staffYear.total, 1), numberCell(staffYear.previousTotal, 1)] },
      ],
      notes: [
        staffYear.per10000.value === null
          ? `Personale ogni 10.000 residenti: n.d. (${staffYear.per10000.reason ?? "dato mancante"}).`
          : `Personale ogni 10.000 residenti: ${formatNumber(staffYear.per10000.value, 1)}.`,
      ],
    };
    sections.push({ key: "personale", title: "Personale", comment: textOf("personale"), blocks: [{ kind: "table", table }] });
  }

  const budget = await budgetSection(db, zoneCode, year, textOf("bilancio"));
  if (budget) {
    sections.push(budget.section);
    for (const b of budget.batchIds) batchIds.add(b);
  }

  const annex = dataYear === null ? [] : await annexPages(db, zoneCode, shown, dataYear, quality, mark, (istat) => notesOf("comune", [istat], () => "Comune"));
  const sources = await sourcesOf(db, zoneCode, [...batchIds]);
  return {
    version: REPORT_DOCUMENT_VERSION,
    zone: { code: zone.code, name: zone.name, capofila: zone.capofila },
    year,
    dataYear,
    generatedAt: (options.now ?? new Date()).toISOString(),
    sources,
    introduction: textOf(INTRODUCTION_KEY),
    conclusions: textOf(CONCLUSIONS_KEY),
    sections,
    annex,
    disclosure: { threshold: shown.threshold, mark: suppressedMarkIt(shown.threshold), footnote: disclosureFootnoteIt(shown.threshold) },
    batchIds: [...batchIds].sort((a, b) => a - b),
  };
}

function noteOfReport(subject: string, n: Note): ReportNote {
  return { subject, body: n.body, author: n.author, date: n.notedOn };
}

/** Comuni × indicators for a year, with the zone's figure as the total row (the one pattern of each count's block). */
function comuniTable(shown: ZoneValuesAsShown, id: string, caption: string, codes: readonly string[], year: number, mark: string): ReportTable {
  const defs = codes.map((c) => shown.indicators.find((d) => d.code === c)).filter((d) => d !== undefined);
  const rows: ReportRow[] = shown.comuni.map((c) => ({
    header: c.name,
    cells: defs.map((d) => shownCell(valuesOf(shown, d.code, year)?.comuni.find((x) => x.istat === c.istat), d.decimals, mark)),
  }));
  rows.push({ header: "Zona", total: true, cells: defs.map((d) => shownCell(valuesOf(shown, d.code, year)?.zone, d.decimals, mark)) });
  const suppressed = rows.some((r) => r.cells.some((c) => c.state === "suppressed"));
  return {
    id,
    caption,
    rowHeader: "Comune",
    columns: defs.map((d) => ({ key: d.code, label: d.name, unit: d.unit, numeric: true })),
    rows,
    notes: suppressed ? [disclosureFootnoteIt(shown.threshold)] : [],
  };
}

function trendTable(shown: ZoneValuesAsShown, years: readonly number[], mark: string): ReportTable {
  const defs = TREND_CODES.map((c) => shown.indicators.find((d) => d.code === c)).filter((d) => d !== undefined);
  const rows = years.map((y) => ({ header: String(y), cells: defs.map((d) => shownCell(valuesOf(shown, d.code, y)?.zone, d.decimals, mark)) }));
  return {
    id: "demografia-andamento",
    caption: `Andamento della zona, ${years[0] ?? ""}–${years.at(-1) ?? ""}`,
    rowHeader: "Anno",
    columns: defs.map((d) => ({ key: d.code, label: d.name, unit: d.unit, numeric: true })),
    rows,
    notes: rows.some((r) => r.cells.some((c) => c.state === "suppressed")) ? [disclosureFootnoteIt(shown.threshold)] : [],
  };
}

async function fragilitySection(db: Db, zoneCode: string, year: number, principal: Principal, shown: ZoneValuesAsShown, comment: ReportText | null): Promise<ReportSection> {
  const base = { key: "fragilita", title: "Fragilità dei comuni", comment };
  try {
    const f = await zoneFragility(db, zoneCode, { year, principal });
    const name = new Map(shown.comuni.map((c) => [c.istat, c.name]));
    const table: ReportTable = {
      id: "fragilita-indice",
      caption: `Indice di fragilità dei comuni (metodo AMPI+), ${year}`,
      rowHeader: "Comune",
      columns: [
        { key: "indice", label: "Indice di fragilità", numeric: true },
        { key: "posizione", label: "Posizione", numeric: true },
        { key: "decile", label: "Decile", numeric: true },
      ],
      rows: f.units.map((u) => {
        const hidden = (f.withheld[u.unit] ?? []).length > 0;
        return {
          header: name.get(u.unit) ?? u.name ?? u.unit,
          cells: hidden ? [suppressedCell(suppressedMarkIt(f.threshold)), textCell("—"), textCell("—")] : [numberCell(u.index, 1), numberCell(u.rank, 1), numberCell(u.decile, 0)],
        };
      }),
      notes: [
        `Indicatori: ${Object.values(f.indicatorNames).join("; ")}. Riferimento: il valore della zona nell'anno base (${f.baseYear}) = 100; valori più alti, comuni più fragili; decile 10 = i comuni più fragili della zona.`,
        ...(f.nonDiscriminationReason ? [`Posizione e decile non calcolati: ${f.nonDiscriminationReason}`] : []),
        ...(Object.keys(f.withheld).length > 0 ? [disclosureFootnoteIt(f.threshold)] : []),
      ],
    };
    const chart = chartOf(table, "indice", `Indice di fragilità per comune, ${year}`);
    return { ...base, blocks: [{ kind: "table", table }, ...(chart ? [{ kind: "chart" as const, chart }] : [])] };
  } catch (error) {
    if (!(error instanceof FragilityRequestError)) throw error;
    return { ...base, blocks: [{ kind: "paragraph", text: `Indice di fragilità non calcolato: ${error.message}` }] };
  }
}

const QUALITY_COLUMNS = ["SRV_UTENTI", "SRV_GG_PRIMO_COLLOQUIO", "SRV_LISTA_ATTESA", "SRV_SODDISFAZIONE", "SRV_RECLAMI_RISPOSTA_PERC"] as const;

function qualityTableOf(quality: ZoneQuality, year: number, mark: string): ReportTable | null {
  const metrics = QUALITY_COLUMNS.map((c) => QUALITY_METRICS.find((m) => m.code === c)!);
  const rows: ReportRow[] = [];
  let suppressed = false;
  for (const s of quality.services) {
    const y = qualityInYear(s, year);
    if (!y) continue;
    const cells: ReportCell[] = metrics.map((m) => {
      const cell = y.metrics.find((x) => x.metric.code === m.code);
      if (!cell || cell.state === "missing" || cell.value === null) {
        if (cell && cell.state !== "missing" && cell.state !== "public") {
          suppressed = true;
          return suppressedCell(mark);
        }
        return { ...numberCell(null, m.decimals), note: cell?.reason ?? undefined };
      }
      if (cell.state !== "public") {
        suppressed = true;
        return suppressedCell(mark);
      }
      const status = cell.evaluation.status === "nessuno_standard" ? undefined : `${STANDARD_STATUS_LABELS_IT[cell.evaluation.status].symbol} ${STANDARD_STATUS_LABELS_IT[cell.evaluation.status].label}`;
      return { ...numberCell(cell.value, m.decimals, m.unit), ...(status ? { note: status } : {}) };
    });
    const cov = y.coverage;
    cells.push(cov.state !== "public" && cov.state !== "missing" ? (suppressed = true, suppressedCell(mark)) : { ...numberCell(cov.value, 1, "%"), ...(cov.value === null && cov.reason ? { note: cov.reason } : {}) });
    rows.push({ header: `${s.service.name} (${SERVICE_AREA_LABELS_IT[s.service.area]})`, cells });
  }
  if (rows.length === 0) return null;
  return {
    id: "qualita-servizi",
    caption: `Qualità dei servizi nel ${year}`,
    rowHeader: "Servizio",
    columns: [...metrics.map((m) => ({ key: m.code, label: m.label, unit: m.unit, numeric: true })), { key: "copertura", label: "Copertura (utenti su popolazione di riferimento)", unit: "%", numeric: true }],
    rows,
    notes: ["Sotto ogni misura con uno standard della carta dei servizi è indicato se è rispettato.", ...(suppressed ? [disclosureFootnoteIt(quality.threshold)] : [])],
  };
}

/** The key figures of the annex: counts and rates a mayor reads first. */
const ANNEX_CODES = ["POP_TOT", "PERC_65_PLUS", "INDICE_VECCHIAIA", "BENEF_ADI", "DISABILI_L104", "MINORI_IN_CARICO"] as const;

async function annexPages(
  db: Db,
  zoneCode: string,
  shown: ZoneValuesAsShown,
  year: number,
  quality: ZoneQuality,
  mark: string,
  notesOf: (istat: string) => ReportBlock[],
): Promise<ReportComunePage[]> {
  const [services, resources] = await Promise.all([listServices(db, zoneCode), listResources(db, zoneCode)]);
  const defs = ANNEX_CODES.map((c) => shown.indicators.find((d) => d.code === c)).filter((d) => d !== undefined);
  return shown.comuni.map((c) => {
    const figures: ReportTable = {
      id: `comune-${c.istat}-dati`,
      caption: `${c.name}: dati principali, ${year}`,
      rowHeader: "Indicatore",
      columns: [
        { key: "comune", label: c.name, numeric: true },
        { key: "zona", label: "Zona", numeric: true },
      ],
      rows: defs.map((d) => {
        const v = valuesOf(shown, d.code, year);
        return {
          header: d.unit && d.unit !== "persone" ? `${d.name} (${d.unit})` : d.name,
          cells: [shownCell(v?.comuni.find((x) => x.istat === c.istat), d.decimals, mark), shownCell(v?.zone, d.decimals, mark)],
        };
      }),
      notes: [],
    };
    if (figures.rows.some((r) => r.cells.some((x) => x.state === "suppressed"))) figures.notes.push(disclosureFootnoteIt(shown.threshold));
    const mine = services.filter((s) => s.comuni.length === 0 || s.comuni.some((x) => x.istat === c.istat));
    const users = quality.services
      .map((s) => ({ s, y: qualityInYear(s, year) }))
      .map(({ s, y }) => ({ name: s.service.name, u: y?.usersByComune.find((x) => x.istat === c.istat) }))
      .filter((x) => x.u !== undefined);
    const servicesTable: ReportTable = {
      id: `comune-${c.istat}-servizi`,
      caption: `${c.name}: servizi attivi nel comune e utenti residenti, ${year}`,
      rowHeader: "Servizio",
      columns: [
        { key: "area", label: "Area", numeric: false },
        { key: "utenti", label: "Utenti residenti nel comune", numeric: true },
      ],
      rows: mine.map((s) => {
        const u = users.find((x) => x.name === s.name)?.u;
        return {
          header: s.name,
          cells: [textCell(SERVICE_AREA_LABELS_IT[s.area]), !u ? numberCell(null, 0) : u.state === "public" ? numberCell(u.value, 0) : u.state === "missing" ? numberCell(null, 0) : suppressedCell(mark)],
        };
      }),
      notes: ["Servizi senza comuni indicati: serviti in tutta la zona."],
    };
    if (servicesTable.rows.some((r) => r.cells.some((x) => x.state === "suppressed"))) servicesTable.notes.push(disclosureFootnoteIt(shown.threshold));
    const here = resources.filter((r) => r.comuneIstat === c.istat);
    const kinds = [...new Set(here.map((r) => r.kind))];
    const resourceText =
      here.length === 0
        ? "Nessun punto di accesso o risorsa del territorio registrato nel comune."
        : `Risorse del territorio nel comune: ${kinds.map((k) => `${RESOURCE_KIND_LABELS_IT[k]} (${here.filter((r) => r.kind === k).length})`).join("; ")}.`;
    return {
      istat: c.istat,
      name: c.name,
      blocks: [{ kind: "table", table: figures }, ...(mine.length > 0 ? [{ kind: "table" as const, table: servicesTable }] : []), { kind: "paragraph", text: resourceText }, ...notesOf(c.istat)],
    };
  });
}

/** The files the document's values come from, by kind, with the date of the latest. */
async function sourcesOf(db: Db, zoneCode: string, batchIds: number[]): Promise<ReportDocument["sources"]> {
  if (batchIds.length === 0) return [];
  const rows = await db
    .selectFrom("import_batch")
    .select(["kind", "file_name", "committed_at"])
    .where("id", "in", batchIds)
    .where((eb) => eb.or([eb("zone_code", "=", zoneCode), eb("zone_code", "is", null)]))
    .execute();
  const latest = new Map<string, { name: string; at: string | null }>();
  for (const r of rows) {
    const at = r.committed_at ? toIsoDate(r.committed_at) : null;
    const prev = latest.get(r.kind);
    if (!prev || (at ?? "") > (prev.at ?? "")) latest.set(r.kind, { name: r.kind === "demo" ? "Dati dimostrativi generati" : r.file_name, at });
  }
  return [...latest.values()].map((v) => ({ name: v.name, updatedOn: v.at })).sort((a, b) => a.name.localeCompare(b.name, "it"));
}

const RATE_KEYS: (keyof BudgetRates)[] = ["capacitaImpegno", "capacitaPagamento", "capacitaSpesa", "smaltimentoResidui", "velocitaGestione"];
const ratioPercent = (r: Ratio | null | undefined): ReportCell => (r && r.value !== null ? numberCell(r.value * 100, 1, "%") : { ...numberCell(null, 1), ...(r?.reason ? { note: r.reason } : {}) });
const euro = (v: number | null | undefined, decimals = 0): ReportCell => numberCell(v, decimals, "€");

/**
 * The budget of the report's year (or the latest earlier one with budget
 * lines) at its latest snapshot: totals per stage with the year before at the
 * same date, the rates, and the split by area di utenza. Amounts in euros,
 * no counts of people; read through loadBudgetYear (latestBudgetLines).
 */
async function budgetSection(db: Db, zoneCode: string, year: number, comment: ReportText | null): Promise<{ section: ReportSection; batchIds: number[] } | null> {
  const budgetYear = (await budgetSnapshotDates(db, zoneCode)).map((s) => s.year).filter((y) => y <= year).sort((a, b) => b - a)[0];
  if (budgetYear === undefined) return null;
  const loaded = await loadBudgetYear(db, zoneCode, { year: budgetYear });
  if (!loaded) return null;
  const s: BudgetYearSummary = loaded.summary;
  const asOf = formatDate(s.asOf);
  const stages: ReportTable = {
    id: "bilancio-fasi",
    caption: `Bilancio ${s.year} per fase della spesa, situazione al ${asOf}`,
    rowHeader: "Fase",
    columns: [
      { key: "importo", label: `${s.year} al ${asOf}`, unit: "€", numeric: true },
      { key: "abitante", label: "Per abitante", unit: "€", numeric: true },
      { key: "precedente", label: `${s.year - 1}, stessa data`, unit: "€", numeric: true },
      { key: "variazione", label: "Variazione", unit: "%", numeric: true },
    ],
    rows: BUDGET_AMOUNT_STAGES.map((st) => {
      const c = change(s.totals[st], s.previous ? s.previous.totals[st] : null);
      return {
        header: STAGE_LABELS_IT[st],
        cells: [euro(s.totals[st]), euro(perResident(s.totals[st], s.residents).value, 2), s.previous ? euro(s.previous.totals[st]) : numberCell(null, 0), s.previous ? ratioPercent(c.relative) : numberCell(null, 1)],
      };
    }),
    notes: [
      `Per ogni riga di bilancio la situazione più recente al ${asOf}; l'anno precedente alla stessa data.${s.residents === null ? " Per abitante: n.d., manca la popolazione di un comune." : ` Per abitante: ${formatNumber(s.residents, 0)} residenti${s.populationYear ? ` (${s.populationYear})` : ""}.`}`,
    ],
  };
  const rates: ReportTable = {
    id: "bilancio-tassi",
    caption: `Indicatori di esecuzione del bilancio ${s.year}, al ${asOf}`,
    rowHeader: "Indicatore",
    columns: [
      { key: "valore", label: String(s.year), unit: "%", numeric: true },
      { key: "precedente", label: `${s.year - 1}, stessa data`, unit: "%", numeric: true },
      { key: "formula", label: "Come si calcola", numeric: false },
    ],
    rows: RATE_KEYS.map((k) => ({ header: RATE_LABELS_IT[k].label, cells: [ratioPercent(s.rates[k]), s.previous ? ratioPercent(s.previous.rates[k]) : numberCell(null, 1), textCell(RATE_LABELS_IT[k].formula)] })),
    notes: ["Ogni indicatore è la somma dei numeratori divisa per la somma dei denominatori di tutte le righe; con un denominatore zero è n.d. con il motivo."],
  };
  const areaRows: ReportRow[] = s.breakdowns.area.map((r) => ({
    header: r.label,
    cells: [...BUDGET_AMOUNT_STAGES.map((st) => euro(r.totals[st])), ratioPercent(r.rates.capacitaImpegno), ratioPercent(r.rates.capacitaSpesa)],
  }));
  areaRows.push({ header: "Totale", total: true, cells: [...BUDGET_AMOUNT_STAGES.map((st) => euro(s.totals[st])), ratioPercent(s.rates.capacitaImpegno), ratioPercent(s.rates.capacitaSpesa)] });
  const areas: ReportTable = {
    id: "bilancio-aree",
    caption: `Bilancio ${s.year} per area di utenza, al ${asOf}`,
    rowHeader: "Area di utenza",
    columns: [
      ...BUDGET_AMOUNT_STAGES.map((st) => ({ key: st, label: STAGE_LABELS_IT[st], unit: "€", numeric: true })),
      { key: "capacita-impegno", label: "Capacità di impegno", unit: "%", numeric: true },
      { key: "capacita-spesa", label: "Capacità di spesa", unit: "%", numeric: true },
    ],
    rows: areaRows,
    notes: ["Area di utenza del servizio secondo l'indagine ISTAT sugli interventi e servizi sociali dei comuni."],
  };
  const chart = chartOf(areas, "impegnato", `Impegnato per area di utenza, ${s.year} (euro)`);
  const batches = await db
    .selectFrom("budget_line")
    .select("batch_id")
    .distinct()
    .where("zone_code", "=", zoneCode)
    .where("year", "in", [s.year, s.year - 1])
    .where("replaced_by_batch", "is", null)
    .where("reference_date", "<=", s.asOf)
    .where("batch_id", "is not", null)
    .execute();
  return {
    section: {
      key: "bilancio",
      title: "Bilancio",
      comment,
      blocks: [
        {
          kind: "paragraph",
          text: `La spesa sociale della zona nel ${s.year}${s.year < year ? ` (l'ultimo esercizio con dati di bilancio)` : ""}, alla situazione del ${asOf}: quanto è stato stanziato, impegnato, liquidato e pagato, e con quale velocità.`,
        },
        { kind: "table", table: stages },
        { kind: "table", table: rates },
        { kind: "table", table: areas },
        ...(chart ? [{ kind: "chart" as const, chart }] : []),
      ],
    },
    batchIds: batches.flatMap((b) => (b.batch_id === null ? [] : [toNumber(b.batch_id)])),
  };
}

import type { Metadata } from "next";
import "@/app/components/territory-tables.css";
import "./budget.css";
import Link from "next/link";
import { serverDb } from "@/db/server";
import { requirePage } from "@/app/_auth/access";
import { DownloadLinks } from "@/app/components/DownloadLinks";
import { ScrollTable } from "@/app/components/ScrollTable";
import { FilterForm, SelectField, yearOptions } from "@/app/components/FilterForm";
import { FUNDING_SOURCES } from "@/lib/catalog/funding-sources";
import { APPORTIONMENT_RULE_IT } from "@/lib/budget/apportion";
import { MEASURE_LABELS_IT, measured, type BreakdownRow, type Measure } from "@/lib/budget/breakdown";
import { BUDGET_AMOUNT_STAGES, STAGE_LABELS_IT } from "@/lib/budget/lines";
import { change, perResident, RATE_LABELS_IT, type BudgetRates, type Ratio } from "@/lib/budget/rates";
import { BUDGET_VIEW_LABELS_IT, sourceLabel, type BudgetView, type BudgetYearSummary } from "@/lib/budget/summary";
import { formatDate, formatEuro, formatNumber, formatSignedEuro, formatSignedPercent, NA } from "@/lib/format";
import { budgetSearchQuery, parseBudgetSearch, type BudgetFilter } from "./search-params";
import { budgetView } from "./view";
import { measuredText, MEASURE_UNITS, rateText } from "./figures";
import { BudgetBars } from "./BudgetBars";
import { ISTAT_RULE_IT, type IstatAreaRow } from "@/lib/budget/istat";
import { CONTRIBUTION_RULE_IT, type ComuneBalance } from "@/lib/budget/comuni";
import { REFERENCE_POPULATION_LABELS_IT } from "@/lib/budget/apportion";
import type { ProgressionStep } from "@/lib/budget/progression";

export const metadata: Metadata = { title: "Bilancio" };

type Params = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const VIEWS: (BudgetView | "istat")[] = ["area", "servizio", "fonte", "comune", "istat"];
const VIEW_LABELS_IT: Record<BudgetView | "istat", string> = { ...BUDGET_VIEW_LABELS_IT, istat: "Indagine ISTAT" };
const MEASURES: Measure[] = ["assoluto", "abitante", "percentuale"];
const RATE_KEYS: (keyof BudgetRates)[] = ["capacitaImpegno", "capacitaPagamento", "capacitaSpesa", "smaltimentoResidui", "velocitaGestione"];

/** The zone's budget in a year at a snapshot date: stages, rates, breakdowns, comparison with the year before, funds at risk. */
export default async function BudgetPage({ params, searchParams }: Params) {
  const { code } = await params;
  await requirePage("zone.read", code);
  const filter = parseBudgetSearch(await searchParams);
  const db = await serverDb();
  const view = await budgetView(db, code, filter);
  const s = view.summary;

  return (
    <>
        <h1 className="h2">Bilancio</h1>
        <p>
          Risorse dei servizi della zona per fase della spesa (stanziato, impegnato, liquidato, pagato), con i tassi di esecuzione. Ogni riga di bilancio
          può avere più situazioni nell&apos;anno: la pagina usa per ciascuna l&apos;ultima situazione alla data scelta.
        </p>
        {view.year === null || s === null ? (
          <p className="alert alert-info" role="status">
            Nessuna riga di bilancio importata per questa zona. Si importano come «bilancio» dalla pagina <Link href={`/zone/${code}/importa`}>Importa dati</Link>.
          </p>
        ) : (
          <>
            <FilterForm submitLabel="Mostra" submitColumn="col-md-2">
              <SelectField name="anno" label="Anno" column="col-6 col-md-2" defaultValue={String(view.year)} options={yearOptions(view.years)} />
              <SelectField name="situazione" label="Situazione al" column="col-6 col-md-2" defaultValue={s.asOf} options={[...view.dates].reverse().map((d) => ({ value: d, label: formatDate(d) }))} />
              <SelectField name="fonte" label="Fonte" column="col-md-3" defaultValue={filter.source ?? ""} empty="Tutte" options={FUNDING_SOURCES.map((f) => ({ value: f.code, label: f.name }))} />
              <input type="hidden" name="vista" value={filter.view} />
              <input type="hidden" name="misura" value={filter.measure} />
            </FilterForm>
            <h2 className="h4">
              {view.year}, situazione al {formatDate(s.asOf)}
              {s.source ? ` — ${sourceLabel(s.source)}` : ""}
            </h2>
            {s.totals.lines === 0 ? (
              <p className="alert alert-info" role="status">
                Nessuna riga di bilancio {s.source ? `della fonte «${sourceLabel(s.source)}» ` : ""}nel {view.year} a questa data.
              </p>
            ) : (
              <>
                <Totals s={s} />
                <Rates s={s} />
                <DownloadLinks href={`/zone/${code}/bilancio/dati`} query={budgetSearchQuery(filter, view.year, s.asOf) + "&tabella=totali"} what="i totali e i tassi" />
                <Progression s={s} steps={view.progression} />
                <ViewNav code={code} s={s} filter={filter} />
                {filter.view === "istat" ? (
                  view.istat && <IstatSection code={code} s={s} filter={filter} rows={view.istat} />
                ) : (
                  <Breakdown code={code} s={s} filter={filter} view={filter.view} />
                )}
                {filter.view === "comune" && view.comuni && <ComuniSection code={code} s={s} filter={filter} rows={view.comuni} />}
                <Disimpegni s={s} />
              </>
            )}
            <AtRisk code={code} s={s} filter={filter} />
          </>
        )}
    </>
  );
}

function Totals({ s }: { s: BudgetYearSummary }) {
  const prev = s.previous;
  return (
    <>
      <ScrollTable label="Totali per fase" className="table table-sm budget-table" caption={<>Totali per fase, {s.year} al {formatDate(s.asOf)}, confrontati con il {s.year - 1} alla stessa data</>}>
        <thead>
          <tr>
            <th scope="col">Fase</th>
            <th scope="col" className="text-end">{s.year}</th>
            <th scope="col" className="text-end">Per abitante</th>
            <th scope="col" className="text-end">{s.year - 1}</th>
            <th scope="col" className="text-end">Variazione</th>
            <th scope="col" className="text-end">Variazione %</th>
          </tr>
        </thead>
        <tbody>
          {BUDGET_AMOUNT_STAGES.map((stage) => {
            const c = change(s.totals[stage], prev ? prev.totals[stage] : null);
            const pr = perResident(s.totals[stage], s.residents);
            return (
              <tr key={stage}>
                <th scope="row">{STAGE_LABELS_IT[stage]}</th>
                <td className="text-end">{formatEuro(s.totals[stage])}</td>
                <td className="text-end">{pr.value === null ? `${NA} (${pr.reason})` : formatEuro(pr.value)}</td>
                <td className="text-end">{prev ? formatEuro(prev.totals[stage]) : `${NA} (nessun dato nel ${s.year - 1})`}</td>
                <td className="text-end">{c.delta === null ? NA : formatSignedEuro(c.delta)}</td>
                <td className="text-end">{c.relative.value === null ? `${NA} (${c.relative.reason})` : formatSignedPercent(c.relative.value * 100)}</td>
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>
      <p className="small text-secondary">
        {s.totals.lines} righe di bilancio. Per abitante: sui residenti della zona{s.populationYear !== null ? ` al ${s.populationYear}` : ""}
        {s.residents !== null ? ` (${formatNumber(s.residents)})` : ""}.
      </p>
    </>
  );
}

function Rates({ s }: { s: BudgetYearSummary }) {
  return (
    <>
      <ScrollTable label="Tassi di esecuzione" className="table table-sm budget-table" caption="Tassi di esecuzione del bilancio (somma dei numeratori diviso somma dei denominatori)">
        <thead>
          <tr>
            <th scope="col">Tasso</th>
            <th scope="col">Formula</th>
            <th scope="col" className="text-end">{s.year}</th>
            <th scope="col" className="text-end">Numeratore</th>
            <th scope="col" className="text-end">Denominatore</th>
            <th scope="col" className="text-end">{s.year - 1}</th>
          </tr>
        </thead>
        <tbody>
          {RATE_KEYS.map((k) => {
            const r = s.rates[k];
            return (
              <tr key={k}>
                <th scope="row">{RATE_LABELS_IT[k].label}</th>
                <td>{RATE_LABELS_IT[k].formula}</td>
                <td className="text-end">{rateText(r)}</td>
                <td className="text-end">{formatEuro(r.numerator)}</td>
                <td className="text-end">{formatEuro(r.denominator)}</td>
                <td className="text-end">{s.previous ? rateText(s.previous.rates[k]) : NA}</td>
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>
      {s.totals.linesWithResidui > 0 && s.totals.linesWithResidui < s.totals.lines && (
        <p className="small text-secondary">
          Residui passivi iniziali riportati da {s.totals.linesWithResidui} righe su {s.totals.lines}: lo smaltimento dei residui riguarda solo queste.
        </p>
      )}
    </>
  );
}

function Breakdown({ code, s, filter, view }: { code: string; s: BudgetYearSummary; filter: BudgetFilter; view: BudgetView }) {
  const rows = s.breakdowns[view];
  const prev = new Map((s.previous?.breakdowns[view] ?? []).map((r) => [r.key, r]));
  const measure = filter.measure;
  const q = (change: Partial<BudgetFilter>) => budgetSearchQuery(filter, s.year, s.asOf, change);
  const bars = rows
    .filter((r) => r.uncovered === null)
    .map((r) => {
      const seg = (amount: number) => {
        const m = measure === "abitante" ? perResident(amount, r.residents).value : measure === "percentuale" ? (s.totals.stanziato > 0 ? (amount / s.totals.stanziato) * 100 : null) : amount;
        return m ?? 0;
      };
      return { label: r.label, pagato: seg(r.totals.pagato), daPagare: seg(r.totals.impegnato - r.totals.pagato), nonImpegnato: seg(r.totals.stanziato - r.totals.impegnato) };
    });
  const unitLabel = MEASURE_UNITS[measure];
  return (
    <section aria-labelledby="ripartizione" className="mt-4">
      <h2 id="ripartizione" className="h4">
        Ripartizione per {BUDGET_VIEW_LABELS_IT[view].toLowerCase()}
      </h2>
      {view === "comune" && <p className="small">{APPORTIONMENT_RULE_IT}</p>}
      {view === "comune" && s.apportionment.unallocated.length > 0 && (
        <p className="small">
          Non ripartite: {s.apportionment.unallocated.length} righe ({formatEuro(s.apportionment.unallocated.reduce((t, u) => t + u.line.impegnato, 0))} di impegnato): {s.apportionment.unallocated[0]!.reason}.
        </p>
      )}
      {bars.length > 0 && (
        <BudgetBars
          data={bars}
          unit={unitLabel}
          decimals={measure === "percentuale" ? 1 : 0}
          summary={`Barre sovrapposte per ${BUDGET_VIEW_LABELS_IT[view].toLowerCase()}: pagato, impegnato non pagato e stanziato non impegnato, in ${unitLabel}. Gli stessi dati sono nella tabella che segue.`}
        />
      )}
      <DownloadLinks href={`/zone/${code}/bilancio/dati`} query={q({}) + "&tabella=ripartizione"} what="la tabella della ripartizione" />
      <ScrollTable label="Ripartizione" className="table table-sm budget-table" caption={<>{BUDGET_VIEW_LABELS_IT[view]}: importi in {MEASURE_LABELS_IT[measure].toLowerCase()}, {s.year} al {formatDate(s.asOf)}</>}>
        <thead>
          <tr>
            <th scope="col">{BUDGET_VIEW_LABELS_IT[view]}</th>
            <StageAndRateHeaders />
            <th scope="col" className="text-end">Impegnato {s.year - 1}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <BreakdownTr key={r.key} r={r} s={s} measure={measure} previous={prev.get(r.key) ?? null} />
          ))}
        </tbody>
      </ScrollTable>
      <p className="small text-secondary">
        {measure === "abitante"
          ? filter.view === "comune"
            ? "Per abitante: sui residenti di ciascun comune."
            : "Per abitante: sui residenti della zona."
          : measure === "percentuale"
            ? "Percentuale: quota di ciascuna voce sul totale della stessa fase."
            : "Importi in euro."}
      </p>
    </section>
  );
}

function BreakdownTr({ r, s, measure, previous }: { r: BreakdownRow; s: BudgetYearSummary; measure: Measure; previous: BreakdownRow | null }) {
  if (r.uncovered !== null)
    return (
      <tr>
        <th scope="row">{r.label}</th>
        <td colSpan={7}>{r.uncovered}</td>
      </tr>
    );
  const prevTotal = s.previous?.totals;
  return (
    <tr>
      <th scope="row">{r.label}</th>
      {BUDGET_AMOUNT_STAGES.map((st) => (
        <td key={st} className="text-end">
          {measuredText(measured(r, st, measure, s.totals), measure)}
        </td>
      ))}
      <td className="text-end">{rateText(r.rates.capacitaImpegno)}</td>
      <td className="text-end">{rateText(r.rates.capacitaSpesa)}</td>
      <td className="text-end">{previous && prevTotal ? measuredText(measured(previous, "impegnato", measure, prevTotal), measure) : `${NA} (nessun dato nel ${s.year - 1})`}</td>
    </tr>
  );
}

function Disimpegni({ s }: { s: BudgetYearSummary }) {
  if (s.disimpegni.length === 0) return null;
  return (
    <section aria-labelledby="disimpegni" className="mt-4">
      <h2 id="disimpegni" className="h4">
        Disimpegni
      </h2>
      <p>Righe la cui situazione ha un impegnato o un liquidato più basso della situazione precedente, con il motivo dichiarato nell&apos;importazione.</p>
      <ul>
        {s.disimpegni.map((l) => (
          <li key={`${l.serviceCode}|${l.fundingCode}|${l.istat ?? ""}|${l.project ?? ""}`}>
            <strong>{l.serviceName}</strong>, {sourceLabel(l.fundingCode)}
            {l.project ? ` (progetto ${l.project})` : ""}, situazione al {formatDate(l.referenceDate)}: {l.disimpegnoReason}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AtRisk({ code, s, filter }: { code: string; s: BudgetYearSummary; filter: BudgetFilter }) {
  return (
    <section aria-labelledby="a-rischio" className="mt-4">
      <h2 id="a-rischio" className="h4">
        Fondi a rischio
      </h2>
      <p>
        Righe con scadenza di rendicontazione entro {filter.months} mesi dal {formatDate(s.asOf)} (o già scaduta) e capacità di spesa (pagato / stanziato) sotto il{" "}
        {formatNumber(filter.thresholdPercent, 0)}%, per fondo, progetto PNRR e annualità, con tutti gli anni del bilancio a quella data.
      </p>
      <form method="get" className="row g-3 align-items-end mb-3 no-print">
        <input type="hidden" name="anno" value={s.year} />
        <input type="hidden" name="situazione" value={s.asOf} />
        <input type="hidden" name="vista" value={filter.view} />
        <input type="hidden" name="misura" value={filter.measure} />
        {filter.source && <input type="hidden" name="fonte" value={filter.source} />}
        <div className="col-6 col-md-2">
          <label htmlFor="mesi" className="form-label">
            Entro mesi
          </label>
          <input id="mesi" name="mesi" type="number" min={1} max={60} className="form-control" defaultValue={filter.months} />
        </div>
        <div className="col-6 col-md-2">
          <label htmlFor="soglia" className="form-label">
            Soglia (%)
          </label>
          <input id="soglia" name="soglia" type="number" min={1} max={100} className="form-control" defaultValue={filter.thresholdPercent} />
        </div>
        <div className="col-md-2">
          <button type="submit" className="btn btn-outline-primary">
            Applica
          </button>
        </div>
      </form>
      {s.atRisk.length === 0 ? (
        <p role="status">Nessun fondo a rischio con queste soglie.</p>
      ) : (
        <>
          <DownloadLinks href={`/zone/${code}/bilancio/dati`} query={budgetSearchQuery(filter, s.year, s.asOf) + "&tabella=rischio"} what="la tabella dei fondi a rischio" />
          <ScrollTable label="Fondi a rischio" className="table table-sm budget-table" caption={<>Fondi a rischio al {formatDate(s.asOf)}</>}>
            <thead>
              <tr>
                <th scope="col">Fondo</th>
                <th scope="col">Progetto</th>
                <th scope="col" className="text-end">Annualità</th>
                <th scope="col">Scadenza</th>
                <th scope="col" className="text-end">Stanziato</th>
                <th scope="col" className="text-end">Pagato</th>
                <th scope="col" className="text-end">Capacità di spesa</th>
                <th scope="col" className="text-end">Da spendere</th>
              </tr>
            </thead>
            <tbody>
              {s.atRisk.map((f) => (
                <tr key={`${f.fundingCode}|${f.project ?? ""}|${f.year}|${f.deadline}`}>
                  <th scope="row">{sourceLabel(f.fundingCode)}</th>
                  <td>{f.project ?? "—"}</td>
                  <td className="text-end">{f.year}</td>
                  <td>
                    {formatDate(f.deadline)} {f.daysLeft < 0 ? <strong>(scaduta)</strong> : `(tra ${f.daysLeft} giorni)`}
                  </td>
                  <td className="text-end">{formatEuro(f.stanziato)}</td>
                  <td className="text-end">{formatEuro(f.pagato)}</td>
                  <td className="text-end">{rateText(f.capacitaSpesa)}</td>
                  <td className="text-end">{formatEuro(f.daSpendere)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      )}
    </section>
  );
}

function ViewNav({ code, s, filter }: { code: string; s: BudgetYearSummary; filter: BudgetFilter }) {
  const q = (change: Partial<BudgetFilter>) => budgetSearchQuery(filter, s.year, s.asOf, change);
  const measure = filter.measure;
  return (
    <nav aria-label="Ripartizione" className="no-print">
      <ul className="list-inline mb-1">
        <li className="list-inline-item">Ripartizione:</li>
        {VIEWS.map((v) => (
          <li key={v} className="list-inline-item">
            <Link href={`/zone/${code}/bilancio${q({ view: v })}`} aria-current={v === filter.view ? "true" : undefined} className={v === filter.view ? "fw-bold" : undefined}>
              {VIEW_LABELS_IT[v]}
            </Link>
          </li>
        ))}
      </ul>
      <ul className="list-inline">
        <li className="list-inline-item">Misura:</li>
        {MEASURES.map((m) => (
          <li key={m} className="list-inline-item">
            <Link href={`/zone/${code}/bilancio${q({ measure: m })}`} aria-current={m === measure ? "true" : undefined} className={m === measure ? "fw-bold" : undefined}>
              {MEASURE_LABELS_IT[m]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Progression({ s, steps }: { s: BudgetYearSummary; steps: ProgressionStep[] }) {
  if (steps.length < 2) return null;
  return (
    <section aria-labelledby="andamento" className="mt-4">
      <h2 id="andamento" className="h4">
        Andamento nel {s.year}
      </h2>
      <p>
        Le fasi sono cumulative: ogni situazione somma, per ciascuna riga, la sua ultima situazione a quella data. Un calo rispetto alla situazione precedente è un
        disimpegno.
      </p>
      <ScrollTable label="Andamento nell'anno" className="table table-sm budget-table" caption={<>Situazioni del {s.year}: importi cumulati e capacità di spesa</>}>
        <thead>
          <tr>
            <th scope="col">Situazione al</th>
            <StageAndRateHeaders />
            <th scope="col">Nota</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((p) => (
            <tr key={p.asOf}>
              <th scope="row">{formatDate(p.asOf)}</th>
              {BUDGET_AMOUNT_STAGES.map((st) => (
                <td key={st} className="text-end">
                  {formatEuro(p.totals[st])}
                </td>
              ))}
              <td className="text-end">{rateText(p.rates.capacitaImpegno)}</td>
              <td className="text-end">{rateText(p.rates.capacitaSpesa)}</td>
              <td>{p.decreased.length > 0 ? `In calo: ${p.decreased.join(", ")} (disimpegno)` : ""}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

function IstatSection({ code, s, filter, rows }: { code: string; s: BudgetYearSummary; filter: BudgetFilter; rows: IstatAreaRow[] }) {
  return (
    <section aria-labelledby="istat" className="mt-4">
      <h2 id="istat" className="h4">
        Indagine ISTAT sugli interventi e servizi sociali dei comuni
      </h2>
      <p className="small">{ISTAT_RULE_IT}</p>
      <DownloadLinks href={`/zone/${code}/bilancio/dati`} query={budgetSearchQuery(filter, s.year, s.asOf) + "&tabella=istat"} what="il prospetto per il questionario ISTAT" />
      <ScrollTable label="Indagine ISTAT" className="table table-sm budget-table" caption={<>Spesa impegnata per area di utenza come nell&apos;indagine ISTAT, {s.year} al {formatDate(s.asOf)}</>}>
        <thead>
          <tr>
            <th scope="col">Area di utenza</th>
            <th scope="col" className="text-end">Spesa dei comuni (EXPMUN)</th>
            <th scope="col" className="text-end">Compartecipazione utenti (EXPUSERS)</th>
            <th scope="col" className="text-end">Quota SSN (EXPSSN)</th>
            <th scope="col" className="text-end">Spesa totale (TOTEXP)</th>
            <th scope="col">Popolazione di riferimento</th>
            <th scope="col" className="text-end">Spesa dei comuni per abitante (EXPTPOP)</th>
            <th scope="col" className="text-end">Utenti</th>
            <th scope="col" className="text-end">Spesa dei comuni per utente</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <th scope="row">
                {r.label} <span className="text-secondary">({r.code})</span>
              </th>
              <td className="text-end">{formatEuro(r.expMun)}</td>
              <td className="text-end">{formatEuro(r.expUsers)}</td>
              <td className="text-end">{formatEuro(r.expSsn)}</td>
              <td className="text-end">{formatEuro(r.totExp)}</td>
              <td>
                {REFERENCE_POPULATION_LABELS_IT[r.referencePopulation]}: {formatNumber(r.population)}
              </td>
              <td className="text-end">{r.expPerInhabitant.value === null ? `${NA} (${r.expPerInhabitant.reason})` : formatEuro(r.expPerInhabitant.value)}</td>
              <td className="text-end">{r.usersState === "suppressed" ? "riservato" : formatNumber(r.users)}</td>
              <td className="text-end">{r.expPerUser.value === null ? `${NA} (${r.expPerUser.reason})` : formatEuro(r.expPerUser.value)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

function ComuniSection({ code, s, filter, rows }: { code: string; s: BudgetYearSummary; filter: BudgetFilter; rows: ComuneBalance[] }) {
  const pr = (r: Ratio) => (r.value === null ? `${NA} (${r.reason})` : formatEuro(r.value));
  return (
    <section aria-labelledby="comuni-saldo" className="mt-4">
      <h2 id="comuni-saldo" className="h4">
        Comuni: quota versata e costo dei servizi per i residenti
      </h2>
      <p className="small">{CONTRIBUTION_RULE_IT}</p>
      <DownloadLinks href={`/zone/${code}/bilancio/dati`} query={budgetSearchQuery(filter, s.year, s.asOf) + "&tabella=comuni"} what="la tabella dei comuni" />
      <ScrollTable label="Comuni" className="table table-sm budget-table" caption={<>Quota dei comuni e costo dei servizi per i residenti (impegnato), {s.year} al {formatDate(s.asOf)}</>}>
        <thead>
          <tr>
            <th scope="col">Comune</th>
            <th scope="col" className="text-end">Residenti</th>
            <th scope="col" className="text-end">Quota del comune</th>
            <th scope="col" className="text-end">Per abitante</th>
            <th scope="col" className="text-end">Costo dei servizi</th>
            <th scope="col" className="text-end">Per abitante</th>
            <th scope="col" className="text-end">Coperto da altre fonti</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.istat}>
              <th scope="row">{r.name}</th>
              <td className="text-end">{formatNumber(r.residents)}</td>
              <td className="text-end">{formatEuro(r.contribution)}</td>
              <td className="text-end">{pr(r.contributionPerResident)}</td>
              <td className="text-end">{formatEuro(r.cost)}</td>
              <td className="text-end">{pr(r.costPerResident)}</td>
              <td className="text-end">{formatEuro(r.otherSources)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

/** The column headers of the tables by stage: one per amount stage, then the two capacities. */
function StageAndRateHeaders() {
  return (
    <>
      {BUDGET_AMOUNT_STAGES.map((st) => (
        <th key={st} scope="col" className="text-end">
          {STAGE_LABELS_IT[st]}
        </th>
      ))}
      <th scope="col" className="text-end">Capacità di impegno</th>
      <th scope="col" className="text-end">Capacità di spesa</th>
    </>
  );
}

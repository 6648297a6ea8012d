import type { Metadata } from "next";
import "@/app/components/territory-tables.css";
import "./piano.css";
import Link from "next/link";
import { serverDb } from "@/db/server";
import { planScorecard, type EvaluatedTarget } from "@/db/queries/targets";
import { requirePage } from "@/app/_auth/access";
import { formatValue } from "@/lib/format";
import { OBJECTIVE_AREAS, TARGET_PROVENANCE_LABELS_IT, TARGET_PROVENANCES } from "@/lib/targets/plan";
import { TARGET_STATUS_RULE_IT } from "@/lib/targets/status";
import { PROJECTION_RULE_IT } from "@/lib/targets/projection";
import { CELL_STATUS_LABELS_IT, COMUNE_RULE_IT, countStatuses, type CellStatus, type TargetCell } from "@/lib/targets/scorecard";
import { filterTargets, shownCell } from "@/lib/targets/filter";
import { kindLabel, planActText, targetSentence } from "@/lib/targets/describe";
import { FilterForm, SelectField, yearOptions } from "@/app/components/FilterForm";
import { DownloadLinks } from "@/app/components/DownloadLinks";
import { DisclosureFootnote } from "@/app/components/ShownValueCell";
import { Sparkline } from "@/app/components/Sparkline";
import { BulletChart } from "@/app/components/BulletChart";
import { ProjectionBadge, TargetStatusBadge } from "@/app/components/TargetStatus";
import { parsePlanSearch, planQuery } from "./search-params";
import { shownValueText } from "./shown-text";
import { can } from "@/lib/auth/roles";
import { indicatorDefinitions } from "@/db/queries/indicators";
import { EDIT_ACTION_LABELS_IT, recentAppChanges } from "@/db/queries/target-edits";
import { formatDate } from "@/lib/format";
import { ActionButton } from "@/app/components/FormFields";
import { ObjectiveCreator, PlanCreator, TargetEditor } from "./PlanForms";
import { undoChangeAction } from "./actions";

export const metadata: Metadata = { title: "Piano sociale di zona" };

type Params = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATUS_ORDER = Object.keys(CELL_STATUS_LABELS_IT) as CellStatus[];

export default async function PlanPage({ params, searchParams }: Params) {
  const { code } = await params;
  const principal = await requirePage("zone.read", code);
  const search = parsePlanSearch(await searchParams);
  const db = await serverDb();
  const card = await planScorecard(db, code, principal, { planId: search.planId, year: search.year });
  const { plan, year } = card;
  const comuneName = new Map(card.comuni.map((c) => [c.istat, c.name]));
  const filtered = filterTargets(card.targets, search);
  const cellOf = (t: EvaluatedTarget) => shownCell(t, search.comune);
  const counts = countStatuses(filtered.map((t) => cellOf(t)!.status));
  const query = (changes: Record<string, string | undefined> = {}) => planQuery(search, year, changes);
  const act = plan ? planActText(plan) : null;
  const editable = can(principal, "plan.write");
  const editing = editable ? await editingData(db, code) : null;
  const territoryOf = (t: EvaluatedTarget) => (search.comune ? (comuneName.get(search.comune) ?? search.comune) : t.target.comune ? (comuneName.get(t.target.comune) ?? t.target.comune) : "Zona");

  if (!plan) {
    return (
      <>
        <h1 className="h2">Piano sociale di zona</h1>
        <p className="alert alert-info">
          Nessun Piano sociale di zona per questa zona: caricarne gli obiettivi con un file «obiettivi» dalla pagina «Importa dati» (il piano viene creato dal file)
          {editable ? ", oppure crearne qui l'edizione." : "."}
        </p>
        {editable && (
          <section aria-labelledby="nuova-edizione" className="mb-4">
            <h2 id="nuova-edizione" className="h4">
              Nuova edizione del piano
            </h2>
            <PlanCreator zone={code} />
          </section>
        )}
      </>
    );
  }

  return (
    <>
      <h1 className="h2">Piano sociale di zona</h1>
      <p className="lead mb-1">{plan.name}</p>
      <p className="small text-secondary">
        Anni {plan.startYear}–{plan.endYear}
        {act ? ` · adottato con ${act}` : " · atto di adozione non indicato"}
      </p>

      <FilterForm submitLabel="Aggiorna" submitColumn="col-md-2">
        {card.years.length > 0 && <SelectField name="anno" label="Anno dei dati" column="col-md-2" defaultValue={year === null ? undefined : String(year)} options={yearOptions(card.years)} />}
        {card.plans.length > 1 && (
          <SelectField name="piano" label="Edizione" column="col-md-3" defaultValue={String(plan.id)} options={card.plans.map((p) => ({ value: String(p.id), label: `${p.startYear}–${p.endYear}` }))} />
        )}
        <SelectField name="vista" label="Vista" column="col-md-2" defaultValue={search.view} options={[{ value: "obiettivi", label: "Obiettivi" }, { value: "scorecard", label: "Quadro per comune" }]} />
        <SelectField name="area" label="Area" column="col-md-3" defaultValue={search.area ?? ""} empty="Tutte le aree" options={OBJECTIVE_AREAS.map((a) => ({ value: a.code, label: a.label }))} />
        <SelectField name="stato" label="Stato" column="col-md-2" defaultValue={search.status ?? ""} empty="Tutti" options={STATUS_ORDER.map((s) => ({ value: s, label: CELL_STATUS_LABELS_IT[s].label }))} />
        <SelectField name="comune" label="Territorio" column="col-md-3" defaultValue={search.comune ?? ""} empty="Zona (e obiettivi dei comuni)" options={card.comuni.map((c) => ({ value: c.istat, label: c.name }))} />
        <SelectField name="provenienza" label="Provenienza" column="col-md-3" defaultValue={search.provenance ?? ""} empty="Tutte" options={TARGET_PROVENANCES.map((p) => ({ value: p, label: TARGET_PROVENANCE_LABELS_IT[p] }))} />
      </FilterForm>

      <section aria-labelledby="riepilogo" className="mb-4">
        <h2 id="riepilogo" className="h4">
          Stato degli obiettivi nel {year ?? "—"}
          {search.comune ? ` – ${comuneName.get(search.comune) ?? search.comune}` : ""}
        </h2>
        <ul className="status-counts" aria-label="Obiettivi per stato">
          {STATUS_ORDER.filter((s) => counts[s] > 0 || s !== "riservato").map((s) => (
            <li key={s}>
              <Link href={query({ stato: s })} className="text-decoration-none">
                <span className="count">{counts[s]}</span>
                <TargetStatusBadge status={s} />
              </Link>
            </li>
          ))}
        </ul>
        <p className="small">
          {filtered.length} obiettivi mostrati su {card.targets.length} del piano.{" "}
          {(search.area || search.status || search.comune || search.provenance) && <Link href={query({ area: undefined, stato: undefined, comune: undefined, provenienza: undefined })}>Togli i filtri</Link>}
        </p>
        <details className="mb-2">
          <summary>Come si legge lo stato e la proiezione</summary>
          <p className="small rules mt-2">{TARGET_STATUS_RULE_IT}</p>
          <p className="small rules">{PROJECTION_RULE_IT}</p>
          <p className="small">{COMUNE_RULE_IT}</p>
        </details>
      </section>

      {search.view === "scorecard" ? (
        <Scorecard code={code} card={card} targets={filtered} query={query()} comuneName={comuneName} />
      ) : (
        OBJECTIVE_AREAS.filter((a) => !search.area || a.code === search.area).map((area) => {
          const objectives = card.objectives.filter((o) => o.area === area.code);
          return (
            <section key={area.code} aria-labelledby={`area-${area.code}`} className="mb-4">
              <h2 id={`area-${area.code}`} className="h4 border-bottom pb-1">
                {area.label}
              </h2>
              {objectives.length === 0 && <p className="text-secondary">Nessun obiettivo fissato.</p>}
              {objectives.map((o) => {
                const rows = filtered.filter((t) => t.target.objectiveCode === o.code);
                const all = card.targets.filter((t) => t.target.objectiveCode === o.code);
                return (
                  <article key={o.code} className="mb-4" aria-labelledby={`ob-${o.code}`}>
                    <h3 id={`ob-${o.code}`} className="h5">
                      {o.code} · {o.title}
                    </h3>
                    {o.description && <p className="mb-1">{o.description}</p>}
                    <p className="small text-secondary">Ufficio responsabile: {o.office ?? "non indicato"}</p>
                    {all.length === 0 ? (
                      <p className="text-secondary">Nessun obiettivo fissato: questo obiettivo non ha ancora un indicatore con un valore da raggiungere.</p>
                    ) : rows.length === 0 ? (
                      <p className="text-secondary small">Nessun indicatore con questi filtri.</p>
                    ) : (
                      <TargetTable code={code} rows={rows} year={year} cellOf={cellOf} territoryOf={territoryOf} mark={card.mark} caption={`Indicatori dell'obiettivo ${o.code}, ${year ?? ""}`} />
                    )}
                  </article>
                );
              })}
            </section>
          );
        })
      )}
      {search.view !== "scorecard" && !search.area && filtered.some((t) => t.objective === null) && (
        <section aria-labelledby="senza-obiettivo" className="mb-4">
          <h2 id="senza-obiettivo" className="h4 border-bottom pb-1">
            Indicatori senza obiettivo del piano
          </h2>
          <TargetTable code={code} rows={filtered.filter((t) => t.objective === null)} year={year} cellOf={cellOf} territoryOf={territoryOf} mark={card.mark} caption="Indicatori senza obiettivo" />
        </section>
      )}
      <DisclosureFootnote footnote={card.footnote} />
      {editing && (
        <section aria-labelledby="gestione" className="mb-4 no-print">
          <h2 id="gestione" className="h4 border-bottom pb-1">
            Gestione del piano
          </h2>
          <p className="small">
            Ogni modifica resta nello storico dell&apos;obiettivo e nel registro delle attività, e si può annullare. La Conferenza di zona e gli analisti vedono il piano ma non lo modificano.
          </p>
          <details className="mb-3">
            <summary>Nuovo obiettivo: indicatore e valore da raggiungere</summary>
            <div className="mt-2">
              <TargetEditor
                zone={code}
                values={{ planId: plan.id, objectiveCode: null, indicatorCode: "", comune: null, kind: "trajectory", provenance: "psz", baselineYear: null, baselineValue: null, targetYear: plan.endYear, targetValue: null, milestones: "", tolerance: null, legalSource: null, note: null }}
                objectives={card.objectives.map((o) => ({ code: o.code, title: o.title }))}
                indicators={editing.indicators}
                comuni={card.comuni}
                fixed={null}
              />
            </div>
          </details>
          <details className="mb-3">
            <summary>Nuovo obiettivo del piano ({plan.startYear}–{plan.endYear})</summary>
            <div className="mt-2">
              <ObjectiveCreator zone={code} planId={plan.id} />
            </div>
          </details>
          <details className="mb-3">
            <summary>Nuova edizione del piano</summary>
            <div className="mt-2">
              <PlanCreator zone={code} />
            </div>
          </details>
          <h3 className="h5">Modifiche recenti nell&apos;applicazione</h3>
          {editing.changes.length === 0 ? (
            <p className="small text-secondary">Nessuna modifica fatta nell&apos;applicazione: il piano viene dai file caricati.</p>
          ) : (
            <div className="table-responsive" tabIndex={0} role="region" aria-label="Modifiche recenti del piano, tabella scorrevole">
            <table className="table table-sm small w-auto">
              <caption className="visually-hidden">Modifiche recenti del piano</caption>
              <thead>
                <tr>
                  <th scope="col">Modifica</th>
                  <th scope="col">Che cosa</th>
                  <th scope="col">Da</th>
                  <th scope="col">Data</th>
                  <th scope="col">Stato</th>
                </tr>
              </thead>
              <tbody>
                {editing.changes.map((c) => (
                  <tr key={c.batchId}>
                    <td>
                      n. {c.batchId} · {EDIT_ACTION_LABELS_IT[c.action]}
                    </td>
                    <td>{c.indicator ? <Link href={`/zone/${code}/piano/${c.indicator}`}>{c.summary}</Link> : c.summary}</td>
                    <td>{c.by ?? "—"}</td>
                    <td>{c.at ? formatDate(c.at) : "—"}</td>
                    <td>
                      {c.status === "reverted" ? (
                        "annullata"
                      ) : c.batchId === editing.changes.find((x) => x.status === "committed")?.batchId ? (
                        <ActionButton action={undoChangeAction} fields={{ zone: code, batchId: String(c.batchId) }} label="Annulla l'ultima modifica" />
                      ) : (
                        "in vigore"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}

async function editingData(db: Awaited<ReturnType<typeof serverDb>>, code: string) {
  const [indicators, changes] = await Promise.all([indicatorDefinitions(db), recentAppChanges(db, code)]);
  return { indicators: indicators.map((d) => ({ code: d.code, name: d.name })), changes };
}

const valueText = (cell: TargetCell | null, unit: string, decimals: number, mark: string) => shownValueText(cell, unit, decimals, mark, { withUnit: true, absent: "—" });

function TargetTable({
  code,
  rows,
  year,
  cellOf,
  territoryOf,
  mark,
  caption,
}: {
  code: string;
  rows: EvaluatedTarget[];
  year: number | null;
  cellOf: (t: EvaluatedTarget) => TargetCell | null;
  territoryOf: (t: EvaluatedTarget) => string;
  mark: string;
  caption: string;
}) {
  if (rows.length === 0) return null;
  return (
    <div className="table-responsive" tabIndex={0} role="region" aria-label={`${caption}, scorrevole`}>
      <table className="table table-sm align-middle">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Indicatore</th>
            <th scope="col">Territorio</th>
            <th scope="col">Obiettivo</th>
            <th scope="col" className="num">
              Atteso {year}
            </th>
            <th scope="col" className="num">
              Valore {year}
            </th>
            <th scope="col">Stato</th>
            <th scope="col">Proiezione</th>
            <th scope="col">
              Andamento<span className="visually-hidden"> (grafico: valore, atteso, obiettivo; serie storica)</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => {
            const cell = cellOf(t)!;
            const d = t.indicator.decimals;
            const series = t.target.comune === null && !cell.territory ? t.series.zone : (t.series.comuni[cell.territory ?? ""] ?? []);
            return (
              <tr key={t.target.id}>
                <th scope="row">
                  <Link href={`/zone/${code}/piano/${t.target.indicatorCode}${cell.territory ? `?comune=${cell.territory}` : ""}`}>{t.indicator.name}</Link>
                  <div className="small fw-normal text-secondary">
                    {kindLabel(t.target.kind)} · {TARGET_PROVENANCE_LABELS_IT[t.target.provenance]}
                  </div>
                </th>
                <td>{territoryOf(t)}</td>
                <td className="small">{targetSentence({ ...t.target, baselineValue: cell.baseline?.value ?? null, baselineYear: cell.baseline?.year ?? t.target.baselineYear, targetValue: cell.targetValue }, t.indicator.unit, d)}</td>
                <td className="num">{cell.expected === null ? "n.d." : formatValue(cell.expected, t.indicator.unit, d, { withUnit: true })}</td>
                <td className="num">{t.zoneOnly && cell.territory ? "solo zona" : valueText(cell, t.indicator.unit, d, mark)}</td>
                <td>
                  <TargetStatusBadge status={cell.status} />
                </td>
                <td>
                  <ProjectionBadge band={cell.projection.band} reason={cell.projection.reason} />
                </td>
                <td>
                  <BulletChart value={cell.value} expected={cell.expected} target={cell.targetValue} baseline={cell.baseline?.value ?? null} unit={t.indicator.unit} decimals={d} />{" "}
                  <Sparkline values={series.map((p) => p.value)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Scorecard({ code, card, targets, query, comuneName }: { code: string; card: Awaited<ReturnType<typeof planScorecard>>; targets: EvaluatedTarget[]; query: string; comuneName: Map<string, string> }) {
  const areas = OBJECTIVE_AREAS.map((a) => ({ ...a, rows: targets.filter((t) => t.objective?.area === a.code) })).filter((a) => a.rows.length > 0);
  const other = targets.filter((t) => t.objective === null);
  const groups = other.length > 0 ? [...areas, { code: "altro", label: "Senza obiettivo del piano", rows: other }] : areas;
  const cell = (t: EvaluatedTarget, istat: string | null) => {
    if (istat === null) return t.target.comune === null ? t.cell : null;
    return t.comuni.find((c) => c.territory === istat) ?? null;
  };
  return (
    <section aria-labelledby="quadro">
      <h2 id="quadro" className="h4">
        Quadro per comune, {card.year}
      </h2>
      <p className="small">Ogni cella: lo stato (simbolo e parola) e il valore. «—»: l&apos;obiettivo non riguarda quel territorio; «solo zona»: l&apos;indicatore esiste solo per l&apos;intera zona.</p>
      <DownloadLinks href={`/zone/${code}/piano/dati`} query={query} what="il quadro per comune" />
      <div className="table-responsive" tabIndex={0} role="region" aria-label="Quadro degli obiettivi per comune, scorrevole">
        <table className="table table-sm table-bordered align-middle scorecard">
          <caption className="caption-top">Obiettivi del piano per territorio, {card.year}</caption>
          <thead>
            <tr>
              <th scope="col">Obiettivo e indicatore</th>
              <th scope="col">Zona</th>
              {card.comuni.map((c) => (
                <th scope="col" key={c.istat}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.code}>
              <tr className="table-light">
                <th scope="colgroup" colSpan={card.comuni.length + 2}>
                  {g.label}
                </th>
              </tr>
              {g.rows.map((t) => (
                <tr key={t.target.id}>
                  <th scope="row" className="fw-normal">
                    <Link href={`/zone/${code}/piano/${t.target.indicatorCode}`}>{t.indicator.name}</Link>
                    <div className="small text-secondary">
                      {t.target.objectiveCode ?? ""} · {kindLabel(t.target.kind)}
                      {t.target.comune ? ` · solo ${comuneName.get(t.target.comune) ?? t.target.comune}` : ""}
                    </div>
                  </th>
                  {[null, ...card.comuni.map((c) => c.istat)].map((istat) => {
                    const c = cell(t, istat);
                    return (
                      <td key={istat ?? "zona"}>
                        {!c ? (
                          <span aria-label="non riguarda questo territorio">—</span>
                        ) : istat !== null && t.zoneOnly ? (
                          "solo zona"
                        ) : (
                          <>
                            <TargetStatusBadge status={c.status} />
                            <div className="small">{valueText(c, t.indicator.unit, t.indicator.decimals, card.mark)}</div>
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}

import type { Metadata } from "next";
import { seriesColour } from "@/app/components/chart-palette";
import "@/app/components/territory-tables.css";
import "../piano.css";
import { indicatorHref } from "@/lib/catalog/words";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { serverDb } from "@/db/server";
import { planScorecard, targetHistory, type EvaluatedTarget } from "@/db/queries/targets";
import { requirePage } from "@/app/_auth/access";
import { formatDate, formatValue } from "@/lib/format";
import { TARGET_PROVENANCE_LABELS_IT } from "@/lib/targets/plan";
import { expectedValue, TARGET_STATUS_RULE_IT } from "@/lib/targets/status";
import { PROJECTION_RULE_IT } from "@/lib/targets/projection";
import { COMUNE_RULE_IT, specOf } from "@/lib/targets/scorecard";
import { kindLabel, planActText, targetSentence } from "@/lib/targets/describe";
import { formatMilestones } from "@/lib/targets/validate";
import { TargetChart, type TargetChartSeries } from "@/app/components/TargetChart";
import { ProjectionBadge, TargetStatusBadge } from "@/app/components/TargetStatus";
import { DisclosureFootnote } from "@/app/components/ShownValueCell";
import { FilterForm, SelectField } from "@/app/components/FilterForm";
import { ActionButton } from "@/app/components/FormFields";
import { can } from "@/lib/auth/roles";
import { shownValueText } from "../shown-text";
import { TargetEditor } from "../PlanForms";
import { retireTargetAction, undoChangeAction } from "../actions";
import { notesOn, type Note } from "@/db/queries/notes";
import { targetNoteKey } from "@/lib/notes";
import { NotesPanel } from "@/app/_notes/NotesPanel";
import type { Principal } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Obiettivo del Piano" };

type Params = { params: Promise<{ code: string; indicatore: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const Search = z.object({
  anno: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  piano: z.coerce.number().int().positive().optional().catch(undefined),
  comune: z.string().regex(/^\d{6}$/).optional().catch(undefined),
});
const IndicatorPath = z.string().regex(/^[A-Z][A-Z0-9_]*$/);

export default async function TargetPage({ params, searchParams }: Params) {
  const { code, indicatore } = await params;
  const principal = await requirePage("zone.read", code);
  const indicator = IndicatorPath.safeParse(indicatore);
  if (!indicator.success) notFound();
  const raw = await searchParams;
  const search = Search.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined])));
  const db = await serverDb();
  const card = await planScorecard(db, code, principal, { planId: search.piano, year: search.anno });
  const targets = card.targets.filter((t) => t.target.indicatorCode === indicator.data);
  if (!card.plan || targets.length === 0) notFound();
  const def = targets[0]!.indicator;
  const d = def.decimals;
  const f = (v: number | null) => formatValue(v, def.unit, d, { withUnit: true });
  const comuneName = new Map(card.comuni.map((c) => [c.istat, c.name]));
  const comune = search.comune && comuneName.has(search.comune) ? search.comune : undefined;
  const histories = await Promise.all(targets.map((t) => targetHistory(db, code, t.target)));
  const notes = await notesOn(db, code, [{ kind: "indicator", key: indicator.data }, ...targets.map((t) => ({ kind: "target" as const, key: targetNoteKey(t.target) }))]);
  const pagePath = `/zone/${code}/piano/${indicator.data}`;
  const editable = can(principal, "plan.write");
  const editing = editable ? { code, objectives: card.objectives.map((o) => ({ code: o.code, title: o.title })) } : null;

  // Years from the first observed or baseline year to the last target year, so the trajectory is drawn whole.
  const allYears = [...card.years, ...targets.flatMap((t) => [t.target.targetYear, ...(t.target.baselineYear !== null ? [t.target.baselineYear] : [])])];
  const years: number[] = [];
  for (let y = Math.min(...allYears); y <= Math.max(...allYears); y++) years.push(y);
  const zoneSeries = targets.find((t) => t.target.comune === null)?.series.zone ?? targets[0]!.series.zone;
  const comuneSeries = comune ? (targets[0]!.series.comuni[comune] ?? []) : [];
  const valueAt = (series: typeof zoneSeries, y: number) => series.find((p) => p.year === y)?.value ?? null;
  const zoneTargets = targets.filter((t) => t.target.comune === null || t.target.comune === comune);
  const data = years.map((y) => {
    const row: Record<string, number | null> = { year: y, zona: valueAt(zoneSeries, y) };
    if (comune) row.comune = valueAt(comuneSeries, y);
    for (const t of zoneTargets) {
      const spec = specOf(t.target, def.polarity);
      const first = t.target.kind === "trajectory" ? (t.target.baselineYear ?? t.target.targetYear) : Math.min(...years);
      row[`t${t.target.id}`] = y >= first && y <= t.target.targetYear ? expectedValue(spec, y) : t.target.kind === "trajectory" ? null : t.target.targetValue;
    }
    return row;
  });
  const series: TargetChartSeries[] = [
    { key: "zona", label: "Zona (valore osservato)", dashed: false, color: seriesColour(0) },
    ...(comune ? [{ key: "comune", label: `${comuneName.get(comune)} (valore osservato)`, dashed: false, color: seriesColour(1) }] : []),
    ...zoneTargets.map((t, i) => ({
      key: `t${t.target.id}`,
      label: `${t.target.kind === "trajectory" ? "Traiettoria" : kindLabel(t.target.kind)}${t.target.comune ? ` ${comuneName.get(t.target.comune) ?? ""}` : ""}: ${f(t.target.targetValue)}`,
      dashed: true,
      color: seriesColour(i + 2),
    })),
  ];
  const summary = `${def.name}: valori osservati della zona${comune ? ` e di ${comuneName.get(comune)}` : ""} dal ${years[0]} al ${years[years.length - 1]}, con ${zoneTargets.map((t) => targetSentence(t.target, def.unit, d)).join("; ")}. I valori sono nella tabella sotto.`;
  const act = planActText(card.plan);

  return (
    <>
      <p className="small no-print">
        <Link href={`/zone/${code}/piano`}>← Piano sociale di zona</Link>
      </p>
      <h1 className="h2">{def.name}</h1>
      <p className="text-secondary">
        {card.plan.name} · {def.unit}
        {def.polarity === 1 ? " · è meglio un valore più alto" : def.polarity === -1 ? " · è meglio un valore più basso" : ""} ·{" "}
        <Link href={indicatorHref(def.code)}>definizione dell&apos;indicatore</Link>
      </p>

      <FilterForm submitLabel="Mostra">
        <SelectField name="comune" label="Confronta con un comune" column="col-md-4" defaultValue={comune ?? ""} empty="Solo la zona" options={card.comuni.map((c) => ({ value: c.istat, label: c.name }))} />
        {card.years.length > 0 && <SelectField name="anno" label="Anno dello stato" column="col-md-2" defaultValue={card.year === null ? undefined : String(card.year)} options={card.years.map((y) => ({ value: String(y), label: String(y) }))} />}
      </FilterForm>

      {targets.map((t, i) => (
        <TargetSummary key={t.target.id} t={t} f={f} comuneName={comuneName} year={card.year} act={act} history={histories[i] ?? []} comune={comune} mark={card.mark} editing={editing} notes={{ zone: code, list: notes, principal, page: pagePath }} />
      ))}

      <section aria-labelledby="andamento" className="mb-4">
        <h2 id="andamento" className="h4">
          Andamento e traiettoria
        </h2>
        <TargetChart data={data} series={series} unit={def.unit} decimals={d} summary={summary} />
        <p className="small">Linee continue: valori osservati. Linee tratteggiate: il percorso atteso di ogni obiettivo (dal valore di partenza, per le tappe, al valore da raggiungere) o la soglia che vale in ogni anno.</p>
        <div className="table-responsive" tabIndex={0} role="region" aria-label="Valori per anno, scorrevole">
          <table className="table table-sm align-middle">
            <caption className="caption-top">Valori osservati e attesi per anno ({def.unit})</caption>
            <thead>
              <tr>
                <th scope="col">Territorio</th>
                {years.map((y) => (
                  <th scope="col" className="num" key={y}>
                    {y}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Zona</th>
                {years.map((y) => (
                  <td className="num" key={y}>
                    {pointText(zoneSeries.find((p) => p.year === y), d, def.unit, card.mark)}
                  </td>
                ))}
              </tr>
              {zoneTargets.map((t) => (
                <tr key={t.target.id}>
                  <th scope="row" className="fw-normal fst-italic">
                    Atteso: {kindLabel(t.target.kind).toLowerCase()}
                    {t.target.comune ? ` (${comuneName.get(t.target.comune)})` : ""}
                  </th>
                  {data.map((row) => (
                    <td className="num fst-italic" key={row.year}>
                      {row[`t${t.target.id}`] === null || row[`t${t.target.id}`] === undefined ? "" : f(row[`t${t.target.id}`] ?? null)}
                    </td>
                  ))}
                </tr>
              ))}
              {card.comuni.map((c) => (
                <tr key={c.istat}>
                  <th scope="row" className="fw-normal">
                    {c.name}
                  </th>
                  {years.map((y) => (
                    <td className="num" key={y}>
                      {pointText(targets[0]!.series.comuni[c.istat]?.find((p) => p.year === y), d, def.unit, card.mark)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <DisclosureFootnote footnote={card.footnote} />
      </section>

      <NotesPanel zone={code} subject={{ kind: "indicator", key: indicator.data }} notes={notes} principal={principal} page={pagePath} title="Note sull'indicatore" headingLevel={2} />

      <details className="mb-4">
        <summary>Come si legge lo stato e la proiezione</summary>
        <p className="small rules mt-2">{TARGET_STATUS_RULE_IT}</p>
        <p className="small rules">{PROJECTION_RULE_IT}</p>
        <p className="small">{COMUNE_RULE_IT}</p>
      </details>
    </>
  );
}

const pointText = (p: { value: number | null; withheld: boolean; partial: boolean } | undefined, decimals: number, unit: string, mark: string) => shownValueText(p, unit, decimals, mark);

function TargetSummary({
  t,
  f,
  comuneName,
  year,
  act,
  history,
  comune,
  mark,
  editing,
  notes,
}: {
  t: EvaluatedTarget;
  f: (v: number | null) => string;
  comuneName: Map<string, string>;
  year: number | null;
  act: string | null;
  history: Awaited<ReturnType<typeof targetHistory>>;
  comune: string | undefined;
  mark: string;
  /** For planners: the zone and the plan's objectives, to edit, retire and undo. */
  editing: { code: string; objectives: { code: string; title: string }[] } | null;
  notes: { zone: string; list: Note[]; principal: Principal; page: string };
}) {
  const where = t.target.comune ? (comuneName.get(t.target.comune) ?? t.target.comune) : "Zona";
  const current = history.find((h) => h.current);
  const comuneCell = comune && t.target.comune === null ? t.comuni.find((c) => c.territory === comune) : undefined;
  const cells = [{ name: where, cell: t.cell }, ...(comuneCell ? [{ name: comuneName.get(comune!) ?? comune!, cell: comuneCell }] : [])];
  return (
    <section className="mb-4" aria-labelledby={`obiettivo-${t.target.id}`}>
      <h2 id={`obiettivo-${t.target.id}`} className="h4">
        {kindLabel(t.target.kind)} · {where}
        {t.objective ? ` · ${t.objective.code} ${t.objective.title}` : ""}
      </h2>
      <p className="mb-1">Obiettivo: {targetSentence(t.target, t.indicator.unit, t.indicator.decimals)}.</p>
      <dl className="row small mb-2">
        <dt className="col-sm-3">Provenienza</dt>
        <dd className="col-sm-9">
          {TARGET_PROVENANCE_LABELS_IT[t.target.provenance]}
          {t.target.legalSource ? ` – ${t.target.legalSource}` : ""}
          {t.target.provenance === "psz" && act ? ` (${act})` : ""}
        </dd>
        {t.target.milestones.length > 0 && (
          <>
            <dt className="col-sm-3">Tappe intermedie</dt>
            <dd className="col-sm-9">{formatMilestones(t.target.milestones)}</dd>
          </>
        )}
        {t.target.tolerance !== null && (
          <>
            <dt className="col-sm-3">Tolleranza</dt>
            <dd className="col-sm-9">{f(t.target.tolerance)}</dd>
          </>
        )}
        {t.target.note && (
          <>
            <dt className="col-sm-3">Nota</dt>
            <dd className="col-sm-9">{t.target.note}</dd>
          </>
        )}
      </dl>
      <div className="table-responsive" tabIndex={0} role="region" aria-label={`Stato nel ${year}: ${where}, ${targetSentence(t.target, t.indicator.unit, t.indicator.decimals)}`}>
      <table className="table table-sm w-auto">
        <caption className="visually-hidden">Stato nel {year}</caption>
        <thead>
          <tr>
            <th scope="col">Territorio</th>
            <th scope="col" className="num">
              Valore {year}
            </th>
            <th scope="col" className="num">
              Atteso {year}
            </th>
            <th scope="col">Stato</th>
            <th scope="col">Proiezione al {t.target.targetYear}</th>
          </tr>
        </thead>
        <tbody>
          {cells.map(({ name, cell }) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className="num">{cell.withheld ? mark : f(cell.value)}</td>
              <td className="num">{f(cell.expected)}</td>
              <td>
                <TargetStatusBadge status={cell.status} />
              </td>
              <td>
                <ProjectionBadge band={cell.projection.band} reason={cell.projection.reason} />
                {cell.projection.projected !== null && <span className="small"> (proiettato {f(cell.projection.projected)})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <NotesPanel zone={notes.zone} subject={{ kind: "target", key: targetNoteKey(t.target) }} notes={notes.list} principal={notes.principal} page={notes.page} title={`Note sull'obiettivo (${where})`} context={targetSentence(t.target, t.indicator.unit, t.indicator.decimals)} />
      <details>
        <summary className="small">Storico delle modifiche ({history.length})</summary>
        <div className="table-responsive" tabIndex={0} role="region" aria-label={`Versioni dell'obiettivo: ${where}, ${targetSentence(t.target, t.indicator.unit, t.indicator.decimals)}`}>
        <table className="table table-sm small w-auto mt-2">
          <caption className="visually-hidden">Versioni dell&apos;obiettivo</caption>
          <thead>
            <tr>
              <th scope="col">Versione</th>
              <th scope="col">Caricamento</th>
              <th scope="col">Data</th>
              <th scope="col">Da</th>
              <th scope="col" className="num">
                Partenza
              </th>
              <th scope="col" className="num">
                Obiettivo
              </th>
              <th scope="col">Tappe</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h, i) => (
              <tr key={h.id}>
                <td>
                  {i + 1}
                  {h.current ? " (attuale)" : ""}
                </td>
                <td>{h.batchId === null ? "—" : `n. ${h.batchId}${h.fileName ? ` – ${h.fileName}` : ""}`}</td>
                <td>{h.committedAt ? formatDate(h.committedAt) : "—"}</td>
                <td>{h.by ?? "—"}</td>
                <td className="num">{f(h.baselineValue)}</td>
                <td className="num">{f(h.targetValue)}</td>
                <td>{h.milestones.length > 0 ? formatMilestones(h.milestones) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
        {editing && current?.inApp && current.batchId !== null && (
          <p className="small">
            La versione attuale è una modifica fatta nell&apos;applicazione: <ActionButton action={undoChangeAction} fields={{ zone: editing.code, batchId: String(current.batchId) }} label="Annulla l'ultima modifica" />
          </p>
        )}
      </details>
      {editing && (
        <details className="mt-2 no-print">
          <summary className="small">Modifica o ritira questo obiettivo</summary>
          <div className="mt-2">
            <TargetEditor
              zone={editing.code}
              values={{
                id: t.target.id,
                planId: t.target.planId ?? 0,
                objectiveCode: t.target.objectiveCode,
                indicatorCode: t.target.indicatorCode,
                comune: t.target.comune,
                kind: t.target.kind,
                provenance: t.target.provenance,
                baselineYear: t.target.baselineYear,
                baselineValue: t.target.baselineValue,
                targetYear: t.target.targetYear,
                targetValue: t.target.targetValue,
                milestones: formatMilestones(t.target.milestones),
                tolerance: t.target.tolerance,
                legalSource: t.target.legalSource,
                note: t.target.note,
              }}
              objectives={editing.objectives}
              indicators={[]}
              comuni={[]}
              fixed={{ indicator: t.indicator.name, territory: where, kind: kindLabel(t.target.kind) }}
            />
            <p className="small mt-3 mb-0">
              Ritirare l&apos;obiettivo lo toglie dal piano (resta nello storico e si può annullare):{" "}
              <ActionButton action={retireTargetAction} fields={{ zone: editing.code, targetId: String(t.target.id) }} label="Ritira l'obiettivo" className="btn btn-outline-danger btn-sm" />
            </p>
          </div>
        </details>
      )}
    </section>
  );
}

import type { Metadata } from "next";
import "@/app/components/territory-tables.css";
import "../piano/piano.css";
import { serverDb } from "@/db/server";
import { lepsPanel } from "@/db/queries/leps";
import { requirePage } from "@/app/_auth/access";
import { can } from "@/lib/auth/roles";
import { formatDate, formatEuro, formatNumber, formatPercent } from "@/lib/format";
import { LEPS_AS_GOAL_RESIDENTS, LEPS_AS_INCENTIVE_FLOOR_RESIDENTS, LEPS_AS_LEGAL_SOURCE, LEPS_AS_MINIMUM_RESIDENTS, SOCIAL_WORKER_LEVEL_LABELS_IT } from "@/lib/leps/social-workers";
import { LEPS_ITEM_STATE_LABELS_IT, NIDI_INTERMEDIATE, NIDI_SOURCE, NIDI_TARGET, NIDI_TARGET_YEAR } from "@/lib/leps/items";
import { DisclosureFootnote } from "@/app/components/ShownValueCell";
import { LepsItemForm } from "./LepsItemForm";

export const metadata: Metadata = { title: "LEPS" };

type Params = { params: Promise<{ code: string }> };

export default async function LepsPage({ params }: Params) {
  const { code } = await params;
  const principal = await requirePage("zone.read", code);
  const db = await serverDb();
  const panel = await lepsPanel(db, code, principal);
  const editable = can(principal, "plan.write");
  const last = [...panel.socialWorkers].reverse().find((y) => y.assessment.level !== "dato_mancante") ?? null;

  return (
    <>
      <h1 className="h2">Livelli essenziali delle prestazioni sociali (LEPS)</h1>

      <section aria-labelledby="assistenti-sociali" className="mb-5">
        <h2 id="assistenti-sociali" className="h4">
          Servizio sociale professionale
        </h2>
        <p className="small">
          Regola ({LEPS_AS_LEGAL_SOURCE}): almeno un assistente sociale ogni {formatNumber(LEPS_AS_MINIMUM_RESIDENTS)} residenti della zona (livello minimo), obiettivo uno ogni{" "}
          {formatNumber(LEPS_AS_GOAL_RESIDENTS)}. Contano solo gli assistenti sociali dipendenti dei comuni o dell&apos;ambito, in equivalenti a tempo pieno. Il contributo annuo spetta se gli
          assistenti sociali (N) sono almeno la popolazione (P) diviso {formatNumber(LEPS_AS_INCENTIVE_FLOOR_RESIDENTS)}: 40.000 € per ogni assistente sociale oltre P/6.500 fino a P/5.000,
          più 20.000 € per ogni assistente sociale oltre P/5.000 fino a P/4.000.
        </p>
        {last && (
          <p>
            <strong>{last.year}:</strong> {formatNumber(last.assessment.residentsPerAs, 0)} residenti per assistente sociale — {SOCIAL_WORKER_LEVEL_LABELS_IT[last.assessment.level]}.
          </p>
        )}
        <div className="table-responsive" tabIndex={0} role="region" aria-label="Assistenti sociali per anno, scorrevole">
          <table className="table table-sm align-middle">
            <caption className="caption-top">Residenti per assistente sociale e contributo stimato, per anno</caption>
            <thead>
              <tr>
                <th scope="col">Anno</th>
                <th scope="col" className="num">
                  Residenti (P)
                </th>
                <th scope="col" className="num">
                  Assistenti sociali, tempo pieno (N)
                </th>
                <th scope="col" className="num">
                  Residenti per assistente sociale
                </th>
                <th scope="col">Livello</th>
                <th scope="col" className="num">
                  Servono per 1:5.000
                </th>
                <th scope="col" className="num">
                  Servono per 1:4.000
                </th>
                <th scope="col" className="num">
                  Soglia del contributo (P/6.500)
                </th>
                <th scope="col" className="num">
                  Contributo stimato
                </th>
              </tr>
            </thead>
            <tbody>
              {panel.socialWorkers.map((y) => {
                const a = y.assessment;
                const level = a.level;
                return (
                  <tr key={y.year}>
                    <th scope="row">{y.year}</th>
                    <td className="num">{formatNumber(y.population)}</td>
                    <td className="num">{formatNumber(y.fte, 1)}</td>
                    <td className="num">{formatNumber(a.residentsPerAs, 0)}</td>
                    <td>
                      <span className={`target-status target-status-${level === "sotto_minimo" ? "non_rispettato" : level === "dato_mancante" ? "dato_mancante" : "rispettato"}`}>
                        <span aria-hidden="true">{level === "obiettivo" ? "✓✓ " : level === "livello_minimo" ? "✓ " : level === "sotto_minimo" ? "✗ " : "? "}</span>
                        {level === "obiettivo" ? "Obiettivo 1:4.000 raggiunto" : level === "livello_minimo" ? "Minimo 1:5.000 rispettato" : level === "sotto_minimo" ? "Sotto il minimo 1:5.000" : `Dato mancante${y.note ? ` (${y.note})` : ""}`}
                      </span>
                    </td>
                    <td className="num">{formatNumber(a.requiredForMinimum, 1)}</td>
                    <td className="num">{formatNumber(a.requiredForGoal, 1)}</td>
                    <td className="num">{y.population === null ? "n.d." : formatNumber(y.population / LEPS_AS_INCENTIVE_FLOOR_RESIDENTS, 1)}</td>
                    <td className="num">
                      {a.incentive === null ? (
                        "n.d."
                      ) : !a.incentive.eligible ? (
                        "non spetta (N sotto P/6.500)"
                      ) : (
                        <>
                          {formatEuro(a.incentive.amount, 0)}
                          <div className="small text-secondary">
                            {formatEuro(a.incentive.firstTier, 0)} + {formatEuro(a.incentive.secondTier, 0)}
                          </div>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="small text-secondary">Il contributo è una stima con la formula della legge sui dati caricati: l&apos;importo effettivo è quello del decreto di riparto.</p>
      </section>

      <section aria-labelledby="nidi" className="mb-5">
        <h2 id="nidi" className="h4">
          Servizi per la prima infanzia
        </h2>
        <p className="small">
          Regola ({NIDI_SOURCE}): posti nei servizi educativi per il {formatPercent(NIDI_TARGET, 0)} dei bambini sotto i 3 anni entro il {NIDI_TARGET_YEAR}, con un obiettivo intermedio del{" "}
          {formatPercent(NIDI_INTERMEDIATE, 1)}.
        </p>
        <div className="table-responsive" tabIndex={0} role="region" aria-label="Copertura dei nidi per anno, scorrevole">
          <table className="table table-sm align-middle">
            <caption className="caption-top">Copertura dei servizi per la prima infanzia nella zona, per anno</caption>
            <thead>
              <tr>
                <th scope="col">Anno</th>
                <th scope="col" className="num">
                  Posti
                </th>
                <th scope="col" className="num">
                  Bambini 0–2 anni
                </th>
                <th scope="col" className="num">
                  Copertura
                </th>
                <th scope="col">Rispetto al {formatPercent(NIDI_TARGET, 0)}</th>
              </tr>
            </thead>
            <tbody>
              {panel.nidi.map((y) => (
                <tr key={y.year}>
                  <th scope="row">{y.year}</th>
                  <td className="num">{formatNumber(y.places)}</td>
                  <td className="num">{formatNumber(y.children)}</td>
                  <td className="num">{formatPercent(y.coverage, 1)}</td>
                  <td>
                    {y.coverage === null ? (
                      <span className="target-status target-status-dato_mancante">
                        <span aria-hidden="true">? </span>Dato mancante{y.note ? ` (${y.note})` : ""}
                      </span>
                    ) : y.coverage >= NIDI_TARGET ? (
                      <span className="target-status target-status-rispettato">
                        <span aria-hidden="true">✓ </span>33% raggiunto
                      </span>
                    ) : (
                      <span className={`target-status target-status-${y.coverage >= NIDI_INTERMEDIATE ? "in_linea" : "non_rispettato"}`}>
                        <span aria-hidden="true">{y.coverage >= NIDI_INTERMEDIATE ? "→ " : "✗ "}</span>
                        {y.coverage >= NIDI_INTERMEDIATE ? "sopra l'obiettivo intermedio" : "sotto l'obiettivo intermedio"}, mancano {formatNumber(NIDI_TARGET - y.coverage, 1)} punti
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="leps-qualitativi" className="mb-5">
        <h2 id="leps-qualitativi" className="h4">
          LEPS da attivare nella zona
        </h2>
        <p className="small">
          Stato di ogni livello essenziale: attivo, in avvio o non attivo, con l&apos;evidenza (atto, servizio, convenzione), la data e chi l&apos;ha indicato. {editable ? "Il pianificatore lo aggiorna qui; ogni modifica è registrata." : "Lo aggiorna l'Ufficio di Piano."}
        </p>
        <div className="table-responsive" tabIndex={0} role="region" aria-label="LEPS qualitativi, scorrevole">
          <table className="table table-sm align-middle">
            <caption className="caption-top">LEPS qualitativi della zona</caption>
            <thead>
              <tr>
                <th scope="col">LEPS</th>
                <th scope="col">Stato</th>
                <th scope="col">Evidenza</th>
                <th scope="col">Data</th>
                <th scope="col">Indicato da</th>
              </tr>
            </thead>
            <tbody>
              {panel.checklist.map((i) => (
                <tr key={i.code}>
                  <th scope="row">
                    {i.label}
                    <div className="small fw-normal text-secondary">{i.source}</div>
                  </th>
                  <td>
                    {i.state ? (
                      <span className={`target-status target-status-${i.state === "attivo" ? "rispettato" : i.state === "in_avvio" ? "a_rischio" : "non_rispettato"}`}>
                        <span aria-hidden="true">{LEPS_ITEM_STATE_LABELS_IT[i.state].symbol} </span>
                        {LEPS_ITEM_STATE_LABELS_IT[i.state].label}
                      </span>
                    ) : (
                      <span className="target-status target-status-dato_mancante">Non rilevato</span>
                    )}
                  </td>
                  <td>
                    {i.evidence ?? "—"}
                    {i.evidenceUrl && (
                      <>
                        {" "}
                        <a href={i.evidenceUrl} rel="noopener noreferrer">
                          documento<span className="visually-hidden"> ({i.label})</span>
                        </a>
                      </>
                    )}
                  </td>
                  <td>{i.assessedOn ? formatDate(i.assessedOn) : "—"}</td>
                  <td>{i.setBy ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {editable && (
          <details className="mt-3">
            <summary>Aggiorna lo stato dei LEPS</summary>
            {panel.checklist.map((i) => (
              <fieldset key={i.code} className="border-bottom py-2">
                <legend className="h6 mb-1">{i.label}</legend>
                <LepsItemForm zone={code} item={i.code} label={i.label} state={i.state} evidence={i.evidence} evidenceUrl={i.evidenceUrl} assessedOn={i.assessedOn} />
              </fieldset>
            ))}
          </details>
        )}
      </section>
      <DisclosureFootnote footnote={panel.footnote} />
    </>
  );
}

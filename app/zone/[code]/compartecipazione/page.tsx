import type { Metadata } from "next";
import "@/app/components/territory-tables.css";
import Link from "next/link";
import { requirePage } from "@/app/_auth/access";
import { serverDb } from "@/db/server";
import { can, seesUnprotectedCounts } from "@/lib/auth/roles";
import { compareRules, SUBINTERVALS, type BandComparison } from "@/lib/copayment/simulate";
import { SHAPE_LABELS_IT } from "@/lib/copayment/rules";
import { shownBandUsers, type ShownBands } from "@/lib/copayment/shown";
import { disclosureFootnoteIt, suppressedMarkIt } from "@/lib/disclosure";
import { formatEuro, formatNumber, formatSigned, formatSignedEuro } from "@/lib/format";
import { DisclosureFootnote } from "@/app/components/ShownValueCell";
import { resolveSimulation } from "./resolve";
import { choiceValue, EXAMPLE_DISTRIBUTION, simulatorQuery, TYPED_DISTRIBUTION, type RuleForm } from "./search-params";
import { CompareBars } from "./CompareBars";
import { SaveProposalForm } from "./SaveProposalForm";
import { RuleComparisonRows } from "./RuleComparisonRows";
import { ScrollTable } from "@/app/components/ScrollTable";

export const metadata: Metadata = { title: "Compartecipazione" };

type Params = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const bandLabel = (b: { from: number; to: number | null }) => (b.to === null ? `da ${formatNumber(b.from)} €` : `${formatNumber(b.from)}–${formatNumber(b.to)} €`);

/** Co-payment simulator: two ISEE-based rules applied to the same distribution of a service's users, side by side. */
export default async function CopaymentPage({ params, searchParams }: Params) {
  const { code } = await params;
  const principal = await requirePage("zone.read", code);
  const sp = await searchParams;
  const sim = await resolveSimulation(await serverDb(), code, sp);
  const { forms, a, b, choice, stored, typed, distribution } = sim;
  const issues = sim.issues;
  const c = issues.length === 0 && a.rule && b.rule && distribution ? compareRules(a.rule, b.rule, distribution) : null;
  const example = `?${new URLSearchParams({ distribuzione: TYPED_DISTRIBUTION, isee: EXAMPLE_DISTRIBUTION })}`;
  // Stored counts are of people: withheld below the zone's threshold for readers who must not see them.
  const shown = c ? shownBandUsers(c.bands.map((x) => x.users), choice.kind === "stored" && !seesUnprotectedCounts(principal), sim.threshold) : null;
  const writer = can(principal, "plan.write");
  const storedRef = choice.kind === "stored" ? stored.find((d) => d.serviceCode === choice.serviceCode && d.year === choice.year) : undefined;
  const mark = suppressedMarkIt(sim.threshold);

  return (
    <>
      <h1 className="h2">Compartecipazione degli utenti</h1>
      <p>
        Simulazione di una regola di compartecipazione basata sull&apos;ISEE, applicata alla distribuzione dell&apos;ISEE degli utenti di un servizio: gettito,
        quota media e utenti per fascia, con due regole a confronto. Sotto la soglia di esenzione non si paga; tra la soglia e l&apos;ISEE della quota massima la
        quota sale dalla minima alla massima secondo la forma (lineare, a potenza come la regola quadratica, oppure a fasce); dall&apos;ISEE della quota massima si
        paga la massima (predefinita: la tariffa). Le esenzioni con nome (per esempio «invalidità 100% = 5%») esentano una parte degli utenti, ripartita fra le
        fasce in proporzione agli utenti.
      </p>
      <p className="no-print">
        <Link href={`/zone/${code}/compartecipazione/proposte`}>Proposte di regolamento salvate</Link>
      </p>
      <form method="get" className="mb-4 no-print">
        <div className="mb-3">
          <label htmlFor="distribuzione" className="form-label">
            Distribuzione dell&apos;ISEE degli utenti
          </label>
          <select id="distribuzione" name="distribuzione" className="form-select" defaultValue={choiceValue(choice)} aria-describedby="distribuzione_hint">
            {stored.map((d) => (
              <option key={`${d.serviceCode}:${d.year}`} value={`${d.serviceCode}:${d.year}`}>
                {d.serviceName} ({d.serviceCode}), {d.year}: importata, {d.kind === "bands" ? "utenti per fascia" : "un valore per utente"}
              </option>
            ))}
            <option value={TYPED_DISTRIBUTION}>Inserita qui sotto</option>
          </select>
          <span id="distribuzione_hint" className="small text-secondary">
            {stored.length === 0
              ? "Nessuna distribuzione importata per la zona: si importa con il tipo di dati «isee» (Importa dati), oppure si inserisce qui sotto."
              : "Le distribuzioni importate (tipo di dati «isee»); oppure quella inserita qui sotto."}
          </span>
        </div>
        <div className="row g-4">
          <RuleFields prefix="a" title="Regola A (in vigore)" f={forms.a} />
          <RuleFields prefix="b" title="Regola B (proposta)" f={forms.b} />
        </div>
        <div className="mt-3">
          <label htmlFor="isee" className="form-label">
            Distribuzione inserita: una fascia per riga «da;a;utenti;esenti» (a vuoto per l&apos;ultima fascia), oppure un valore di ISEE per riga
          </label>
          <textarea id="isee" name="isee" className="form-control font-monospace" rows={6} defaultValue={typed} />
          <p className="small mt-1">
            Vale con «Inserita qui sotto». Nessun dato personale: solo conteggi per fascia o valori anonimi.{" "}
            <Link href={`/zone/${code}/compartecipazione${example}`}>Provare con una distribuzione dimostrativa</Link> degli utenti dell&apos;assistenza domiciliare.
          </p>
        </div>
        <button type="submit" className="btn btn-primary mt-2">
          Simula
        </button>
      </form>
      {issues.length > 0 && (
        <div className="alert alert-danger" role="alert">
          <p className="mb-1">Da correggere:</p>
          <ul className="mb-0">
            {issues.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {!c && issues.length === 0 && <p role="status">Inserire la distribuzione dell&apos;ISEE degli utenti per vedere la simulazione.</p>}
      {c && a.rule && b.rule && shown && (
        <section aria-labelledby="risultati">
          <h2 id="risultati" className="h4">
            Risultati
          </h2>
          <p>
            Distribuzione:{" "}
            {storedRef ? `${storedRef.serviceName}, ${storedRef.year} (importata)` : "inserita nella pagina"}.
          </p>
          <ScrollTable label="Sintesi" caption={<>Le due regole sugli stessi {shown.totalSuppressed ? mark : formatNumber(c.a.users)} utenti</>}>
            <thead>
              <tr>
                <th scope="col">Misura</th>
                <th scope="col" className="text-end">Regola A ({SHAPE_LABELS_IT[a.rule.shape.kind]})</th>
                <th scope="col" className="text-end">Regola B ({SHAPE_LABELS_IT[b.rule.shape.kind]})</th>
                <th scope="col" className="text-end">B − A</th>
              </tr>
            </thead>
            <tbody>
              <RuleComparisonRows c={c} />
              <tr>
                <th scope="row">Esenti per le esenzioni con nome</th>
                <td className="text-end">{formatNumber(c.a.exemptByRule, 1)}</td>
                <td className="text-end">{formatNumber(c.b.exemptByRule, 1)}</td>
                <td className="text-end">{formatSigned(c.b.exemptByRule - c.a.exemptByRule, 1)}</td>
              </tr>
            </tbody>
          </ScrollTable>
          <p>
            Con la regola B pagano di più {formatNumber(c.payMore, 1)} utenti e di meno {formatNumber(c.payLess, 1)}.
            {distribution?.kind === "bands" ? ` Entro ogni fascia gli utenti sono considerati distribuiti in modo uniforme (${SUBINTERVALS} punti per fascia): i conteggi sono stime.` : ""}
          </p>
          <CompareBars
            data={c.bands.flatMap((x, i) => (shown.suppressed[i] ? [] : [{ label: bandLabel(x), a: x.revenueA, b: x.revenueB }]))}
            summary={`Barre affiancate del gettito per fascia di ISEE con la regola A e con la regola B${shown.anySuppressed ? ", senza le fasce con dati protetti dal segreto statistico" : ""}. Gli stessi dati sono nella tabella che segue.`}
          />
          <BandsTable bands={c.bands} shown={shown} mark={mark} />
          {shown.anySuppressed && <DisclosureFootnote footnote={disclosureFootnoteIt(sim.threshold)} />}
          {writer ? (
            <SaveProposalForm zone={code} query={simulatorQuery(forms, choice, typed).toString()} />
          ) : (
            <p className="small text-secondary no-print">Le proposte di regolamento sono salvate dai pianificatori dell&apos;Ufficio di Piano; la Conferenza di zona le legge e le stampa.</p>
          )}
        </section>
      )}
    </>
  );
}

function RuleFields({ prefix, title, f }: { prefix: "a" | "b"; title: string; f: RuleForm }) {
  const field = (k: keyof RuleForm, label: string, hint?: string) => (
    <div className="col-6">
      <label htmlFor={`${prefix}_${k}`} className="form-label">
        {label}
      </label>
      <input id={`${prefix}_${k}`} name={`${prefix}_${k}`} className="form-control" defaultValue={f[k]} inputMode="decimal" aria-describedby={hint ? `${prefix}_${k}_hint` : undefined} />
      {hint && (
        <span id={`${prefix}_${k}_hint`} className="small text-secondary">
          {hint}
        </span>
      )}
    </div>
  );
  return (
    <fieldset className="col-md-6">
      <legend className="h5">{title}</legend>
      <div className="row g-2">
        {field("tariffa", "Tariffa per unità (€)")}
        {field("unita", "Unità per utente", "per esempio ore l'anno")}
        {field("esenzione", "ISEE di esenzione (€)", "fino a questo ISEE compreso non si paga")}
        {field("piena", "ISEE della quota massima (€)")}
        {field("min", "Quota minima (€)")}
        {field("max", "Quota massima (€)", "vuoto: la tariffa")}
        <div className="col-6">
          <label htmlFor={`${prefix}_forma`} className="form-label">
            Forma
          </label>
          <select id={`${prefix}_forma`} name={`${prefix}_forma`} className="form-select" defaultValue={f.forma}>
            <option value="lineare">Lineare</option>
            <option value="potenza">A potenza (quadratica con esponente 2)</option>
            <option value="fasce">A fasce</option>
          </select>
        </div>
        {field("esponente", "Esponente (forma a potenza)")}
        <div className="col-12">
          <label htmlFor={`${prefix}_fasce`} className="form-label">
            Fasce (forma a fasce): ISEE:percentuale della tariffa
          </label>
          <input id={`${prefix}_fasce`} name={`${prefix}_fasce`} className="form-control" defaultValue={f.fasce} placeholder="630:20; 1.000:50; 1.500:100" />
        </div>
        <div className="col-12">
          <label htmlFor={`${prefix}_esenzioni`} className="form-label">
            Esenzioni con nome
          </label>
          <input id={`${prefix}_esenzioni`} name={`${prefix}_esenzioni`} className="form-control" defaultValue={f.esenzioni} placeholder="invalidità 100% = 5%; tutela minori = 4" aria-describedby={`${prefix}_esenzioni_hint`} />
          <span id={`${prefix}_esenzioni_hint`} className="small text-secondary">
            separate da punto e virgola: «nome = percentuale%» degli utenti, «nome = numero» di utenti, oppure solo il nome (gli esenti indicati nella distribuzione)
          </span>
        </div>
      </div>
    </fieldset>
  );
}

function BandsTable({ bands, shown, mark }: { bands: BandComparison[]; shown: ShownBands; mark: string }) {
  return (
    <ScrollTable label="Confronto per fascia" caption="Per fascia di ISEE: gettito con le due regole e chi paga di più o di meno con la regola B">
      <thead>
        <tr>
          <th scope="col">Fascia di ISEE</th>
          <th scope="col" className="text-end">Utenti</th>
          <th scope="col" className="text-end">Gettito A</th>
          <th scope="col" className="text-end">Gettito B</th>
          <th scope="col" className="text-end">B − A</th>
          <th scope="col" className="text-end">Pagano di più</th>
          <th scope="col" className="text-end">Pagano di meno</th>
          <th scope="col" className="text-end">Uguale</th>
        </tr>
      </thead>
      <tbody>
        {bands.map((x, i) =>
          shown.suppressed[i] ? (
            <tr key={`${x.from}-${x.to ?? ""}`}>
              <th scope="row">{bandLabel(x)}</th>
              {Array.from({ length: 7 }, (_, k) => (
                <td key={k} className="text-end">
                  {mark}
                </td>
              ))}
            </tr>
          ) : (
            <tr key={`${x.from}-${x.to ?? ""}`}>
              <th scope="row">{bandLabel(x)}</th>
              <td className="text-end">{formatNumber(x.users)}</td>
              <td className="text-end">{formatEuro(x.revenueA)}</td>
              <td className="text-end">{formatEuro(x.revenueB)}</td>
              <td className="text-end">{formatSignedEuro(x.difference)}</td>
              <td className="text-end">{formatNumber(x.payMore, 1)}</td>
              <td className="text-end">{formatNumber(x.payLess, 1)}</td>
              <td className="text-end">{formatNumber(x.same, 1)}</td>
            </tr>
          ),
        )}
      </tbody>
    </ScrollTable>
  );
}

import type { Metadata } from "next";
import "@/app/components/territory-tables.css";
import "../proposal.css";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/app/_auth/access";
import { getZone } from "@/db/queries/zones";
import { serverDb } from "@/db/server";
import { getProposal } from "@/db/queries/copayment-proposals";
import { zoneDisclosureThreshold } from "@/db/queries/zone-settings";
import { seesUnprotectedCounts } from "@/lib/auth/roles";
import { ruleInWords, SHAPE_LABELS_IT, type CopaymentRule } from "@/lib/copayment/rules";
import { compareRules, SUBINTERVALS } from "@/lib/copayment/simulate";
import { shownBandUsers } from "@/lib/copayment/shown";
import { disclosureFootnoteIt, suppressedMarkIt } from "@/lib/disclosure";
import { formatDateLong, formatEuro, formatNumber, formatSignedEuro } from "@/lib/format";
import { DisclosureFootnote } from "@/app/components/ShownValueCell";
import { PrintButtonBinder } from "@/app/components/PrintButtonBinder";
import { distributionText, formOfRule, simulatorQuery, type DistributionChoice } from "../../search-params";
import { RuleComparisonRows } from "../../RuleComparisonRows";
import { ScrollTable } from "@/app/components/ScrollTable";

export const metadata: Metadata = { title: "Proposta di regolamento della compartecipazione" };

type Params = { params: Promise<{ code: string; id: string }> };

const bandLabel = (b: { from: number; to: number | null }) => (b.to === null ? `da ${formatNumber(b.from)} €` : `${formatNumber(b.from)}–${formatNumber(b.to)} €`);
const euro = (v: number | null) => (v === null ? "la tariffa" : formatEuro(v));

/**
 * The printable summary of a draft proposta di regolamento for the
 * Conferenza di zona (A4, app/globals.css): the rule in words, its thresholds
 * beside the rule in force, the revenue estimates of both on the distribution
 * frozen at saving, who pays more and who less per ISEE band, date and author.
 * Counts of users per band go through lib/disclosure for readers who must not
 * see small counts.
 */
export default async function ProposalPage({ params }: Params) {
  const { code, id } = await params;
  const principal = await requirePage("zone.read", code);
  if (!/^\d{1,15}$/.test(id)) notFound();
  const db = await serverDb();
  const [p, zone, threshold] = await Promise.all([getProposal(db, code, Number(id)), getZone(db, code), zoneDisclosureThreshold(db, code)]);
  if (!p) notFound();
  const c = compareRules(p.baselineRule, p.rule, p.distribution);
  const shown = shownBandUsers(c.bands.map((b) => b.users), !seesUnprotectedCounts(principal), threshold);
  const mark = suppressedMarkIt(threshold);
  const users = shown.totalSuppressed ? mark : formatNumber(c.a.users);
  // In the simulator: the imported distribution as it is now (protected as always), or the typed one as
  // saved — in the URL, unprotected, so only for readers who see the counts.
  const choice: DistributionChoice = p.distributionSource === "importata" && p.serviceCode !== null && p.year !== null ? { kind: "stored", serviceCode: p.serviceCode, year: p.year } : { kind: "typed" };
  const simulator =
    choice.kind === "stored" || seesUnprotectedCounts(principal)
      ? `/zone/${code}/compartecipazione?${simulatorQuery({ a: formOfRule(p.baselineRule), b: formOfRule(p.rule) }, choice, choice.kind === "typed" ? distributionText(p.distribution) : "").toString()}`
      : null;
  const thresholds: [string, (r: CopaymentRule) => string][] = [
    ["Tariffa piena per unità", (r) => formatEuro(r.tariff)],
    ["Unità per utente", (r) => formatNumber(r.unitsPerUser, 2)],
    ["ISEE di esenzione (compreso)", (r) => formatEuro(r.exemptionIsee, 0)],
    ["ISEE della quota massima", (r) => formatEuro(r.fullIsee, 0)],
    ["Forma", (r) => `${SHAPE_LABELS_IT[r.shape.kind]}${r.shape.kind === "power" ? `, esponente ${formatNumber(r.shape.exponent, 2)}` : ""}`],
    ["Quota minima", (r) => formatEuro(r.minQuota)],
    ["Quota massima", (r) => euro(r.maxQuota)],
    ["Esenzioni con nome", (r) => (r.exemptions.length === 0 ? "nessuna" : r.exemptions.map((e) => e.name).join("; "))],
  ];
  return (
    <article className="proposal">
      <p className="no-print">
        <Link href={`/zone/${code}/compartecipazione/proposte`}>Tutte le proposte</Link> ·{" "}
        {simulator && (
          <>
            <Link href={simulator}>Aprire nel simulatore</Link> ·{" "}
          </>
        )}
        <button type="button" className="btn btn-outline-primary btn-sm" data-print>
          Stampa
        </button>
      </p>
      <p className="proposal-kicker">
        {zone?.name ?? code} · Ufficio di Piano · <strong>Bozza</strong>
      </p>
      <h1 className="h2">Proposta di regolamento della compartecipazione: {p.title}</h1>
      <p>
        Salvata il {formatDateLong(p.createdAt)} da {p.author}. Servizio: {p.serviceCode ? `${p.serviceName ?? p.serviceCode} (${p.serviceCode})` : "non indicato"}. Distribuzione
        dell&apos;ISEE degli utenti: {p.distributionSource === "importata" ? `importata${p.year ? `, anno ${p.year}` : ""}` : "inserita nel simulatore"}, {users} utenti, conservata com&apos;era al
        salvataggio.
      </p>
      {p.note && (
        <section aria-labelledby="motivazione">
          <h2 id="motivazione" className="h4">
            Motivazione
          </h2>
          <p className="proposal-note">{p.note}</p>
        </section>
      )}
      <section aria-labelledby="regola">
        <h2 id="regola" className="h4">
          La regola proposta
        </h2>
        <ul>
          {ruleInWords(p.rule).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <h3 className="h5">La regola in vigore, a confronto</h3>
        <ul>
          {ruleInWords(p.baselineRule).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="soglie">
        <h2 id="soglie" className="h4">
          Soglie e parametri
        </h2>
        <ScrollTable label="Soglie" wrapperClassName="" caption="La regola in vigore e quella proposta">
          <thead>
            <tr>
              <th scope="col">Parametro</th>
              <th scope="col">In vigore</th>
              <th scope="col">Proposta</th>
            </tr>
          </thead>
          <tbody>
            {thresholds.map(([label, f]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{f(p.baselineRule)}</td>
                <td>{f(p.rule)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </section>
      <section aria-labelledby="stime">
        <h2 id="stime" className="h4">
          Stime di gettito
        </h2>
        <ScrollTable label="Stime" wrapperClassName="" caption={<>Sugli stessi {users} utenti</>}>
          <thead>
            <tr>
              <th scope="col">Misura</th>
              <th scope="col" className="text-end">In vigore</th>
              <th scope="col" className="text-end">Proposta</th>
              <th scope="col" className="text-end">Differenza</th>
            </tr>
          </thead>
          <tbody>
            <RuleComparisonRows c={c} />
          </tbody>
        </ScrollTable>
        <p>
          Con la proposta pagano di più {formatNumber(c.payMore, 1)} utenti e di meno {formatNumber(c.payLess, 1)}.
          {p.distribution.kind === "bands" ? ` Entro ogni fascia gli utenti sono considerati distribuiti in modo uniforme (${SUBINTERVALS} punti per fascia): i conteggi sono stime.` : ""}
        </p>
        <ScrollTable label="Per fascia di ISEE" wrapperClassName="" caption="Per fascia di ISEE: gettito con le due regole e chi paga di più o di meno con la proposta">
          <thead>
            <tr>
              <th scope="col">Fascia di ISEE</th>
              <th scope="col" className="text-end">Utenti</th>
              <th scope="col" className="text-end">Gettito in vigore</th>
              <th scope="col" className="text-end">Gettito proposto</th>
              <th scope="col" className="text-end">Differenza</th>
              <th scope="col" className="text-end">Pagano di più</th>
              <th scope="col" className="text-end">Pagano di meno</th>
            </tr>
          </thead>
          <tbody>
            {c.bands.map((x, i) => (
              <tr key={`${x.from}-${x.to ?? ""}`}>
                <th scope="row">{bandLabel(x)}</th>
                {shown.suppressed[i] ? (
                  Array.from({ length: 6 }, (_, k) => (
                    <td key={k} className="text-end">
                      {mark}
                    </td>
                  ))
                ) : (
                  <>
                    <td className="text-end">{formatNumber(x.users)}</td>
                    <td className="text-end">{formatEuro(x.revenueA)}</td>
                    <td className="text-end">{formatEuro(x.revenueB)}</td>
                    <td className="text-end">{formatSignedEuro(x.difference)}</td>
                    <td className="text-end">{formatNumber(x.payMore, 1)}</td>
                    <td className="text-end">{formatNumber(x.payLess, 1)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
        {shown.anySuppressed && <DisclosureFootnote footnote={disclosureFootnoteIt(threshold)} />}
      </section>
      <p className="small proposal-footer">
        Bozza di proposta per la Conferenza di zona: stime su una distribuzione dell&apos;ISEE degli utenti, non un atto approvato. Proposta n. {p.id}, {zone?.name ?? code}.
      </p>
      <PrintButtonBinder />
    </article>
  );
}

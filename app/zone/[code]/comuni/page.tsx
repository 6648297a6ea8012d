import type { Metadata } from "next";
import Link from "next/link";
import "@/app/components/territory-tables.css";
import { serverDb } from "@/db/server";
import { requirePage } from "@/app/_auth/access";
import { zoneMemberHistory, type ZoneMemberEntry } from "@/db/queries/membership";
import { countedYearsText, historyNotes, partText, periodText } from "@/lib/territory/membership-text";
import { DownloadLinks } from "@/app/components/DownloadLinks";

export const metadata: Metadata = { title: "Comuni della zona" };

type Params = { params: Promise<{ code: string }> };

function MembershipTable({ caption, entries, link }: { caption: string; entries: readonly ZoneMemberEntry[]; link: boolean }) {
  return (
    <div className="table-responsive" tabIndex={0} role="region" aria-label={`${caption}, scorrevole`}>
      <table className="table table-sm align-middle">
        <caption className="caption-top">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Comune</th>
            <th scope="col">Provincia</th>
            <th scope="col">Codice ISTAT</th>
            <th scope="col">Appartenenza</th>
            <th scope="col">Anni nei valori della zona</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((m) => {
            const part = partText(m.part, m.share);
            const notes = historyNotes(m);
            return (
              <tr key={`${m.istat}|${m.part ?? ""}|${m.validFrom ?? ""}`}>
                <th scope="row">
                  {link ? <Link href={`/comuni/${m.istat}`}>{m.name}</Link> : m.name}
                  {part && <div className="small text-secondary">parte: {part}</div>}
                </th>
                <td>{m.province}</td>
                <td>{m.istat}</td>
                <td>{periodText(m)}</td>
                <td>{countedYearsText(m.firstYear, m.lastYear)}</td>
                <td>{notes.length === 0 ? "—" : notes.map((n) => <div key={n}>{n}</div>)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * «Comuni della zona»: which comuni belong to the zone today and which did
 * in the past, with the dates of each membership, the years whose figures
 * count them (a year is computed with the comuni of the zone on 31 December),
 * mergers with their successor and moves to or from other zones
 * (db/queries/membership.ts zoneMemberHistory; the API's /memberships).
 */
export default async function ZoneComuniPage({ params }: Params) {
  const { code } = await params;
  await requirePage("zone.read", code);
  const entries = await zoneMemberHistory(await serverDb(), code);
  const current = entries.filter((m) => m.current);
  const past = entries.filter((m) => !m.current);
  const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

  return (
    <>
      <h1 className="h2">Comuni della zona</h1>
      <p>
        I comuni che appartengono alla zona oggi e quelli che vi sono appartenuti, con le date. I valori di un anno si calcolano con i
        comuni che appartengono alla zona il 31 dicembre di quell&apos;anno: un comune passato a un&apos;altra zona resta nei valori di questa
        zona per gli anni in cui ne faceva parte; un comune soppresso per fusione conta fino all&apos;anno prima della fusione, poi nel comune
        in cui è confluito. L&apos;elenco si aggiorna con un caricamento di tipo «zone».
      </p>
      {entries.length === 0 ? (
        <p className="alert alert-info" role="status">
          Nessun comune registrato per questa zona.
        </p>
      ) : (
        <>
          <DownloadLinks href={`/zone/${code}/comuni/dati`} what="l'elenco dei comuni della zona nel tempo" />
          <h2 className="h4 mt-4">Comuni di oggi</h2>
          {current.length === 0 ? <p>Nessun comune appartiene oggi alla zona.</p> : <MembershipTable caption={count(current.length, "comune", "comuni")} entries={current} link />}
          <h2 className="h4 mt-4">Comuni appartenuti in passato</h2>
          {past.length === 0 ? (
            <p>Nessuno: i comuni della zona sono sempre stati questi.</p>
          ) : (
            <MembershipTable caption={count(past.length, "periodo di appartenenza concluso o non ancora iniziato", "periodi di appartenenza conclusi o non ancora iniziati")} entries={past} link={false} />
          )}
        </>
      )}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/app/_auth/access";
import { serverDb } from "@/db/server";
import { listProposals } from "@/db/queries/copayment-proposals";
import { can } from "@/lib/auth/roles";
import { SHAPE_LABELS_IT } from "@/lib/copayment/rules";
import { formatDate } from "@/lib/format";
import { ScrollTable } from "@/app/components/ScrollTable";

export const metadata: Metadata = { title: "Proposte di regolamento della compartecipazione" };

type Params = { params: Promise<{ code: string }> };

/** The zone's draft proposte di regolamento, newest first; each opens its printable summary. */
export default async function ProposalsPage({ params }: Params) {
  const { code } = await params;
  const principal = await requirePage("zone.read", code);
  const proposals = await listProposals(await serverDb(), code);
  return (
    <>
      <h1 className="h2">Proposte di regolamento della compartecipazione</h1>
      <p>
        Bozze di regola di compartecipazione salvate dal <Link href={`/zone/${code}/compartecipazione`}>simulatore</Link>, ciascuna con la regola in vigore a
        confronto e la distribuzione dell&apos;ISEE su cui sono stimate. {can(principal, "plan.write") ? "Si salvano dal simulatore." : "Le salvano i pianificatori dell'Ufficio di Piano."}
      </p>
      {proposals.length === 0 ? (
        <p role="status">Nessuna proposta salvata per la zona.</p>
      ) : (
        <ScrollTable label="Proposte" wrapperClassName="" caption={<>Proposte salvate ({proposals.length})</>}>
          <thead>
            <tr>
              <th scope="col">Titolo</th>
              <th scope="col">Servizio</th>
              <th scope="col">Forma</th>
              <th scope="col">Salvata il</th>
              <th scope="col">Da</th>
            </tr>
          </thead>
          <tbody>
            {proposals.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link href={`/zone/${code}/compartecipazione/proposte/${p.id}`}>{p.title}</Link>
                </th>
                <td>{p.serviceCode ? `${p.serviceName ?? p.serviceCode}${p.year ? `, ${p.year}` : ""}` : "distribuzione inserita"}</td>
                <td>{SHAPE_LABELS_IT[p.rule.shape.kind]}</td>
                <td>{formatDate(p.createdAt)}</td>
                <td>{p.author}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </>
  );
}

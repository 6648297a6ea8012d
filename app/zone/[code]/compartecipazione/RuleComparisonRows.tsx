import type { compareRules } from "@/lib/copayment/simulate";
import { formatEuro, formatNumber, formatSigned, formatSignedEuro, NA } from "@/lib/format";

/** The rows every comparison of two rules starts with (the simulator and a proposta's summary): revenue, average quota, users who pay. */
export function RuleComparisonRows({ c }: { c: ReturnType<typeof compareRules> }) {
  return (
    <>
      <tr>
        <th scope="row">Gettito stimato</th>
        <td className="text-end">{formatEuro(c.a.revenue)}</td>
        <td className="text-end">{formatEuro(c.b.revenue)}</td>
        <td className="text-end">{formatSignedEuro(c.revenueDifference)}</td>
      </tr>
      <tr>
        <th scope="row">Quota media per unità</th>
        <td className="text-end">{formatEuro(c.a.averageQuota)}</td>
        <td className="text-end">{formatEuro(c.b.averageQuota)}</td>
        <td className="text-end">{c.a.averageQuota !== null && c.b.averageQuota !== null ? formatSignedEuro(c.b.averageQuota - c.a.averageQuota) : NA}</td>
      </tr>
      <tr>
        <th scope="row">Utenti che pagano</th>
        <td className="text-end">{formatNumber(c.a.paying, 1)}</td>
        <td className="text-end">{formatNumber(c.b.paying, 1)}</td>
        <td className="text-end">{formatSigned(c.b.paying - c.a.paying, 1)}</td>
      </tr>
    </>
  );
}

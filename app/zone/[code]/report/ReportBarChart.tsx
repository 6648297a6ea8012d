import { formatNumber } from "@/lib/format";
import type { ReportChart } from "@/lib/report/model";

/**
 * A horizontal bar chart drawn as static SVG on the server, so that it
 * prints and renders in the PDF without scripts, within the page width.
 * Its figures are in the table it names (the text alternative); bars carry
 * their value as text, never colour alone.
 */
export function ReportBarChart({ chart, titleId }: { chart: ReportChart; titleId: string }) {
  const row = 22;
  const labelWidth = 190;
  const width = 640;
  const barSpace = width - labelWidth - 70;
  const max = Math.max(...chart.bars.map((b) => b.value), 0) || 1;
  const height = chart.bars.length * row + 8;
  const decimals = chart.bars.some((b) => !Number.isInteger(b.value)) ? 1 : 0;
  return (
    <figure className="report-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={titleId} preserveAspectRatio="xMinYMin meet">
        <title id={titleId}>{`${chart.title}: i valori sono nella tabella della sezione`}</title>
        {chart.bars.map((b, i) => {
          const y = i * row + 4;
          const w = Math.max(1, (b.value / max) * barSpace);
          return (
            <g key={b.label}>
              <text x={labelWidth - 6} y={y + 14} textAnchor="end" fontSize="12" fill="#1a1a1a">
                {b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label}
              </text>
              <rect x={labelWidth} y={y + 2} width={w} height={row - 8} fill="#0066cc" />
              <text x={labelWidth + w + 4} y={y + 14} fontSize="12" fill="#1a1a1a">
                {formatNumber(b.value, decimals)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="small">
        {chart.title}. Valori nella tabella «{chart.tableId}» della sezione.
        {chart.omitted.length > 0 && ` Non rappresentati (valore non pubblicabile o mancante): ${chart.omitted.join(", ")}.`}
      </figcaption>
    </figure>
  );
}

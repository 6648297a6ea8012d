import { formatValue } from "@/lib/format";

/**
 * A bullet chart drawn on the server: the bar is the observed value, the thin
 * dashed mark the value expected this year, the thick mark the target. The
 * same three numbers are in the row's cells; the label repeats them for
 * assistive technology.
 */
export function BulletChart({
  value,
  expected,
  target,
  baseline,
  unit,
  decimals,
  width = 160,
  height = 26,
}: {
  value: number | null;
  expected: number | null;
  target: number;
  baseline: number | null;
  unit: string;
  decimals: number;
  width?: number;
  height?: number;
}) {
  const numbers = [value, expected, target, baseline].filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(0, ...numbers);
  const hi = Math.max(...numbers) * 1.08 || 1;
  const pad = 2;
  const x = (v: number) => pad + ((v - lo) / (hi - lo)) * (width - 2 * pad);
  const f = (v: number | null) => formatValue(v, unit, decimals, { withUnit: true });
  const label = `Valore ${f(value)}; atteso ${f(expected)}; obiettivo ${f(target)}`;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="bullet-chart">
      <rect x={pad} y={height / 2 - 6} width={width - 2 * pad} height={12} fill="#e8edf2" />
      {value !== null && <rect x={x(lo)} y={height / 2 - 4} width={Math.max(1, x(value) - x(lo))} height={8} fill="#17324d" />}
      {expected !== null && <line x1={x(expected)} x2={x(expected)} y1={2} y2={height - 2} stroke="#5c6f82" strokeWidth={2} strokeDasharray="3 2" />}
      <line x1={x(target)} x2={x(target)} y1={1} y2={height - 1} stroke="#0066cc" strokeWidth={4} />
    </svg>
  );
}

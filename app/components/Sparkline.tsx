/**
 * A small server-drawn trend line for a table row. Decorative for assistive
 * technology (aria-hidden): the values it draws are in the same row.
 */
export function Sparkline({ values, width = 80, height = 22 }: { values: (number | null)[]; width?: number; height?: number }) {
  const points = values.map((v, i) => ({ i, v })).filter((p): p is { i: number; v: number } => p.v !== null && Number.isFinite(p.v));
  if (points.length < 2) return null;
  const min = Math.min(...points.map((p) => p.v));
  const max = Math.max(...points.map((p) => p.v));
  const pad = 3;
  const x = (i: number) => pad + (i * (width - 2 * pad)) / Math.max(1, values.length - 1);
  const y = (v: number) => (max === min ? height / 2 : pad + ((max - v) * (height - 2 * pad)) / (max - min));
  // Breaks the line where a year is missing, as the table shows "n.d." there.
  const segments: string[] = [];
  let current = "";
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (current) segments.push(current);
      current = "";
      return;
    }
    current += `${current ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const last = points[points.length - 1] as { i: number; v: number };
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false" className="sparkline">
      {segments.map((d) => (
        <path key={d} d={d} fill="none" stroke="#0066cc" strokeWidth={1.5} />
      ))}
      <circle cx={x(last.i)} cy={y(last.v)} r={2.5} fill="#0066cc" />
    </svg>
  );
}

"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber } from "@/lib/format";

export interface TargetChartSeries {
  key: string;
  label: string;
  /** Observed series are solid; trajectories and thresholds dashed. */
  dashed: boolean;
  color: string;
}

/**
 * Observed values against the trajectory of each target (dashed), drawn from
 * the rows it is given. Always paired with the table of the same numbers.
 */
export function TargetChart({ data, series, decimals, summary }: { data: Record<string, number | null>[]; series: TargetChartSeries[]; decimals: number; summary: string }) {
  return (
    <figure className="chart-frame" role="img" aria-label={summary} style={{ height: 320 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ left: 8, right: 24, top: 8, bottom: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d9dadb" />
          <XAxis dataKey="year" stroke="#5c6f82" />
          <YAxis stroke="#5c6f82" tickFormatter={(v: number) => formatNumber(v, decimals)} width={80} domain={["auto", "auto"]} />
          <Tooltip formatter={(v, name) => [formatNumber(Number(v), decimals), name]} />
          <Legend />
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={s.dashed ? 2 : 2.5}
              strokeDasharray={s.dashed ? "6 4" : undefined}
              dot={s.dashed ? false : { r: 4 }}
              isAnimationActive={false}
              connectNulls={s.dashed}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

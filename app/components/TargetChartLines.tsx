"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber } from "@/lib/format";
import { fittedDomain } from "@/lib/chart-scale";
import { AXIS_COLOUR, GRID_COLOUR } from "./chart-palette";

export interface TargetChartSeries {
  key: string;
  label: string;
  /** Observed series are solid; trajectories and thresholds dashed. */
  dashed: boolean;
  color: string;
}

export interface TargetChartProps {
  data: Record<string, number | null>[];
  series: TargetChartSeries[];
  /** The indicator's unit, the y-axis title. */
  unit: string;
  decimals: number;
  /** Short description for screen readers; the data itself is in the table that follows. */
  summary: string;
}

/** The drawing of TargetChart (recharts), loaded only where a chart is shown. */
export default function TargetChartLines({ data, series, unit, decimals }: TargetChartProps) {
  // Fitted to every series drawn, observed values and targets alike (not from zero).
  const domain = fittedDomain(data.flatMap((row) => series.map((s) => row[s.key])));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ left: 16, right: 24, top: 8, bottom: 24 }} accessibilityLayer={false}>
        <CartesianGrid stroke={GRID_COLOUR} />
        <XAxis dataKey="year" stroke={AXIS_COLOUR} label={{ value: "Anno", position: "insideBottom", offset: -16, fill: AXIS_COLOUR }} />
        <YAxis
          stroke={AXIS_COLOUR}
          tickFormatter={(v: number) => formatNumber(v, decimals)}
          width={88}
          domain={domain ?? ["auto", "auto"]}
          label={{ value: unit, angle: -90, position: "insideLeft", offset: -8, fill: AXIS_COLOUR, style: { textAnchor: "middle" } }}
        />
        <Tooltip formatter={(v, name) => [`${formatNumber(Number(v), decimals)} ${unit}`, name]} />
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
  );
}

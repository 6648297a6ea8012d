"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber } from "@/lib/format";
import { fittedDomain } from "@/lib/chart-scale";
import { AXIS_COLOUR, GRID_COLOUR, SINGLE_SERIES_COLOUR } from "./chart-palette";

export interface LineChartProps {
  data: { year: number; value: number | null }[];
  label: string;
  /** The indicator's unit, shown as the y-axis title (e.g. "%", "€", "persone"). */
  unit: string;
  decimals: number;
  summary: string;
}

/** The drawing of LineChartSeries (recharts), loaded only where a chart is shown. */
export default function LineChartSeriesChart({ data, label, unit, decimals }: LineChartProps) {
  const domain = fittedDomain(data.map((d) => d.value));
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
            allowDecimals={decimals > 0}
            label={{ value: unit, angle: -90, position: "insideLeft", offset: -8, fill: AXIS_COLOUR, style: { textAnchor: "middle" } }}
          />
          <Tooltip formatter={(v) => [`${formatNumber(Number(v), decimals)} ${unit}`, label]} />
          <Line dataKey="value" name={label} stroke={SINGLE_SERIES_COLOUR} strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
  );
}

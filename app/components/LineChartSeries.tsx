"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber } from "@/lib/format";

/** A time series; draws only the points it is given. Each use is paired with a table of the same data. */
export function LineChartSeries({ data, label, decimals, summary }: { data: { year: number; value: number | null }[]; label: string; decimals: number; summary: string }) {
  return (
    <figure className="chart-frame" role="img" aria-label={summary} style={{ height: 300 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ left: 8, right: 24, top: 8, bottom: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d9dadb" />
          <XAxis dataKey="year" stroke="#5c6f82" />
          <YAxis stroke="#5c6f82" tickFormatter={(v: number) => formatNumber(v, decimals)} width={80} />
          <Tooltip formatter={(v) => [formatNumber(Number(v), decimals), label]} />
          <Line dataKey="value" name={label} stroke="#0066cc" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

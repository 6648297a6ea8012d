"use client";

import { formatNumber } from "@/lib/format";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface BarDatum {
  label: string;
  value: number;
}

interface Props {
  data: BarDatum[];
  /** Short description for screen readers; the data itself is in the table that follows. */
  summary: string;
  valueLabel: string;
  decimals?: number;
}


/** Draws only the data it is given. Every use is paired with a table of the same data. */
export function BarChartHorizontal({ data, summary, valueLabel, decimals = 0 }: Props) {
  const fmt = { format: (v: number) => formatNumber(v, decimals) };
  const height = Math.max(240, data.length * 28 + 40);
  return (
    <figure className="chart-frame" role="img" aria-label={summary} style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke="#d9dadb" />
          <XAxis type="number" tickFormatter={(v: number) => fmt.format(v)} stroke="#5c6f82" />
          <YAxis type="category" dataKey="label" width={170} stroke="#5c6f82" interval={0} />
          <Tooltip formatter={(v) => [fmt.format(Number(v)), valueLabel]} />
          <Bar dataKey="value" name={valueLabel} fill="#0066cc" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

"use client";

import { formatNumber } from "@/lib/format";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface CompareDatum {
  label: string;
  a: number;
  b: number;
}

export interface CompareBarsProps {
  data: CompareDatum[];
  /** Short description for screen readers; the data itself is in the table that follows. */
  summary: string;
}

/** The drawing of CompareBars (recharts), loaded only where a chart is shown. */
export default function CompareBarsChart({ data }: CompareBarsProps) {
  const fmt = (v: number) => formatNumber(v, 0);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 8 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke="#d9dadb" />
        <XAxis type="number" tickFormatter={fmt} stroke="#5c6f82" />
        <YAxis type="category" dataKey="label" width={120} stroke="#5c6f82" interval={0} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(v, name) => [`${fmt(Number(v))} €`, String(name)]} />
        <Legend />
        <Bar dataKey="a" name="Gettito regola A" fill="#003366" isAnimationActive={false} />
        <Bar dataKey="b" name="Gettito regola B" fill="#a6c8ec" stroke="#003366" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

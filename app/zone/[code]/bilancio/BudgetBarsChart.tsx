"use client";

import { formatNumber } from "@/lib/format";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface BudgetBarDatum {
  label: string;
  /** pagato */
  pagato: number;
  /** impegnato − pagato */
  daPagare: number;
  /** stanziato − impegnato */
  nonImpegnato: number;
}

const SERIES = [
  { key: "pagato", name: "Pagato", fill: "#003366" },
  { key: "daPagare", name: "Impegnato non ancora pagato", fill: "#0073e6" },
  { key: "nonImpegnato", name: "Stanziato non impegnato", fill: "#a6c8ec" },
] as const;

export interface BudgetBarsProps {
  data: BudgetBarDatum[];
  /** Short description for screen readers; the data itself is in the table that follows. */
  summary: string;
  unit: string;
  decimals: number;
}

/** The drawing of BudgetBars (recharts), loaded only where a chart is shown. */
export default function BudgetBarsChart({ data, unit, decimals }: BudgetBarsProps) {
  const fmt = (v: number) => formatNumber(v, decimals);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 8 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke="#d9dadb" />
        <XAxis type="number" tickFormatter={fmt} stroke="#5c6f82" />
        <YAxis type="category" dataKey="label" width={150} stroke="#5c6f82" interval={0} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(v, name) => [`${fmt(Number(v))} ${unit}`, String(name)]} />
        <Legend />
        {SERIES.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} stackId="fasi" fill={s.fill} stroke="#ffffff" isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

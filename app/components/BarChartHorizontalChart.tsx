"use client";

import { formatNumber } from "@/lib/format";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_COLOUR, GRID_COLOUR, SINGLE_SERIES_COLOUR } from "./chart-palette";

export interface BarDatum {
  label: string;
  value: number;
}

export interface BarChartProps {
  data: BarDatum[];
  /** Short description for screen readers; the data itself is in the table that follows. */
  summary: string;
  valueLabel: string;
  /** The value's unit, shown as the value axis's title. */
  unit: string;
  decimals?: number;
}


/** The drawing of BarChartHorizontal (recharts), loaded only where a chart is shown. */
export default function BarChartHorizontalChart({ data, valueLabel, unit, decimals = 0 }: BarChartProps) {
  const fmt = { format: (v: number) => formatNumber(v, decimals) };
  return (
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 24 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke={GRID_COLOUR} />
          <XAxis type="number" tickFormatter={(v: number) => fmt.format(v)} stroke={AXIS_COLOUR} label={{ value: unit, position: "insideBottom", offset: -16, fill: AXIS_COLOUR }} />
          <YAxis type="category" dataKey="label" width={170} stroke={AXIS_COLOUR} interval={0} />
          <Tooltip formatter={(v) => [`${fmt.format(Number(v))} ${unit}`, valueLabel]} />
          <Bar dataKey="value" name={valueLabel} fill={SINGLE_SERIES_COLOUR} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
  );
}

"use client";

import { formatNumber } from "@/lib/format";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_COLOUR, GRID_COLOUR, SINGLE_SERIES_COLOUR } from "./chart-palette";

export interface BarDatum {
  label: string;
  value: number;
}

interface Props {
  data: BarDatum[];
  /** Short description for screen readers; the data itself is in the table that follows. */
  summary: string;
  valueLabel: string;
  /** The value's unit, shown as the value axis's title. */
  unit: string;
  decimals?: number;
}


/**
 * Draws only the data it is given, bars from zero (a bar's length is its value),
 * the value axis titled with the unit. Every use is paired with a table of the same data.
 */
export function BarChartHorizontal({ data, summary, valueLabel, unit, decimals = 0 }: Props) {
  const fmt = { format: (v: number) => formatNumber(v, decimals) };
  const height = Math.max(240, data.length * 28 + 60);
  return (
    <figure className="chart-frame" role="img" aria-label={summary} style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 24 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke={GRID_COLOUR} />
          <XAxis type="number" tickFormatter={(v: number) => fmt.format(v)} stroke={AXIS_COLOUR} label={{ value: unit, position: "insideBottom", offset: -16, fill: AXIS_COLOUR }} />
          <YAxis type="category" dataKey="label" width={170} stroke={AXIS_COLOUR} interval={0} />
          <Tooltip formatter={(v) => [`${fmt.format(Number(v))} ${unit}`, valueLabel]} />
          <Bar dataKey="value" name={valueLabel} fill={SINGLE_SERIES_COLOUR} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

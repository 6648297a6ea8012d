"use client";

import dynamic from "next/dynamic";
import { ChartFrame } from "./ChartFrame";
import type { BarChartProps } from "./BarChartHorizontalChart";

export type { BarDatum } from "./BarChartHorizontalChart";

/** recharts is loaded only where a chart is shown, when its frame comes near the screen (ChartFrame). */
const Chart = dynamic(() => import("./BarChartHorizontalChart"), { ssr: false });

/**
 * Draws only the data it is given, bars from zero (a bar's length is its value),
 * the value axis titled with the unit. Every use is paired with a table of the same data.
 * The frame is in the page at its final height, so that the chart arriving moves nothing.
 */
export function BarChartHorizontal(props: BarChartProps) {
  const height = Math.max(240, props.data.length * 28 + 60);
  return (
    <ChartFrame summary={props.summary} height={height}>
      <Chart {...props} />
    </ChartFrame>
  );
}

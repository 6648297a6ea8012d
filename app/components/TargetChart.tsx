"use client";

import dynamic from "next/dynamic";
import { ChartFrame } from "./ChartFrame";
import type { TargetChartProps } from "./TargetChartLines";

export type { TargetChartSeries } from "./TargetChartLines";

/** recharts is loaded only where a chart is shown, when its frame comes near the screen (ChartFrame). */
const Chart = dynamic(() => import("./TargetChartLines"), { ssr: false });

/**
 * Observed values against the trajectory of each target (dashed), drawn from
 * the rows it is given. Always paired with the table of the same numbers.
 * The frame is in the page at its final height, so that the chart arriving moves nothing.
 */
export function TargetChart(props: TargetChartProps) {
  return (
    <ChartFrame summary={props.summary} height={320}>
      <Chart {...props} />
    </ChartFrame>
  );
}

"use client";

import dynamic from "next/dynamic";
import { ChartFrame } from "./ChartFrame";
import type { LineChartProps } from "./LineChartSeriesChart";

/** recharts is loaded only where a chart is shown, when its frame comes near the screen (ChartFrame). */
const Chart = dynamic(() => import("./LineChartSeriesChart"), { ssr: false });

/**
 * A time series of a level; draws only the points it is given. The y-axis is
 * fitted to the data (not from zero: a fall of 2% must not look flat), titled
 * with the unit; the x-axis is titled "Anno". Each use is paired with a table of the same data.
 * The frame is in the page at its final height, so that the chart arriving moves nothing.
 */
export function LineChartSeries(props: LineChartProps) {
  return (
    <ChartFrame summary={props.summary} height={300}>
      <Chart {...props} />
    </ChartFrame>
  );
}

"use client";

import dynamic from "next/dynamic";
import { ChartFrame } from "@/app/components/ChartFrame";
import type { CompareBarsProps } from "./CompareBarsChart";

export type { CompareDatum } from "./CompareBarsChart";

/** recharts is loaded only where a chart is shown, when its frame comes near the screen (ChartFrame). */
const Chart = dynamic(() => import("./CompareBarsChart"), { ssr: false });

/**
 * Revenue per ISEE band under rule A and rule B, side by side; the table below has the same figures.
 * The frame is in the page at its final height, so that the chart arriving moves nothing.
 */
export function CompareBars(props: CompareBarsProps) {
  return (
    <ChartFrame summary={props.summary} height={Math.max(260, props.data.length * 44 + 80)}>
      <Chart {...props} />
    </ChartFrame>
  );
}

"use client";

import dynamic from "next/dynamic";
import { ChartFrame } from "@/app/components/ChartFrame";
import type { BudgetBarsProps } from "./BudgetBarsChart";

export type { BudgetBarDatum } from "./BudgetBarsChart";

/** recharts is loaded only where a chart is shown, when its frame comes near the screen (ChartFrame). */
const Chart = dynamic(() => import("./BudgetBarsChart"), { ssr: false });

/**
 * Stacked bars: each group's stanziato split into what is paid, committed
 * but unpaid, and not committed. Draws only its data; every group is also
 * in the table below it, so small items stay readable there.
 * The frame is in the page at its final height, so that the chart arriving moves nothing.
 */
export function BudgetBars(props: BudgetBarsProps) {
  return (
    <ChartFrame summary={props.summary} height={Math.max(220, props.data.length * 30 + 80)}>
      <Chart {...props} />
    </ChartFrame>
  );
}

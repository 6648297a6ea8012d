"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * The frame of a chart, in the page at the chart's height from the first byte (nothing moves
 * when the chart arrives). The chart itself (recharts, loaded with next/dynamic) is rendered,
 * and so its code fetched, only when the frame comes near the screen, or when the page is
 * printed: a page whose charts are below the fold is usable without them, since every chart
 * is paired with a table of the same data. A frame still empty on paper does not print.
 */
export function ChartFrame({ summary, height, children }: { summary: string; height: number; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const show = () => setShown(true);
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) show();
    }, { rootMargin: "200px 0px" });
    observer.observe(frame);
    const print = window.matchMedia("print");
    window.addEventListener("beforeprint", show);
    print.addEventListener("change", show);
    return () => {
      observer.disconnect();
      window.removeEventListener("beforeprint", show);
      print.removeEventListener("change", show);
    };
  }, []);
  return (
    <figure ref={ref} className="chart-frame" role="img" aria-label={summary} style={{ height }}>
      {shown ? children : null}
    </figure>
  );
}

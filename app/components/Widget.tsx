import { Suspense, type ReactNode } from "react";

/**
 * The place of a widget while its data loads: the widget's reserved height
 * (no layout shift when it arrives), aria-busy, and «Caricamento…» for
 * screen readers. The shimmer stops under prefers-reduced-motion (globals.css).
 */
export function WidgetSkeleton({ label, minHeight }: { label: string; minHeight: number }) {
  return (
    <div className="widget-skeleton mb-5" role="status" aria-busy="true" style={{ minHeight }}>
      <span className="visually-hidden">{`Caricamento… ${label}`}</span>
    </div>
  );
}

/**
 * A widget that loads its own data (an async server component doing its own
 * query) in a Suspense boundary of its own: the page streams at once with a
 * skeleton in its place, and a slow query blanks only that widget.
 */
export function Widget({ label, minHeight, children }: { label: string; minHeight: number; children: ReactNode }) {
  return <Suspense fallback={<WidgetSkeleton label={label} minHeight={minHeight} />}>{children}</Suspense>;
}

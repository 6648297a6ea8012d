import { Suspense, use, type ReactNode } from "react";

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

/** How long a page waits for the data of a QuickWidget before streaming a skeleton in its place. */
export const QUICK_WIDGET_GRACE_MS = 250;

const PENDING = Symbol("pending");

/** The value of `data` if it settles within `ms`, else PENDING (a rejection within `ms` rejects). */
async function within<T>(data: Promise<T>, ms: number): Promise<{ value: T } | typeof PENDING> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const grace = new Promise<typeof PENDING>((resolve) => {
    timer = setTimeout(() => resolve(PENDING), ms);
  });
  try {
    return await Promise.race([data.then((value) => ({ value })), grace]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A large widget (a long table) whose query usually answers quickly. The page waits
 * up to `graceMs` for `load()` and then draws the widget in its first bytes, outside any
 * Suspense boundary: the browser lays the table out with the rest of the page, whereas
 * a table streamed into a boundary is moved into place later, in one long task that
 * blocks a phone's main thread (Lighthouse TBT, issue 17). Only a truly slow query gets
 * the skeleton: then the widget streams in as in Widget, and the page is not held up.
 */
export async function QuickWidget<T>({
  label,
  minHeight,
  load,
  graceMs = QUICK_WIDGET_GRACE_MS,
  children,
}: {
  label: string;
  minHeight: number;
  /** The widget's query, started when the widget renders. */
  load: () => Promise<T>;
  graceMs?: number;
  children: (value: T) => ReactNode;
}) {
  const data = load();
  const first = await within(data, graceMs);
  if (first !== PENDING) return <>{children(first.value)}</>;
  return (
    <Widget label={label} minHeight={minHeight}>
      <Streamed data={data} render={children} />
    </Widget>
  );
}

function Streamed<T>({ data, render }: { data: Promise<T>; render: (value: T) => ReactNode }) {
  return <>{render(use(data))}</>;
}

import type { ReactNode } from "react";

/**
 * A table in a horizontally scrollable region. The region is focusable and
 * named, so keyboard users can scroll it (axe `scrollable-region-focusable`)
 * and screen readers announce what it holds; the caption names the table.
 */
export function ScrollTable({
  label,
  caption,
  className = "table table-sm",
  wrapperClassName = "mb-3",
  children,
}: {
  /** Accessible name of the scroll region, e.g. "Totali per fase". */
  label: string;
  caption?: ReactNode;
  className?: string;
  wrapperClassName?: string;
  /** thead / tbody / tfoot */
  children: ReactNode;
}) {
  return (
    <div className={`table-responsive ${wrapperClassName}`.trim()} tabIndex={0} role="region" aria-label={`${label}, tabella scorrevole`}>
      <table className={className}>
        {caption !== undefined && <caption>{caption}</caption>}
        {children}
      </table>
    </div>
  );
}

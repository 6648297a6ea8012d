import { CELL_STATUS_LABELS_IT, type CellStatus } from "@/lib/targets/scorecard";
import { PROJECTION_LABELS_IT, type ProjectionBand } from "@/lib/targets/projection";

/**
 * A target's status and projection as a symbol and a word: colour only
 * repeats what the word says (WCAG 1.4.1).
 */
export function TargetStatusBadge({ status }: { status: CellStatus }) {
  const { label, symbol } = CELL_STATUS_LABELS_IT[status];
  return (
    <span className={`target-status target-status-${status}`}>
      <span aria-hidden="true" className="target-status-symbol">
        {symbol}
      </span>{" "}
      {label}
    </span>
  );
}

export function ProjectionBadge({ band, reason }: { band: ProjectionBand; reason?: string | null }) {
  const { label, symbol } = PROJECTION_LABELS_IT[band];
  return (
    <span className={`target-projection target-projection-${band}`} title={reason ?? undefined}>
      <span aria-hidden="true">{symbol}</span> {label}
      {reason && <span className="visually-hidden"> ({reason})</span>}
    </span>
  );
}

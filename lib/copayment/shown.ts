import { protectRow } from "@/lib/disclosure";

/**
 * Users per ISEE band are counts of people: for a reader who must not see
 * small counts (lib/auth/roles.ts seesUnprotectedCounts) they go through
 * lib/disclosure, with the zone's threshold; so do the figures that would
 * give a withheld band away (its revenue, who pays more or less in it).
 * A distribution typed in the page is the reader's own: shown as it is.
 */
export interface ShownBands {
  /** Per band, in order: withheld. */
  suppressed: boolean[];
  /** The total of users withheld. */
  totalSuppressed: boolean;
  anySuppressed: boolean;
}

export function shownBandUsers(users: readonly number[], protect: boolean, threshold: number): ShownBands {
  if (!protect) return { suppressed: users.map(() => false), totalSuppressed: false, anySuppressed: false };
  const total = users.reduce((s, u) => s + u, 0);
  const row = protectRow(
    users.map((u, i) => ({ key: String(i), value: u })),
    total,
    { threshold },
  );
  const suppressed = row.cells.map((c) => c.suppressed);
  const totalSuppressed = row.total?.suppressed ?? false;
  return { suppressed, totalSuppressed, anySuppressed: totalSuppressed || suppressed.some(Boolean) };
}

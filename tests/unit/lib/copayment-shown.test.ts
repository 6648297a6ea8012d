import { describe, expect, it } from "vitest";
import { shownBandUsers } from "@/lib/copayment/shown";

/** Users per ISEE band are counts of people: withheld below the zone's threshold for protected readers. */
describe("users per ISEE band through lib/disclosure", () => {
  it("an unprotected reader (or a distribution typed by the reader) sees every band", () => {
    expect(shownBandUsers([2, 14, 1], false, 3)).toEqual({ suppressed: [false, false, false], totalSuppressed: false, anySuppressed: false });
  });
  it("a protected reader: bands of 1 or 2 users are withheld, and another one so that the total does not give them away", () => {
    const s = shownBandUsers([2, 14, 9, 20], true, 3);
    expect(s.suppressed[0]).toBe(true);
    // One band alone withheld under a published total would be found by difference: a second one goes too.
    expect(s.suppressed.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(s.totalSuppressed).toBe(false);
    expect(s.anySuppressed).toBe(true);
  });
  it("at the threshold a count is shown; zero is shown (it tells nothing about anyone)", () => {
    expect(shownBandUsers([3, 0, 10], true, 3).suppressed).toEqual([false, false, false]);
    expect(shownBandUsers([4, 5, 10], true, 5).suppressed[0]).toBe(true);
  });
});

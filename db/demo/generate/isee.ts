/**
 * The ISEE distribution of the home-care users (SAD_ANZIANI) of each demo
 * zone in its two latest years (import kind `isee`): users per ISEE band, as
 * an office reads them off its files, adding up to the zone's home-care users
 * (UTENTI_SAD) of the year, a few of them exempt for other reasons in the
 * lowest bands. Deterministic: same seed, same bands.
 */
import { stream, uniform } from "./prng";
import type { DemoIseeBand, DemoObservation } from "./types";

export const DEMO_ISEE_SERVICE = "SAD_ANZIANI";

/** Band edges and the share of the users in each (older users: many in the low bands), before jitter. */
const BANDS: readonly { from: number; to: number | null; share: number; exemptShare: number }[] = [
  { from: 0, to: 3000, share: 0.14, exemptShare: 0.12 },
  { from: 3000, to: 6000, share: 0.2, exemptShare: 0.05 },
  { from: 6000, to: 9000, share: 0.21, exemptShare: 0 },
  { from: 9000, to: 12000, share: 0.16, exemptShare: 0 },
  { from: 12000, to: 15000, share: 0.11, exemptShare: 0 },
  { from: 15000, to: 20000, share: 0.09, exemptShare: 0 },
  { from: 20000, to: 30000, share: 0.06, exemptShare: 0 },
  { from: 30000, to: null, share: 0.03, exemptShare: 0 },
];

export function iseeBandsOf(seed: number, zoneCodes: readonly string[], years: readonly number[], observations: readonly DemoObservation[]): DemoIseeBand[] {
  const out: DemoIseeBand[] = [];
  const latest = [...years].sort((a, b) => a - b).slice(-2);
  for (const zoneCode of zoneCodes) {
    for (const year of latest) {
      const users = observations.filter((o) => o.zoneCode === zoneCode && o.istat !== null && o.indicatorCode === "UTENTI_SAD" && !o.serviceCode && o.period === String(year) && o.value !== null).reduce((s, o) => s + (o.value ?? 0), 0);
      if (users <= 0) continue;
      const rng = stream(seed, `isee|${zoneCode}|${year}`);
      const weights = BANDS.map((b) => b.share * uniform(rng, 0.85, 1.15));
      const total = weights.reduce((s, w) => s + w, 0);
      // Largest remainders: the bands add up to the users exactly.
      const raw = weights.map((w) => (w / total) * users);
      const counts = raw.map(Math.floor);
      let left = Math.round(users) - counts.reduce((s, c) => s + c, 0);
      for (const i of raw.map((r, i) => ({ i, rest: r - Math.floor(r) })).sort((a, b) => b.rest - a.rest).map((x) => x.i)) {
        if (left <= 0) break;
        counts[i]!++;
        left--;
      }
      BANDS.forEach((b, i) => {
        const n = counts[i]!;
        out.push({ zoneCode, year, serviceCode: DEMO_ISEE_SERVICE, from: b.from, to: b.to, users: n, exempt: Math.min(n, Math.round(n * b.exemptShare)) });
      });
    }
  }
  return out;
}

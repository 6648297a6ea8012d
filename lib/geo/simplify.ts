import type { AreaGeometry, Position, Ring } from "./types";
import { polygonsOf } from "./types";

/** Squared distance from p to the segment a–b (planar, in degrees). */
function segmentDistance2(p: Position, a: Position, b: Position): number {
  const [x, y] = p;
  let [x0, y0] = a;
  const dx = b[0] - x0;
  const dy = b[1] - y0;
  if (dx !== 0 || dy !== 0) {
    const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
    x0 += dx * t;
    y0 += dy * t;
  }
  return (x - x0) ** 2 + (y - y0) ** 2;
}

/** Douglas–Peucker on an open polyline, iterative so that long rings cannot overflow the stack. */
function douglasPeucker(points: Position[], tolerance: number): Position[] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let maxDist = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i] as Position, points[first] as Position, points[last] as Position);
      if (d > maxDist) {
        maxDist = d;
        index = i;
      }
    }
    if (index !== -1 && maxDist > tol2) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

const round = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;

/**
 * Simplifies a closed ring, keeping it closed and with at least 4 positions.
 * The ring is split at its farthest point from the start so that the
 * closing point is not forced to be a corner.
 */
export function simplifyRing(ring: Ring, tolerance: number, decimals = 5): Ring {
  if (ring.length <= 4) return ring.map(([x, y]) => [round(x, decimals), round(y, decimals)]);
  const start = ring[0] as Position;
  let far = 1;
  let farDist = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const p = ring[i] as Position;
    const d = (p[0] - start[0]) ** 2 + (p[1] - start[1]) ** 2;
    if (d > farDist) {
      farDist = d;
      far = i;
    }
  }
  const a = douglasPeucker(ring.slice(0, far + 1), tolerance);
  const b = douglasPeucker(ring.slice(far), tolerance);
  let out = [...a, ...b.slice(1)];
  if (out.length < 4) out = [ring[0], ring[Math.floor(ring.length / 3)], ring[Math.floor((2 * ring.length) / 3)], ring[0]] as Ring;
  return out.map(([x, y]) => [round(x, decimals), round(y, decimals)]);
}

/** Simplifies every ring of a polygon or multipolygon. */
export function simplifyGeometry(geometry: AreaGeometry, tolerance: number): AreaGeometry {
  const polygons = polygonsOf(geometry).map((polygon) => polygon.map((ring) => simplifyRing(ring, tolerance)));
  return geometry.type === "Polygon"
    ? { type: "Polygon", coordinates: polygons[0] ?? [] }
    : { type: "MultiPolygon", coordinates: polygons };
}

export function countPositions(geometry: AreaGeometry): number {
  return polygonsOf(geometry).reduce((n, polygon) => n + polygon.reduce((m, ring) => m + ring.length, 0), 0);
}

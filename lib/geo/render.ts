import { geoPath, geoTransform } from "d3-geo";
import type { AreaGeometry, Position } from "./types";
import { polygonsOf } from "./types";

export interface ShapeInput {
  id: string;
  geometry: AreaGeometry;
}

export interface RenderedShape {
  id: string;
  /** SVG path data in the viewBox's coordinates. */
  d: string;
  /** Label point: the centroid of the shape's largest polygon. */
  labelAt: [number, number];
}

export interface RenderedMap {
  width: number;
  height: number;
  shapes: RenderedShape[];
}

/**
 * Projects lon/lat shapes onto an SVG canvas. At the scale of a zone a local
 * equirectangular projection (longitudes shrunk by cos of the mean latitude)
 * is accurate enough and avoids spherical winding-order pitfalls, since the
 * path is drawn as planar geometry.
 */
export function renderShapes(shapes: ShapeInput[], width: number, padding = 8): RenderedMap {
  const positions: Position[] = shapes.flatMap((s) => polygonsOf(s.geometry).flatMap((p) => p.flat()));
  if (positions.length === 0) return { width, height: 0, shapes: [] };
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = (width - 2 * padding) / spanX;
  const height = Math.ceil(spanY * scale + 2 * padding);
  const project = (lon: number, lat: number): [number, number] => [
    padding + (lon - minLon) * k * scale,
    padding + (maxLat - lat) * scale,
  ];
  const transform = geoTransform({
    point(this: { stream: { point(x: number, y: number): void } }, lon: number, lat: number) {
      const [x, y] = project(lon, lat);
      this.stream.point(x, y);
    },
  });
  const path = geoPath(transform).digits(1);
  return {
    width,
    height,
    shapes: shapes.map((s) => {
      const largest = polygonsOf(s.geometry)
        .map((polygon) => ({ polygon, area: Math.abs(ringArea(polygon[0] ?? [])) }))
        .sort((a, b) => b.area - a.area)[0];
      const centroid = largest ? path.centroid({ type: "Polygon", coordinates: largest.polygon }) : [0, 0];
      return {
        id: s.id,
        d: path({ type: s.geometry.type, coordinates: s.geometry.coordinates } as GeoJSON.Geometry) ?? "",
        labelAt: [Math.round(centroid[0] ?? 0), Math.round(centroid[1] ?? 0)] as [number, number],
      };
    }),
  };
}

function ringArea(ring: Position[]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    area += a[0] * b[1] - b[0] * a[1];
  }
  return area / 2;
}

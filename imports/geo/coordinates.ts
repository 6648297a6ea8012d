import { polygonsOf, type AreaGeometry } from "@/lib/geo/types";

/**
 * Checks that a boundary's coordinates are WGS84 longitude/latitude in
 * degrees and lie in Italy: a file exported in projected metres (UTM 32N,
 * Web Mercator, Gauss-Boaga…), with latitude and longitude swapped, or with
 * absurd values would otherwise be stored and drawn as nothing, or as NaN
 * ("[[null,null],…]" once written as JSON).
 */
export type CoordinateProblem = "non-finite" | "projected" | "swapped" | "outside-wgs84" | "outside-italy";

/** Italy with a margin (Lampedusa 35.5°N … Vetta d'Italia 47.1°N, 6.6°E … 18.5°E). */
const ITALY = { minLon: 6, maxLon: 19, minLat: 35, maxLat: 48 };

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Bounding box of the geometry, or the first non-finite coordinate's problem. */
export function boundsOf(geometry: AreaGeometry): Bounds | "non-finite" {
  const b: Bounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (const position of ring) {
        const [x, y] = position;
        if (!Number.isFinite(x) || !Number.isFinite(y)) return "non-finite";
        if (x < b.minX) b.minX = x;
        if (x > b.maxX) b.maxX = x;
        if (y < b.minY) b.minY = y;
        if (y > b.maxY) b.maxY = y;
      }
    }
  }
  return b;
}

const inside = (b: Bounds, box: { minLon: number; maxLon: number; minLat: number; maxLat: number }, swap = false) => {
  const [minX, maxX, minY, maxY] = swap ? [b.minY, b.maxY, b.minX, b.maxX] : [b.minX, b.maxX, b.minY, b.maxY];
  return minX >= box.minLon && maxX <= box.maxLon && minY >= box.minLat && maxY <= box.maxLat;
};

/** What is wrong with a geometry's coordinates, or null when they are plausible degrees in Italy. */
export function coordinateProblem(geometry: AreaGeometry): CoordinateProblem | null {
  const b = boundsOf(geometry);
  if (b === "non-finite") return "non-finite";
  if (inside(b, ITALY)) return null;
  if (inside(b, ITALY, true)) return "swapped";
  const wgs84 = b.minX >= -180 && b.maxX <= 180 && b.minY >= -90 && b.maxY <= 90;
  if (wgs84) return "outside-italy";
  // Metres of a national or UTM grid: hundreds of thousands to millions, never astronomic.
  const metres = Math.max(Math.abs(b.minX), Math.abs(b.maxX), Math.abs(b.minY), Math.abs(b.maxY));
  return metres > 1_000 && metres < 40_000_000 ? "projected" : "outside-wgs84";
}

const CONVERT = "convertire il file in WGS84 (EPSG:4326), per esempio con QGIS (Esporta › Salva elementi con nome, SR EPSG:4326) o con «ogr2ogr -t_srs EPSG:4326».";

/** The Italian message for a problem, with what to do about it. */
export function coordinateMessage(problem: CoordinateProblem, bounds?: Bounds | "non-finite"): string {
  const where =
    bounds && bounds !== "non-finite"
      ? ` (coordinate tra ${fmt(bounds.minX)} e ${fmt(bounds.maxX)} in x, tra ${fmt(bounds.minY)} e ${fmt(bounds.maxY)} in y)`
      : "";
  switch (problem) {
    case "non-finite":
      return "coordinate mancanti o non numeriche (null, NaN, infinito): il file è danneggiato; esportarlo di nuovo.";
    case "projected":
      return `coordinate in metri di un sistema proiettato (per esempio UTM 32N o Web Mercator), non in gradi${where}: ${CONVERT}`;
    case "swapped":
      return `latitudine e longitudine sembrano invertite${where}: in GeoJSON ogni punto è [longitudine, latitudine]; esportare di nuovo il file con l'ordine giusto o ${CONVERT}`;
    case "outside-wgs84":
      return `coordinate fuori dai limiti di longitudine (±180) e latitudine (±90)${where}: il file non è in WGS84; ${CONVERT}`;
    case "outside-italy":
      return `coordinate in gradi ma fuori dall'Italia${where}: controllare che il file sia quello dei comuni italiani in WGS84 (EPSG:4326).`;
  }
}

function fmt(n: number): string {
  return n.toLocaleString("it-IT", { maximumFractionDigits: 3 });
}

import { feature as topoFeature } from "topojson-client";
import type { Topology, GeometryObject } from "topojson-specification";
import { z } from "zod";
import type { AreaGeometry } from "@/lib/geo/types";
import { countPositions, simplifyGeometry } from "@/lib/geo/simplify";
import { boundsOf, coordinateMessage, coordinateProblem, type CoordinateProblem } from "./coordinates";

/**
 * Reads comune boundaries from GeoJSON or TopoJSON (e.g. ISTAT's administrative
 * limits converted to WGS84, or openpolis geojson-italy) keyed by ISTAT code,
 * and simplifies them for drawing on screen.
 */
export interface Boundary {
  istat: string;
  name: string | null;
  geometry: AreaGeometry;
}

export interface BoundaryFileError {
  feature: number;
  message: string;
}

export interface ParsedBoundaries {
  format: "GeoJSON" | "TopoJSON";
  codeProperty: string;
  boundaries: Boundary[];
  errors: BoundaryFileError[];
  positionsBefore: number;
  positionsAfter: number;
}

export class BoundaryFileRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BoundaryFileRejected";
  }
}

/** Property names that carry the 6-character ISTAT code, most specific first. */
const CODE_PROPERTIES = ["com_istat_code", "PRO_COM_T", "pro_com_t", "PRO_COM", "pro_com", "istat", "codice_istat", "cod_istat", "COD_ISTAT"];
const NAME_PROPERTIES = ["name", "COMUNE", "comune", "denominazione", "nome"];

/** About 50 m at Umbria's latitude: invisible on a zone map, 5–10× fewer points. */
export const DEFAULT_TOLERANCE_DEGREES = 0.0005;

const Position = z.tuple([z.number(), z.number()]).rest(z.number());
const Ring = z.array(Position).min(4);
const Geometry = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Polygon"), coordinates: z.array(Ring).min(1) }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
]);
const Feature = z.object({
  type: z.literal("Feature"),
  properties: z.record(z.string(), z.unknown()).nullable(),
  geometry: z.unknown(),
});
const FeatureCollection = z.object({ type: z.literal("FeatureCollection"), features: z.array(z.unknown()) });

function normaliseCode(raw: unknown): string | null {
  if (typeof raw === "number" && Number.isInteger(raw) && raw > 0 && raw < 1_000_000) return String(raw).padStart(6, "0");
  if (typeof raw === "string" && /^\d{4,6}$/.test(raw.trim())) return raw.trim().padStart(6, "0");
  return null;
}

function toFeatures(json: unknown): { format: ParsedBoundaries["format"]; features: unknown[] } {
  if (typeof json === "object" && json !== null && (json as { type?: unknown }).type === "Topology") {
    const topology = json as Topology;
    // The file is untrusted: a "Topology" without objects must get the message below.
    const objects = Object.values((topology as Partial<Topology>).objects ?? {});
    const first = objects[0];
    if (!first) throw new BoundaryFileRejected("Il file TopoJSON non contiene oggetti.");
    const collection = topoFeature(topology, first as GeometryObject);
    const features = "features" in collection ? collection.features : [collection];
    return { format: "TopoJSON", features };
  }
  const parsed = FeatureCollection.safeParse(json);
  if (!parsed.success) {
    throw new BoundaryFileRejected(
      "Il file non è una FeatureCollection GeoJSON né una Topology TopoJSON: esportare i confini in uno di questi formati.",
    );
  }
  return { format: "GeoJSON", features: parsed.data.features };
}

export function parseBoundaries(text: string, tolerance = DEFAULT_TOLERANCE_DEGREES): ParsedBoundaries {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new BoundaryFileRejected("Il file dei confini non è JSON valido (GeoJSON o TopoJSON).");
  }
  const { format, features } = toFeatures(json);
  if (features.length === 0) throw new BoundaryFileRejected("Il file dei confini non contiene alcun elemento.");

  const firstProps = Feature.safeParse(features[0]).data?.properties ?? {};
  const codeProperty = CODE_PROPERTIES.find((p) => normaliseCode(firstProps[p]) !== null);
  if (!codeProperty) {
    throw new BoundaryFileRejected(
      `Nessuna proprietà con il codice ISTAT del comune: attese una tra ${CODE_PROPERTIES.join(", ")}; ` +
        `presenti: ${Object.keys(firstProps).join(", ") || "nessuna"}.`,
    );
  }
  const nameProperty = NAME_PROPERTIES.find((p) => typeof firstProps[p] === "string");

  const boundaries: Boundary[] = [];
  const errors: BoundaryFileError[] = [];
  const seen = new Set<string>();
  /** The first message of each kind of coordinate problem. */
  const problems = new Map<CoordinateProblem, string>();
  let positionsBefore = 0;
  let positionsAfter = 0;
  features.forEach((raw, index) => {
    const f = Feature.safeParse(raw);
    if (!f.success) {
      errors.push({ feature: index + 1, message: "Elemento non valido: atteso un Feature GeoJSON." });
      return;
    }
    const props = f.data.properties ?? {};
    const istat = normaliseCode(props[codeProperty]);
    if (!istat) {
      errors.push({ feature: index + 1, message: `Codice ISTAT mancante o non valido nella proprietà ${codeProperty}.` });
      return;
    }
    const geometry = Geometry.safeParse(f.data.geometry);
    if (!geometry.success) {
      errors.push({ feature: index + 1, message: `Comune ${istat}: geometria mancante o non poligonale.` });
      return;
    }
    const area = geometry.data as AreaGeometry;
    const problem = coordinateProblem(area);
    if (problem) {
      const message = coordinateMessage(problem, boundsOf(area));
      if (!problems.has(problem)) problems.set(problem, message);
      errors.push({ feature: index + 1, message: `Comune ${istat}: ${message}` });
      return;
    }
    if (seen.has(istat)) {
      errors.push({ feature: index + 1, message: `Comune ${istat} presente più di una volta.` });
      return;
    }
    seen.add(istat);
    const simplified = simplifyGeometry(area, tolerance);
    if (boundsOf(simplified) === "non-finite") {
      // Never stored: a NaN becomes null in JSON and the map draws nothing.
      errors.push({ feature: index + 1, message: `Comune ${istat}: ${coordinateMessage("non-finite")}` });
      return;
    }
    positionsBefore += countPositions(area);
    positionsAfter += countPositions(simplified);
    const name = nameProperty ? props[nameProperty] : null;
    boundaries.push({ istat, name: typeof name === "string" ? name : null, geometry: simplified });
  });
  // Every feature in metres, or swapped: the whole file needs converting, one message says how.
  const [only] = [...problems];
  if (boundaries.length === 0 && problems.size === 1 && only && (only[0] === "projected" || only[0] === "swapped" || only[0] === "outside-wgs84")) {
    throw new BoundaryFileRejected(`Nessun confine importato: ${only[1]}`);
  }
  return { format, codeProperty, boundaries, errors, positionsBefore, positionsAfter };
}

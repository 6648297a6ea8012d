import { describe, expect, it } from "vitest";
import { BoundaryFileRejected, parseBoundaries } from "@/imports/geo/boundaries";
import { coordinateProblem } from "@/imports/geo/coordinates";
import type { Ring } from "@/lib/geo/types";

/** A closed square ring [x, y] … [x + size, y + size]. */
const square = (x: number, y: number, size: number): Ring => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
const polygon = (ring: Ring) => ({ type: "Polygon" as const, coordinates: [ring] });

function collection(rings: Ring[]): string {
  return JSON.stringify({
    type: "FeatureCollection",
    features: rings.map((ring, i) => ({ type: "Feature", properties: { com_istat_code: String(55001 + i).padStart(6, "0") }, geometry: polygon(ring) })),
  });
}

describe("boundary coordinates", () => {
  it("accepts WGS84 degrees in Italy", () => {
    expect(coordinateProblem(polygon(square(12.5, 42.5, 0.1)))).toBeNull();
    expect(coordinateProblem(polygon(square(12.6, 35.5, 0.05)))).toBeNull(); // Lampedusa
  });

  it.each([
    ["projected metres (UTM 32N)", square(780_000, 4_710_000, 5_000), "projected"],
    ["projected metres (Web Mercator)", square(1_390_000, 5_240_000, 5_000), "projected"],
    ["swapped latitude and longitude", square(42.5, 12.5, 0.1), "swapped"],
    ["1e308", square(1e308, 1e308, 0), "outside-wgs84"],
    ["degrees outside Italy", square(-3.7, 40.4, 0.1), "outside-italy"],
  ])("recognises %s", (_label, ring, problem) => {
    expect(coordinateProblem(polygon(ring))).toBe(problem);
  });

  it("recognises null, NaN and infinite coordinates", () => {
    const ring = square(12.5, 42.5, 0.1);
    ring[2] = [Number.NaN, Number.NaN];
    expect(coordinateProblem(polygon(ring))).toBe("non-finite");
    ring[2] = [Number.POSITIVE_INFINITY, 42];
    expect(coordinateProblem(polygon(ring))).toBe("non-finite");
  });

  it("refuses a file in projected metres, saying how to convert it", () => {
    const text = collection([square(780_000, 4_710_000, 5_000), square(790_000, 4_710_000, 5_000)]);
    expect(() => parseBoundaries(text)).toThrow(BoundaryFileRejected);
    expect(() => parseBoundaries(text)).toThrow(/metri.*EPSG:4326/);
  });

  it("refuses a file with swapped axes, saying so", () => {
    expect(() => parseBoundaries(collection([square(42.5, 12.5, 0.1)]))).toThrow(/latitudine e longitudine sembrano invertite/);
  });

  it("refuses 1e308 and keeps the good features of a mixed file, never storing a null", () => {
    expect(() => parseBoundaries(collection([square(1e308, 1e308, 0)]))).toThrow(/fuori dai limiti/);
    const parsed = parseBoundaries(collection([square(12.5, 42.5, 0.1), square(1e308, -1e308, 1e300), square(42.5, 12.5, 0.1)]));
    expect(parsed.boundaries.map((b) => b.istat)).toEqual(["055001"]);
    expect(parsed.errors.map((e) => e.feature)).toEqual([2, 3]);
    expect(parsed.errors[1]?.message).toContain("invertite");
    for (const b of parsed.boundaries) expect(JSON.stringify(b.geometry)).not.toContain("null");
  });

  it("refuses a JSON null coordinate (the stored Narni of the report)", () => {
    const text = JSON.stringify({
      type: "FeatureCollection",
      features: [{ type: "Feature", properties: { com_istat_code: "055022" }, geometry: { type: "Polygon", coordinates: [[[null, null], [null, null], [null, null], [null, null]]] } }],
    });
    const parsed = parseBoundaries(text);
    expect(parsed.boundaries).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import { parseBoundaries, BoundaryFileRejected } from "@/imports/geo/boundaries";
import { simplifyRing, countPositions } from "@/lib/geo/simplify";
import { renderShapes } from "@/lib/geo/render";
import type { Ring } from "@/lib/geo/types";

/** A square ring with `n` extra collinear points on each side. */
function square(x: number, y: number, size: number, n = 0): Ring {
  const corners: [number, number][] = [[x, y], [x + size, y], [x + size, y + size], [x, y + size]];
  const ring: Ring = [];
  for (let c = 0; c < 4; c++) {
    const [ax, ay] = corners[c] as [number, number];
    const [bx, by] = corners[(c + 1) % 4] as [number, number];
    for (let i = 0; i <= n; i++) ring.push([ax + ((bx - ax) * i) / (n + 1), ay + ((by - ay) * i) / (n + 1)]);
  }
  ring.push([x, y]);
  return ring;
}

function geojson(features: { props: Record<string, unknown>; ring: Ring }[]) {
  return JSON.stringify({
    type: "FeatureCollection",
    features: features.map((f) => ({ type: "Feature", properties: f.props, geometry: { type: "Polygon", coordinates: [f.ring] } })),
  });
}

describe("simplifyRing", () => {
  it("drops collinear points and keeps the ring closed", () => {
    const ring = square(12, 42, 0.1, 20);
    const out = simplifyRing(ring, 0.0005);
    expect(out.length).toBe(5);
    expect(out[0]).toEqual(out[out.length - 1]);
  });

  it("keeps a real corner larger than the tolerance", () => {
    const ring: Ring = [[0, 0], [1, 0], [0.5, 0.2], [1, 1], [0, 1], [0, 0]];
    expect(simplifyRing(ring, 0.01)).toContainEqual([0.5, 0.2]);
  });
});

describe("parseBoundaries", () => {
  it("reads GeoJSON keyed by com_istat_code and simplifies it", () => {
    const text = geojson([
      { props: { com_istat_code: "055022", name: "Narni" }, ring: square(12.5, 42.5, 0.1, 50) },
      { props: { com_istat_code: "055004", name: "Amelia" }, ring: square(12.4, 42.5, 0.1, 50) },
    ]);
    const parsed = parseBoundaries(text);
    expect(parsed.format).toBe("GeoJSON");
    expect(parsed.codeProperty).toBe("com_istat_code");
    expect(parsed.boundaries.map((b) => b.istat)).toEqual(["055022", "055004"]);
    expect(parsed.positionsAfter).toBeLessThan(parsed.positionsBefore / 10);
    expect(parsed.errors).toEqual([]);
  });

  it("restores leading zeros of numeric PRO_COM codes", () => {
    const parsed = parseBoundaries(geojson([{ props: { PRO_COM: 54039 }, ring: square(12, 43, 0.1) }]));
    expect(parsed.boundaries[0]?.istat).toBe("054039");
  });

  it("reads TopoJSON", () => {
    const topology = {
      type: "Topology",
      arcs: [[[0, 0], [10, 0], [0, 10], [-10, 0], [0, -10]]],
      transform: { scale: [0.01, 0.01], translate: [12, 42] },
      objects: { comuni: { type: "GeometryCollection", geometries: [{ type: "Polygon", arcs: [[0]], properties: { com_istat_code: "055022" } }] } },
    };
    const parsed = parseBoundaries(JSON.stringify(topology));
    expect(parsed.format).toBe("TopoJSON");
    expect(parsed.boundaries[0]?.istat).toBe("055022");
    expect(countPositions(parsed.boundaries[0]!.geometry)).toBe(5);
  });

  it("reports features without code or geometry and duplicates, per feature", () => {
    const text = JSON.stringify({
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { com_istat_code: "055022" }, geometry: { type: "Polygon", coordinates: [square(12, 42, 0.1)] } },
        { type: "Feature", properties: { com_istat_code: "x" }, geometry: { type: "Polygon", coordinates: [square(12, 42, 0.1)] } },
        { type: "Feature", properties: { com_istat_code: "055004" }, geometry: { type: "Point", coordinates: [0, 0] } },
        { type: "Feature", properties: { com_istat_code: "055022" }, geometry: { type: "Polygon", coordinates: [square(12, 42, 0.1)] } },
      ],
    });
    const parsed = parseBoundaries(text);
    expect(parsed.boundaries).toHaveLength(1);
    expect(parsed.errors.map((e) => e.feature)).toEqual([2, 3, 4]);
    expect(parsed.errors[2]?.message).toContain("più di una volta");
  });

  it.each([
    ["not JSON", "ciao;mondo", "non è JSON valido"],
    ["a JSON that is not GeoJSON", '{"a":1}', "FeatureCollection"],
    ["an empty collection", '{"type":"FeatureCollection","features":[]}', "non contiene alcun elemento"],
    ["features without an ISTAT code", geojson([{ props: { foo: "bar" }, ring: square(0, 0, 1) }]), "presenti: foo"],
  ])("rejects %s with an Italian message", (_label, text, message) => {
    expect(() => parseBoundaries(text)).toThrow(BoundaryFileRejected);
    expect(() => parseBoundaries(text)).toThrow(message);
  });
});

describe("renderShapes", () => {
  it("fits the shapes to the width and keeps the aspect ratio", () => {
    const map = renderShapes(
      [
        { id: "a", geometry: { type: "Polygon", coordinates: [square(12, 42, 0.1)] } },
        { id: "b", geometry: { type: "Polygon", coordinates: [square(12.1, 42, 0.1)] } },
      ],
      400,
      0,
    );
    expect(map.width).toBe(400);
    // Two squares side by side, longitudes shrunk by cos(42.05°) ≈ 0.743.
    expect(map.height).toBeGreaterThan(260);
    expect(map.height).toBeLessThan(275);
    expect(map.shapes[0]?.d.startsWith("M")).toBe(true);
    expect(map.shapes[0]!.labelAt[0]).toBeLessThan(map.shapes[1]!.labelAt[0]);
  });
});

import { describe, expect, it } from "vitest";
import { sortRowsBy } from "@/lib/territory/sort";

const rows = [
  { name: "Otricoli", v: 3 },
  { name: "Amelia", v: null },
  { name: "Àlviano", v: 10 },
  { name: "Narni", v: 3 },
  { name: "calvi dell'Umbria", v: -1 },
];

describe("sortRowsBy", () => {
  it("sorts numbers both ways with n.d. last and ties in their original order", () => {
    expect(sortRowsBy(rows, (r) => r.v, "asc").map((r) => r.name)).toEqual(["calvi dell'Umbria", "Otricoli", "Narni", "Àlviano", "Amelia"]);
    expect(sortRowsBy(rows, (r) => r.v, "desc").map((r) => r.name)).toEqual(["Àlviano", "Otricoli", "Narni", "calvi dell'Umbria", "Amelia"]);
  });

  it("sorts names in Italian order, ignoring accents and case", () => {
    expect(sortRowsBy(rows, (r) => r.name, "asc").map((r) => r.name)).toEqual(["Àlviano", "Amelia", "calvi dell'Umbria", "Narni", "Otricoli"]);
  });

  it("does not change its input", () => {
    const copy = [...rows];
    sortRowsBy(rows, (r) => r.v, "desc");
    expect(rows).toEqual(copy);
  });
});

import { describe, expect, it } from "vitest";
import { zoneSelectorOptions } from "@/app/components/zone-selector-options";

const zone = (code: string, region: string) => ({ code, name: `Zona ${code}`, region });

describe("zoneSelectorOptions", () => {
  it("lists the current region's zones and one entry per other region", () => {
    const visible = [zone("UMB-01", "Umbria"), zone("UMB-11", "Umbria"), zone("LAZ-01", "Lazio"), zone("LAZ-02", "Lazio"), zone("TOS-05", "Toscana")];
    const options = zoneSelectorOptions(visible, visible[1]!);
    expect(options.zones.map((z) => z.code)).toEqual(["UMB-01", "UMB-11"]);
    expect(options.otherRegions).toEqual([
      { code: "LAZ-01", label: "Lazio (2 zone)" },
      { code: "TOS-05", label: "Toscana (1 zona)" },
    ]);
  });

  it("has no other regions for a user of one region, and always lists the current zone", () => {
    const current = zone("UMB-11", "Umbria");
    expect(zoneSelectorOptions([zone("UMB-06", "Umbria")], current)).toEqual({
      zones: [{ code: "UMB-11", name: "Zona UMB-11" }, { code: "UMB-06", name: "Zona UMB-06" }],
      otherRegions: [],
    });
  });
});

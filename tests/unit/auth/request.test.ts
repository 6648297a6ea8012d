import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/request";

describe("safeNextPath", () => {
  it("keeps paths of this site with their query", () => {
    expect(safeNextPath("/zone/UMB-11/territorio?indicatori=POP_TOT&anno=2024")).toBe("/zone/UMB-11/territorio?indicatori=POP_TOT&anno=2024");
    expect(safeNextPath("/")).toBe("/");
  });

  it("refuses anything that could leave the site", () => {
    for (const value of ["//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)", "/a b", "", null, undefined, "zone/UMB-11"]) {
      expect(safeNextPath(value), String(value)).toBeUndefined();
    }
  });
});

import { describe, expect, it } from "vitest";
import { accessibleZones, can, seesUnprotectedCounts, zoneScope, type Principal } from "@/lib/auth/roles";

const narni = { code: "UMB-11", regionCode: "10" };
const perugia = { code: "UMB-02", regionCode: "10" };
const other = { code: "TOS-01", regionCode: "09" };

const user = (p: Partial<Principal>): Principal => ({ kind: "user", id: "u", label: "u", role: "conferenza", zones: [], regions: [], readOnly: false, ...p });

describe("roles", () => {
  it("grants each role its permissions, in its zones only", () => {
    const analista = user({ role: "analista", zones: ["UMB-11"] });
    expect(can(analista, "imports.write", narni)).toBe(true);
    expect(can(analista, "imports.write", perugia)).toBe(false);
    expect(can(analista, "admin")).toBe(false);
    const conferenza = user({ zones: ["UMB-11"] });
    expect(can(conferenza, "zone.read", narni)).toBe(true);
    expect(can(conferenza, "imports.read", narni)).toBe(false);
    expect(can(user({ role: "pianificatore", zones: ["UMB-11"] }), "plan.write", narni)).toBe(true);
  });

  it("grants every zone of a region", () => {
    const regional = user({ role: "pianificatore", regions: ["10"] });
    expect(accessibleZones(regional, [narni, perugia, other]).map((z) => z.code)).toEqual(["UMB-11", "UMB-02"]);
    expect(zoneScope(regional)).toEqual({ zones: [], regions: ["10"] });
  });

  it("lets an admin without grants see every zone, and keeps tokens read-only", () => {
    const admin = user({ role: "admin" });
    expect(can(admin, "zone.read", other)).toBe(true);
    expect(zoneScope(admin)).toBeNull();
    const token = user({ kind: "token", role: "pianificatore", zones: ["UMB-11"], readOnly: true });
    expect(can(token, "zone.read", narni)).toBe(true);
    expect(can(token, "imports.read", narni)).toBe(true);
    expect(can(token, "plan.write", narni)).toBe(false);
    expect(can(token, "imports.write", narni)).toBe(false);
  });
});

describe("seesUnprotectedCounts", () => {
  it("protects the Conferenza role and API tokens unless granted", () => {
    expect(seesUnprotectedCounts(user({ role: "conferenza" }))).toBe(false);
    expect(seesUnprotectedCounts(user({ role: "pianificatore" }))).toBe(true);
    expect(seesUnprotectedCounts(user({ role: "analista" }))).toBe(true);
    expect(seesUnprotectedCounts(user({ kind: "token", role: "pianificatore", readOnly: true }))).toBe(false);
    expect(seesUnprotectedCounts(user({ kind: "token", role: "pianificatore", readOnly: true, unprotectedData: true }))).toBe(true);
    expect(seesUnprotectedCounts(user({ kind: "local", role: "admin" }))).toBe(true);
  });
});

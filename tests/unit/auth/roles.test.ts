import { describe, expect, it } from "vitest";
import { accessibleZones, can, seesUnprotectedCounts, tokenPrincipal, zoneScope, type Principal, type TokenGrant } from "@/lib/auth/roles";

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

describe("tokenPrincipal", () => {
  const zones = [narni, perugia, other, { code: "TOS-02", regionCode: "09" }];
  const grant = (g: Partial<TokenGrant>): TokenGrant => ({ id: "7", name: "regione", zones: [], regions: [], unprotectedData: false, ...g });

  it("refuses a token whose owner is disabled or deleted", () => {
    expect(tokenPrincipal(grant({ zones: ["UMB-11"] }), null, zones)).toBeNull();
  });

  it("keeps what the token was given while its owner sees every zone", () => {
    const p = tokenPrincipal(grant({ zones: ["UMB-11"], regions: ["09"] }), user({ role: "admin" }), zones);
    expect(p).toMatchObject({ kind: "token", role: "pianificatore", zones: ["UMB-11"], regions: ["09"], readOnly: true, unprotectedData: false });
  });

  it("narrows the token to what its owner sees now: zones one by one, a region only while held whole", () => {
    const owner = user({ role: "pianificatore", zones: ["UMB-11", "TOS-01"], regions: [] });
    const p = tokenPrincipal(grant({ zones: ["UMB-11", "UMB-02"], regions: ["09"] }), owner, zones)!;
    expect(p.zones).toEqual(["TOS-01", "UMB-11"]);
    expect(p.regions).toEqual([]);
    expect(accessibleZones(p, zones).map((z) => z.code).sort()).toEqual(["TOS-01", "UMB-11"]);
    const regional = tokenPrincipal(grant({ regions: ["10"] }), user({ role: "pianificatore", regions: ["10"] }), zones)!;
    expect(regional.regions).toEqual(["10"]);
    const none = tokenPrincipal(grant({ zones: ["UMB-02"] }), user({ role: "analista", zones: ["UMB-11"] }), zones)!;
    expect(accessibleZones(none, zones)).toEqual([]);
    expect(can(none, "zone.read", perugia)).toBe(false);
  });

  it("follows the owner's role: a Conferenza owner gives a protected, Conferenza-only token", () => {
    const conferenza = tokenPrincipal(grant({ zones: ["UMB-11"], unprotectedData: true }), user({ role: "conferenza", zones: ["UMB-11"] }), zones)!;
    expect(conferenza.role).toBe("conferenza");
    expect(can(conferenza, "imports.read", narni)).toBe(false);
    expect(seesUnprotectedCounts(conferenza)).toBe(false);
    const granted = tokenPrincipal(grant({ zones: ["UMB-11"], unprotectedData: true }), user({ role: "admin" }), zones)!;
    expect(seesUnprotectedCounts(granted)).toBe(true);
  });
});

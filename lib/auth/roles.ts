/**
 * Roles and what each may do (issue: access control). Pure: the one place
 * that decides; pages, server actions and API routes ask it through
 * app/_auth/access.ts, and the query layer filters by accessibleZones.
 */
export const ROLES = ["admin", "analista", "pianificatore", "conferenza"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS_IT: Record<Role, string> = {
  admin: "Amministratore",
  analista: "Analista",
  pianificatore: "Pianificatore (Ufficio di Piano)",
  conferenza: "Conferenza di zona",
};

export type Permission =
  /** Dashboards and pages of a zone, read-only. */
  | "zone.read"
  /** Uploading files and undoing imports. */
  | "imports.write"
  /** Reading the import history and reports. */
  | "imports.read"
  /** PSZ targets, notes, report drafts. */
  | "plan.write"
  /** Users, tokens, zones, catalogue, audit log. */
  | "admin";

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ["zone.read", "imports.read", "imports.write", "plan.write", "admin"],
  analista: ["zone.read", "imports.read", "imports.write"],
  pianificatore: ["zone.read", "imports.read", "plan.write"],
  conferenza: ["zone.read"],
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Who is asking: a signed-in user or an API token, with the zones granted. */
export interface Principal {
  kind: "user" | "token" | "local";
  id: string;
  label: string;
  role: Role;
  /** Zones granted one by one. */
  zones: readonly string[];
  /** Regions whose every zone is granted. */
  regions: readonly string[];
  /** API tokens are read-only whatever the role of their creator. */
  readOnly: boolean;
  /**
   * API tokens only: an administrator granted "dati non protetti", so counts of
   * people reach this token without disclosure control. Absent means no.
   */
  unprotectedData?: boolean;
  /**
   * Signed-in Conferenza users only: the comune (ISTAT code) the user is bound
   * to, whose page opens after login and behind "Il mio comune". Absent means none.
   */
  comuneIstat?: string;
}

export interface ZoneRef {
  code: string;
  regionCode: string;
}

/** An administrator without grants, or the local command line, sees every zone. */
export function seesAllZones(principal: Principal): boolean {
  return principal.kind === "local" || (principal.role === "admin" && principal.zones.length === 0 && principal.regions.length === 0);
}

export function hasZone(principal: Principal, zone: ZoneRef): boolean {
  return seesAllZones(principal) || principal.zones.includes(zone.code) || principal.regions.includes(zone.regionCode);
}

/** The zone scope to pass to the query layer: null means every zone. */
export function zoneScope(principal: Principal): { zones: readonly string[]; regions: readonly string[] } | null {
  return seesAllZones(principal) ? null : { zones: principal.zones, regions: principal.regions };
}

/** The decision: may `principal` do `permission`, in `zone` when the action concerns one? */
export function can(principal: Principal, permission: Permission, zone?: ZoneRef | null): boolean {
  if (principal.readOnly && permission !== "zone.read" && permission !== "imports.read") return false;
  if (!GRANTS[principal.role].includes(permission)) return false;
  if (!zone) return true;
  return hasZone(principal, zone);
}

/** The zones a principal may see, out of all zones. */
export function accessibleZones<T extends ZoneRef>(principal: Principal, zones: readonly T[]): T[] {
  return zones.filter((z) => hasZone(principal, z));
}

/**
 * Whether small counts of people reach this principal unprotected (issue:
 * numbers a mayor can trust). The Conferenza role and API tokens get the
 * disclosure-controlled values, unless an administrator granted the token
 * "dati non protetti"; the zone's own planners, analysts, administrators and
 * the local command line see raw values (marked "non pubblicabile" on pages).
 * The query layer asks this one function; no page decides it on its own.
 */
export function seesUnprotectedCounts(principal: Principal): boolean {
  if (principal.kind === "local") return true;
  if (principal.kind === "token") return principal.unprotectedData === true;
  return principal.role !== "conferenza";
}

/** An API token as stored: the zones, regions and grant an administrator gave it. */
export interface TokenGrant {
  id: string;
  name: string;
  zones: readonly string[];
  regions: readonly string[];
  unprotectedData: boolean;
}

/**
 * What an API token may read now: never more than the user it belongs to may
 * read now. `owner` is that user's current principal, null when the account is
 * disabled or deleted (the token is then refused). The zones are those the
 * token was given that the owner still sees; a region stays whole only while
 * the owner holds the whole region. A Conferenza owner gives a Conferenza
 * token; "dati non protetti" holds only while the owner sees unprotected counts.
 */
export function tokenPrincipal(token: TokenGrant, owner: Principal | null, allZones: readonly ZoneRef[]): Principal | null {
  if (!owner || owner.kind !== "user") return null;
  let zones: readonly string[] = token.zones;
  let regions: readonly string[] = token.regions;
  if (!seesAllZones(owner)) {
    const kept = token.regions.filter((r) => owner.regions.includes(r));
    zones = allZones
      .filter((z) => token.zones.includes(z.code) || token.regions.includes(z.regionCode))
      .filter((z) => hasZone(owner, z) && !kept.includes(z.regionCode))
      .map((z) => z.code)
      .sort();
    regions = kept;
  }
  return {
    kind: "token",
    id: token.id,
    label: `token ${token.name}`,
    role: owner.role === "conferenza" ? "conferenza" : "pianificatore",
    zones,
    regions,
    readOnly: true,
    unprotectedData: token.unprotectedData && seesUnprotectedCounts(owner),
  };
}

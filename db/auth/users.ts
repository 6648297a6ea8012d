import { createHash, randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";
import type { Db } from "../queries/zones";
import { toNumber } from "../queries/convert";
import { hasZone, isRole, ROLE_LABELS_IT, seesAllZones, seesUnprotectedCounts, tokenPrincipal, type Principal, type Role, type ZoneRef } from "@/lib/auth/roles";
import { authOptions, MIN_PASSWORD_LENGTH } from "./config";

/**
 * Accounts, grants, API tokens and the login lockout. Users are created here
 * (CLI, admin page, demo), never by public sign-up; passwords are hashed by
 * better-auth (scrypt).
 */
/** The part of a better-auth instance this module uses (structural, so any configured instance fits). */
interface AuthLike {
  $context: Promise<{
    password: { hash(password: string): Promise<string> };
    internalAdapter: {
      createUser(user: { email: string; name: string; emailVerified: boolean; role: string }, source: { method: string }): Promise<{ id: string }>;
      linkAccount(account: { userId: string; providerId: string; accountId: string; password: string }): Promise<unknown>;
      updatePassword(userId: string, password: string): Promise<void>;
      deleteUserSessions(userId: string): Promise<void>;
    };
  }>;
}

export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

export function generatePassword(): string {
  // 18 random bytes → 24 characters of base64url: well above the minimum length.
  return randomBytes(18).toString("base64url");
}

/** An auth instance for command-line tools, on an already opened database. */
export function standaloneAuth(db: Kysely<Database>, secret: string) {
  return betterAuth(authOptions(db, secret, "http://localhost", false));
}

export interface NewUser {
  email: string;
  name?: string;
  role: Role;
  zones?: readonly string[];
  regions?: readonly string[];
  password?: string;
  /** Conferenza users only: the comune (ISTAT code, in their zones) whose page they land on. */
  comune?: string;
}

async function checkGrants(db: Db, zones: readonly string[], regions: readonly string[]) {
  for (const z of zones) {
    if (!(await db.selectFrom("zone").select("code").where("code", "=", z).executeTakeFirst())) throw new UserError(`Zona sociale "${z}" sconosciuta.`);
  }
  for (const r of regions) {
    if (!(await db.selectFrom("region").select("code").where("code", "=", r).executeTakeFirst())) throw new UserError(`Regione "${r}" sconosciuta.`);
  }
}

export async function createUser(db: Kysely<Database>, auth: AuthLike, input: NewUser): Promise<{ id: string; email: string; password: string }> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new UserError(`Indirizzo e-mail non valido: ${input.email}`);
  if (!isRole(input.role)) throw new UserError(`Ruolo sconosciuto: ${String(input.role)}`);
  const zones = [...new Set(input.zones ?? [])];
  const regions = [...new Set(input.regions ?? [])];
  if (input.role !== "admin" && zones.length === 0 && regions.length === 0) {
    throw new UserError("Indicare almeno una zona (--zona UMB-11) o una regione (--regione 10).");
  }
  await checkGrants(db, zones, regions);
  if (input.comune !== undefined) {
    const refusal = await comuneRefusal(db, { email, role: input.role, zones, regions }, input.comune);
    if (refusal) throw new UserError(refusal);
  }
  const password = input.password ?? generatePassword();
  if (password.length < MIN_PASSWORD_LENGTH) throw new UserError(`La password deve avere almeno ${MIN_PASSWORD_LENGTH} caratteri.`);
  if (await db.selectFrom("auth_user").select("id").where("email", "=", email).executeTakeFirst()) {
    throw new UserError(`Esiste già un utente con e-mail ${email}.`);
  }
  const ctx = await auth.$context;
  const user = await ctx.internalAdapter.createUser({ email, name: input.name ?? email, emailVerified: true, role: input.role }, { method: "admin" });
  await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: await ctx.password.hash(password) });
  if (zones.length) await db.insertInto("user_zone").values(zones.map((zone_code) => ({ user_id: user.id, zone_code }))).execute();
  if (regions.length) await db.insertInto("user_region").values(regions.map((region_code) => ({ user_id: user.id, region_code }))).execute();
  if (input.comune !== undefined) await db.insertInto("user_comune").values({ user_id: user.id, comune_istat: input.comune }).execute();
  return { id: user.id, email, password };
}

export async function setPassword(db: Kysely<Database>, auth: AuthLike, userId: string, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new UserError(`La password deve avere almeno ${MIN_PASSWORD_LENGTH} caratteri.`);
  const ctx = await auth.$context;
  await ctx.internalAdapter.updatePassword(userId, await ctx.password.hash(password));
  // Every open session of the user ends: a reset locks out whoever had the old password.
  await ctx.internalAdapter.deleteUserSessions(userId);
  await db.deleteFrom("login_attempt").where("email", "=", (await userEmail(db, userId)) ?? "").execute();
}

/** Closes every session of a user but the one with `keepToken` (after a password change). */
export async function endOtherSessions(db: Db, userId: string, keepToken: string): Promise<number> {
  const result = await sql`delete from "auth_session" where "userId" = ${userId} and "token" <> ${keepToken}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

async function userEmail(db: Db, userId: string): Promise<string | null> {
  return (await db.selectFrom("auth_user").select("email").where("id", "=", userId).executeTakeFirst())?.email ?? null;
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  zones: string[];
  regions: string[];
  /** Disabled by an administrator: cannot sign in, open sessions are closed. */
  disabled: boolean;
  /** The comune a Conferenza user is bound to (ISTAT code), or null. */
  comune: string | null;
  createdAt: string;
}

/** Users with their grants; with `userId`, just that user. */
export async function listUsers(db: Db, userId?: string): Promise<UserSummary[]> {
  let users = db.selectFrom("auth_user").select(["id", "email", "name", "role", "banned", "createdAt"]).orderBy("email");
  let zones = db.selectFrom("user_zone").selectAll();
  let regions = db.selectFrom("user_region").selectAll();
  let comuni = db.selectFrom("user_comune").selectAll();
  if (userId !== undefined) {
    users = users.where("id", "=", userId);
    zones = zones.where("user_id", "=", userId);
    regions = regions.where("user_id", "=", userId);
    comuni = comuni.where("user_id", "=", userId);
  }
  const [u, z, r, c] = await Promise.all([users.execute(), zones.execute(), regions.execute(), comuni.execute()]);
  return u.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: isRole(user.role) ? user.role : "conferenza",
    zones: z.filter((g) => g.user_id === user.id).map((g) => g.zone_code).sort(),
    regions: r.filter((g) => g.user_id === user.id).map((g) => g.region_code).sort(),
    disabled: user.banned === true,
    comune: c.find((b) => b.user_id === user.id)?.comune_istat ?? null,
    createdAt: new Date(user.createdAt).toISOString(),
  }));
}

export async function findUserByEmail(db: Db, email: string): Promise<UserSummary | null> {
  const row = await db.selectFrom("auth_user").select("id").where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  return row ? ((await listUsers(db, row.id))[0] ?? null) : null;
}

/**
 * The principal of a signed-in user: role and grants from the database, never
 * from the cookie, so a change of role or zones applies at the next request.
 * A disabled user has no principal even if a session survived.
 */
export async function principalOfUser(db: Db, userId: string): Promise<Principal | null> {
  const user = (await listUsers(db, userId))[0];
  if (!user || user.disabled) return null;
  const principal: Principal = { kind: "user", id: user.id, label: user.email, role: user.role, zones: user.zones, regions: user.regions, readOnly: false };
  return user.comune ? { ...principal, comuneIstat: user.comune } : principal;
}

/**
 * Why `comune` cannot be the comune of this user, or null when it can: only a
 * Conferenza di zona user, and only a comune of one of their zones (granted
 * one by one or through the region).
 */
async function comuneRefusal(db: Db, user: Pick<UserSummary, "email" | "role" | "zones" | "regions">, istat: string): Promise<string | null> {
  if (user.role !== "conferenza") return `Solo un utente della Conferenza di zona può avere un comune (${user.email} è ${ROLE_LABELS_IT[user.role]}).`;
  const comune = await db
    .selectFrom("comune")
    .leftJoin("zone", "zone.code", "comune.zone_code")
    .select(["comune.name", "comune.zone_code", "zone.region_code", "comune.suppressed_on"])
    .where("comune.istat", "=", istat)
    .executeTakeFirst();
  if (!comune) return `Comune con codice ISTAT "${istat}" sconosciuto.`;
  if (comune.suppressed_on) return `Il comune di ${comune.name} (${istat}) è soppresso.`;
  const inZones =
    comune.zone_code !== null && (user.zones.includes(comune.zone_code) || (comune.region_code !== null && user.regions.includes(comune.region_code)));
  if (!inZones) return `Il comune di ${comune.name} (${istat}) non è in una zona di ${user.email} (${user.zones.join(", ") || "nessuna zona"}).`;
  return null;
}

/**
 * Binds a Conferenza user to a comune of their zones, or removes the binding
 * with null. Returns the comune before and after (for the audit log).
 */
export async function setUserComune(db: Kysely<Database>, userId: string, istat: string | null): Promise<{ user: UserSummary; before: string | null }> {
  const before = await db.transaction().execute(async (trx) => {
    const user = (await listUsers(trx, userId))[0];
    if (!user) throw new UserError("Utente non trovato.");
    if (istat === null) {
      await trx.deleteFrom("user_comune").where("user_id", "=", userId).execute();
      return user.comune;
    }
    if (!/^\d{6}$/.test(istat)) throw new UserError(`Codice ISTAT del comune non valido: "${istat}" (6 cifre, es. 055022).`);
    const refusal = await comuneRefusal(trx, user, istat);
    if (refusal) throw new UserError(refusal);
    await trx
      .insertInto("user_comune")
      .values({ user_id: userId, comune_istat: istat })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ comune_istat: istat }))
      .execute();
    return user.comune;
  });
  return { user: (await listUsers(db, userId))[0] as UserSummary, before };
}

async function activeAdmins(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("auth_user")
    .select("id")
    .where("role", "=", "admin")
    .where((eb) => eb.or([eb("banned", "is", null), eb("banned", "=", false)]))
    .execute();
  return rows.map((r) => r.id);
}

async function refuseLastAdmin(db: Db, userId: string): Promise<void> {
  const admins = await activeAdmins(db);
  if (admins.length === 1 && admins[0] === userId) {
    throw new UserError("È l'unico amministratore attivo: crearne prima un altro.");
  }
}

/** Replaces a user's role and grants (in one transaction). Returns the user as it is now. */
export async function updateUserAccess(
  db: Kysely<Database>,
  userId: string,
  input: { role: Role; zones: readonly string[]; regions: readonly string[] },
): Promise<UserSummary> {
  if (!isRole(input.role)) throw new UserError(`Ruolo sconosciuto: ${String(input.role)}`);
  const zones = [...new Set(input.zones)];
  const regions = [...new Set(input.regions)];
  if (input.role !== "admin" && zones.length === 0 && regions.length === 0) {
    throw new UserError("Indicare almeno una zona o una regione: un utente senza zone non vedrebbe nulla.");
  }
  await db.transaction().execute(async (trx) => {
    const user = (await listUsers(trx, userId))[0];
    if (!user) throw new UserError("Utente non trovato.");
    if (user.role === "admin" && input.role !== "admin") await refuseLastAdmin(trx, userId);
    await checkGrants(trx, zones, regions);
    await trx.updateTable("auth_user").set({ role: input.role }).where("id", "=", userId).execute();
    await trx.deleteFrom("user_zone").where("user_id", "=", userId).execute();
    await trx.deleteFrom("user_region").where("user_id", "=", userId).execute();
    if (zones.length) await trx.insertInto("user_zone").values(zones.map((zone_code) => ({ user_id: userId, zone_code }))).execute();
    if (regions.length) await trx.insertInto("user_region").values(regions.map((region_code) => ({ user_id: userId, region_code }))).execute();
    // A comune outside the new zones, or a role other than Conferenza, ends the binding.
    if (user.comune && (await comuneRefusal(trx, { ...user, role: input.role, zones, regions }, user.comune))) {
      await trx.deleteFrom("user_comune").where("user_id", "=", userId).execute();
    }
  });
  return (await listUsers(db, userId))[0] as UserSummary;
}

/**
 * Disables (or re-enables) an account. A disabled user cannot sign in
 * (better-auth's admin plugin refuses the session) and every open session ends now.
 */
export async function setUserDisabled(db: Kysely<Database>, userId: string, disabled: boolean): Promise<UserSummary> {
  await db.transaction().execute(async (trx) => {
    const user = (await listUsers(trx, userId))[0];
    if (!user) throw new UserError("Utente non trovato.");
    if (disabled && user.role === "admin") await refuseLastAdmin(trx, userId);
    await trx.updateTable("auth_user").set({ banned: disabled }).where("id", "=", userId).execute();
    if (disabled) await sql`delete from "auth_session" where "userId" = ${userId}`.execute(trx);
  });
  return (await listUsers(db, userId))[0] as UserSummary;
}

// ---- API tokens ----------------------------------------------------------

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates a read-only API token for `createdBy`, the user it belongs to: it reads
 * at most what that user reads at each request (tokenPrincipal). The plain token
 * is returned once and never stored.
 */
export async function createApiToken(
  db: Db,
  input: { name: string; zones: readonly string[]; regions: readonly string[]; createdBy: string; unprotectedData?: boolean },
): Promise<{ id: number; token: string }> {
  if (input.zones.length === 0 && input.regions.length === 0) throw new UserError("Un token deve valere per almeno una zona o una regione.");
  await checkGrants(db, input.zones, input.regions);
  const owner = await principalOfUser(db, input.createdBy);
  if (!owner) throw new UserError("L'utente a cui appartiene il token non esiste o è disattivato.");
  if (!seesAllZones(owner)) {
    // A token never reads more than its user (tokenPrincipal): refuse now what it could never use.
    const refs = await zoneRefs(db);
    const unseen = [
      ...input.zones.filter((code) => !refs.some((z) => z.code === code && hasZone(owner, z))),
      ...input.regions.filter((r) => !owner.regions.includes(r)).map((r) => `regione ${r}`),
    ];
    if (unseen.length) throw new UserError(`${owner.label} non vede ${unseen.join(", ")}: il suo token non può averle.`);
  }
  if (input.unprotectedData && !seesUnprotectedCounts(owner)) {
    throw new UserError(`${owner.label} (${ROLE_LABELS_IT[owner.role]}) non vede i dati non protetti: il suo token non può averli.`);
  }
  const token = `osv_${randomBytes(24).toString("base64url")}`;
  const row = await db
    .insertInto("api_token")
    .values({
      name: input.name,
      token_hash: hashToken(token),
      zones: [...input.zones],
      regions: [...input.regions],
      created_by: input.createdBy,
      unprotected_data: input.unprotectedData === true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: toNumber(row.id), token };
}

export async function revokeApiToken(db: Db, id: number): Promise<boolean> {
  const result = await db.updateTable("api_token").set({ revoked_at: new Date() }).where("id", "=", id).where("revoked_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listApiTokens(db: Db) {
  const rows = await db
    .selectFrom("api_token")
    .leftJoin("auth_user", "auth_user.id", "api_token.created_by")
    .select([
      "api_token.id",
      "api_token.name",
      "api_token.zones",
      "api_token.regions",
      "api_token.unprotected_data",
      "api_token.created_at",
      "api_token.last_used_at",
      "api_token.revoked_at",
      "auth_user.email as owner_email",
      "auth_user.banned as owner_banned",
    ])
    .orderBy("api_token.id", "desc")
    .execute();
  return rows.map(({ owner_banned, ...r }) => ({ ...r, id: toNumber(r.id), owner_disabled: owner_banned === true }));
}

/**
 * The principal of a bearer token, checked at every request against the user
 * it belongs to as that user is now (disabled, deleted, role and zones): see
 * tokenPrincipal. Null for an unknown, revoked or orphaned token.
 */
export async function principalOfToken(db: Db, token: string): Promise<Principal | null> {
  const row = await db
    .selectFrom("api_token")
    .select(["id", "name", "zones", "regions", "unprotected_data", "created_by"])
    .where("token_hash", "=", hashToken(token))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (!row || row.created_by === null) return null;
  const owner = await principalOfUser(db, row.created_by);
  const allZones = owner && !seesAllZones(owner) ? await zoneRefs(db) : [];
  const principal = tokenPrincipal(
    { id: String(row.id), name: row.name, zones: row.zones, regions: row.regions, unprotectedData: row.unprotected_data },
    owner,
    allZones,
  );
  if (!principal) return null;
  await db.updateTable("api_token").set({ last_used_at: new Date() }).where("id", "=", row.id).execute();
  return principal;
}

async function zoneRefs(db: Db): Promise<ZoneRef[]> {
  const rows = await db.selectFrom("zone").select(["code", "region_code"]).execute();
  return rows.map((z) => ({ code: z.code, regionCode: z.region_code }));
}

// ---- Login lockout -------------------------------------------------------

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;
/** An address from which the account signed in within this many days is known to it (see lockedUntil). */
export const KNOWN_ADDRESS_DAYS = 30;

/**
 * Locked after LOCKOUT_FAILURES failed logins in LOCKOUT_MINUTES with no success
 * since. From an address where the account signed in successfully in the last
 * KNOWN_ADDRESS_DAYS only the failures from that same address count, so that an
 * attacker guessing from anywhere else cannot keep the user out (docs/sicurezza.md).
 */
export async function lockedUntil(db: Db, email: string, now = new Date(), ip: string | null = null): Promise<Date | null> {
  const address = email.trim().toLowerCase();
  const since = new Date(now.getTime() - LOCKOUT_MINUTES * 60_000);
  const known = ip !== null && (await isKnownAddress(db, address, ip, now));
  let recent = db
    .selectFrom("login_attempt")
    .select(["at", "success"])
    .where("email", "=", address)
    .where("at", ">", since)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(LOCKOUT_FAILURES);
  if (known) recent = recent.where("ip", "=", ip);
  const rows = await recent.execute();
  if (rows.length < LOCKOUT_FAILURES || rows.some((r) => r.success)) return null;
  const last = new Date((rows[0] as { at: Date }).at);
  return new Date(last.getTime() + LOCKOUT_MINUTES * 60_000);
}

async function isKnownAddress(db: Db, email: string, ip: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000);
  const row = await db
    .selectFrom("login_attempt")
    .select("id")
    .where("email", "=", email)
    .where("ip", "=", ip)
    .where("success", "=", true)
    .where("at", ">", since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a finished attempt; returns its id. */
export async function recordLoginAttempt(db: Db, email: string, success: boolean, ip: string | null, at?: Date): Promise<number> {
  const row = await db
    .insertInto("login_attempt")
    .values({ email: email.trim().toLowerCase(), success, ip, ...(at ? { at } : {}) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return toNumber(row.id);
}

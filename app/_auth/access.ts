import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { serverAuth } from "@/db/auth/server";
import { serverDb, isLocalToken } from "@/db/server";
import { principalOfToken, principalOfUser } from "@/db/auth/users";
import { can, type Permission, type Principal } from "@/lib/auth/roles";
import { jsonError } from "@/app/api/v1/_shared/respond";
import { REQUESTED_PATH_HEADER, safeNextPath } from "@/lib/auth/request";

/**
 * The one place where pages, server actions and API routes check who is
 * asking and what they may do (the rules are in lib/auth/roles.ts).
 */

/** The command line of the same system user, handing work to the server (db/lock.ts). */
const LOCAL_PRINCIPAL: Principal = { kind: "local", id: "local", label: "riga di comando", role: "admin", zones: [], regions: [], readOnly: false };

async function zoneRef(code: string) {
  const zone = await (await serverDb()).selectFrom("zone").select(["code", "region_code"]).where("code", "=", code).executeTakeFirst();
  return zone ? { code: zone.code, regionCode: zone.region_code } : null;
}

/** The signed-in user of this request, or null. */
export async function currentPrincipal(): Promise<Principal | null> {
  const auth = await serverAuth();
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) return null;
  return principalOfUser(await serverDb(), session.user.id);
}

/** The login page, with the page asked for as `next` when it is a plain GET of a page. */
async function loginUrl(): Promise<string> {
  const h = await headers();
  const path = h.has("next-action") ? undefined : safeNextPath(h.get(REQUESTED_PATH_HEADER));
  return path && path !== "/" ? `/accesso?next=${encodeURIComponent(path)}` : "/accesso";
}

/**
 * For pages and server actions: signed in, with the permission (in the zone,
 * when given). Anonymous → the login page; not allowed → the "access denied" page.
 */
export async function requirePage(permission: Permission, zoneCode?: string): Promise<Principal> {
  const principal = await currentPrincipal();
  if (!principal) redirect(await loginUrl());
  if (zoneCode) {
    const zone = await zoneRef(zoneCode);
    // An unknown zone and a zone of others look the same: no information leaks.
    if (!zone || !can(principal, permission, zone)) redirect("/accesso-negato");
  } else if (!can(principal, permission)) {
    redirect("/accesso-negato");
  }
  return principal;
}

/** The principal of an API request: bearer token (API token or the CLI's local token) or session cookie. */
async function apiPrincipal(request: Request): Promise<Principal | null> {
  const authorization = request.headers.get("authorization");
  if (authorization?.startsWith("Bearer ")) {
    const token = authorization.slice("Bearer ".length).trim();
    if (isLocalToken(token)) return LOCAL_PRINCIPAL;
    return principalOfToken(await serverDb(), token);
  }
  const auth = await serverAuth();
  const session = await auth.api.getSession({ headers: request.headers });
  return session ? principalOfUser(await serverDb(), session.user.id) : null;
}

/**
 * For API routes that must look something up (a batch, a comune) before they
 * know which zone to check: who is asking, or the 401 to return. Call it
 * before the lookup, so that an anonymous request cannot tell which ids exist.
 */
export async function authenticateApi(request: Request): Promise<Principal | Response> {
  const principal = await apiPrincipal(request);
  return principal ?? jsonError(401, "Autenticazione richiesta: accedere o usare un token API (Authorization: Bearer …).");
}

/**
 * For API routes: the principal, or the JSON error response to return
 * (401 without credentials, 403 without the permission, 404 for an unknown zone).
 * Takes the request, or the principal that authenticateApi already returned.
 */
export async function requireApi(who: Request | Principal, permission: Permission, zoneCode?: string | null): Promise<Principal | Response> {
  const principal = who instanceof Request ? await authenticateApi(who) : who;
  if (principal instanceof Response || principal.kind === "local") return principal;
  if (zoneCode) {
    const zone = await zoneRef(zoneCode);
    if (!zone) return jsonError(404, `Zona sociale "${zoneCode}" non trovata.`);
    if (!can(principal, permission, zone)) return jsonError(403, `Nessun accesso alla zona ${zoneCode} per questa operazione.`);
  } else if (!can(principal, permission)) {
    return jsonError(403, "Operazione non consentita per questo profilo.");
  }
  return principal;
}

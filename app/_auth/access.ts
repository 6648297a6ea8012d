import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { serverAuth } from "@/db/auth/server";
import { serverDb, isLocalToken } from "@/db/server";
import { principalOfToken, principalOfUser } from "@/db/auth/users";
import { zoneRegion } from "@/db/queries/zones";
import { can, type Permission, type Principal } from "@/lib/auth/roles";
import { problemResponse } from "@/lib/api/problem";
import { ZONE_CODE } from "@/lib/api/params";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { REQUESTED_PATH_HEADER, safeNextPath } from "@/lib/auth/request";
import { installRequestStore } from "@/db/queries/request-memo";

// The catalogue, a zone's comuni and years are read once per server render (db/queries/request-memo.ts).
installRequestStore(cache(() => new Map<string, Promise<unknown>>()));

/**
 * The one place where pages, server actions and API routes check who is
 * asking and what they may do (the rules are in lib/auth/roles.ts).
 */

/** The command line of the same system user, handing work to the server (db/lock.ts). */
const LOCAL_PRINCIPAL: Principal = { kind: "local", id: "local", label: "riga di comando", role: "admin", zones: [], regions: [], readOnly: false };

/** A zone's region, once per request (React cache: the layout and the page both check it). */
const zoneRef = cache(async (code: string) => {
  // A malformed code (a NUL byte, say) is no zone: never sent to the database, where it would fail.
  if (!ZONE_CODE.test(code)) return null;
  return zoneRegion(await serverDb(), code);
});

/**
 * The signed-in user of this request, or null. Resolved once per request
 * (React cache): the layout, the page and its components all ask.
 */
export const currentPrincipal = cache(async (): Promise<Principal | null> => {
  const auth = await serverAuth();
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) return null;
  return principalOfUser(await serverDb(), session.user.id);
});

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
/**
 * For API routes that must look something up (a batch, a comune) before they
 * know which zone to check: who is asking, or the 401 to return. Call it
 * before the lookup, so that an anonymous request cannot tell which ids exist.
 */
export async function authenticateApi(request: Request): Promise<Principal | Response> {
  const principal = await apiPrincipal(request);
  return principal ?? problemResponse(new UnauthenticatedError("Autenticazione richiesta: accedere o usare un token API (Authorization: Bearer …)."), request);
}

/**
 * For API routes: the principal, or the problem+json response to return
 * (401 without credentials, 403 without the permission, 404 for an unknown zone).
 * Takes the request, or the principal that authenticateApi already returned
 * (then the problem has no `instance`: the route knows the path, this helper does not).
 */
export async function requireApi(who: Request | Principal, permission: Permission, zoneCode?: string | null): Promise<Principal | Response> {
  const principal = who instanceof Request ? await authenticateApi(who) : who;
  if (principal instanceof Response || principal.kind === "local") return principal;
  const instance = who instanceof Request ? who : "";
  if (zoneCode) {
    const zone = await zoneRef(zoneCode);
    if (!zone) return problemResponse(new NotFoundError(`Zona sociale "${zoneCode}" non trovata.`), instance);
    if (!can(principal, permission, zone)) return problemResponse(new ForbiddenError(`Nessun accesso alla zona ${zoneCode} per questa operazione.`), instance);
  } else if (!can(principal, permission)) {
    return problemResponse(new ForbiddenError("Operazione non consentita per questo profilo."), instance);
  }
  return principal;
}

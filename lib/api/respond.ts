import { createHash } from "node:crypto";
import { env, trustedProxies } from "@/lib/env";
import { clientAddress, headersBehindProxy } from "@/lib/auth/client-address";
import { TooManyRequestsError } from "@/lib/errors";
import { asAppError, problemResponse } from "./problem";
import { RateLimiter, rateLimitHeaders, type RateLimitPolicy } from "./rate-limit";

/**
 * What every API and download handler runs through: the rate limit, typed
 * errors → problem+json, unexpected errors → a 500 without internals (the
 * details go to the server log), and JSON answers with ETag and Cache-Control.
 */

/**
 * One limiter per process: kept on globalThis because the bundler may give
 * each route its own copy of this module, and a client must be counted once.
 */
const LIMITER = Symbol.for("osservatorio.api.rateLimiter");
type Limiter = { policy: RateLimitPolicy; limiter: RateLimiter };
function apiLimiter(): Limiter {
  const holder = globalThis as { [LIMITER]?: Limiter };
  if (!holder[LIMITER]) {
    const config = env();
    const policy = { limit: config.OSSERVATORIO_API_RATE_LIMIT, windowSeconds: config.OSSERVATORIO_API_RATE_WINDOW_S };
    holder[LIMITER] = { policy, limiter: new RateLimiter(policy) };
  }
  return holder[LIMITER];
}

const digest = (value: string) => createHash("sha256").update(value).digest("base64url").slice(0, 22);

/**
 * Whom a request is counted against: the bearer token or the session cookie
 * it presents (hashed: the key never holds a credential), else the client address.
 */
export function clientKey(request: Request, options: ApiOptions = {}): string {
  const authorization = request.headers.get("authorization");
  if (authorization?.startsWith("Bearer ")) return `token:${digest(authorization.slice(7).trim())}`;
  const session = /(?:^|;\s*)(?:__Secure-)?osservatorio\.session_token=([^;]+)/.exec(request.headers.get("cookie") ?? "")?.[1];
  if (session) return `session:${digest(session)}`;
  // The same address as the login limit: forwarding headers believed only from OSSERVATORIO_TRUSTED_PROXY.
  const headers = options.outsideProxy ? headersBehindProxy(request.headers) : request.headers;
  return `address:${clientAddress(headers, trustedProxies()) ?? "sconosciuto"}`;
}

export interface ApiOptions {
  /** The route is not matched by proxy.ts (the upload): its forwarding headers are read through headersBehindProxy. */
  outsideProxy?: boolean;
}

/** Runs a handler under the rate limit, answering every error as problem+json. */
export async function handleApi(request: Request, run: () => Promise<Response>, options: ApiOptions = {}): Promise<Response> {
  const { policy, limiter: counter } = apiLimiter();
  const decision = counter.consume(clientKey(request, options));
  const limitHeaders = rateLimitHeaders(decision, policy);
  if (!decision.allowed) {
    const error = new TooManyRequestsError(
      `Troppe richieste: il limite è di ${policy.limit} ogni ${policy.windowSeconds} secondi. Riprovare tra ${decision.resetSeconds} secondi.`,
      decision.resetSeconds,
    );
    return problemResponse(error, request, limitHeaders);
  }
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    if (!asAppError(error)) console.error("[api]", error);
    response = problemResponse(error, request);
  }
  for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
  return response;
}

/** Reads vary by who asks: cached only by the client, and revalidated every time (an import may change them). */
export const READ_CACHE_CONTROL = "private, no-cache";

/**
 * A JSON answer to a read, with a strong ETag of its bytes: a client that
 * sends it back in If-None-Match gets 304 without a body.
 */
export function jsonRead(request: Request, body: unknown, headers: HeadersInit = {}): Response {
  const text = JSON.stringify(body);
  const etag = `"${digest(text)}"`;
  const out = new Headers(headers);
  out.set("etag", etag);
  out.set("cache-control", READ_CACHE_CONTROL);
  out.set("vary", "Authorization, Cookie");
  if (matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers: out });
  // A caller may answer another JSON type (application/ld+json for the open data catalogue).
  if (!out.has("content-type")) out.set("content-type", "application/json; charset=utf-8");
  return new Response(text, { status: 200, headers: out });
}

/** If-None-Match: a list of entity tags (weak or strong, compared weakly as RFC 9110 says for GET) or `*`. */
export function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => bare(tag) === bare(etag));
}

/** A JSON answer to a write: never cached. */
export function jsonWrite(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
}

/** A page of a list, with the next page also in a Link header (RFC 8288) for clients that follow those. */
export function jsonList(request: Request, page: { items: unknown[]; next: string | null }): Response {
  return jsonRead(request, page, page.next ? { link: `<${page.next}>; rel="next"` } : {});
}

import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/request";
import { setAsideForwardingHeaders } from "@/lib/auth/client-address";
import { ForbiddenError } from "@/lib/errors";
import { problemResponse } from "@/lib/api/problem";

/**
 * Runs before every route (Next 16 "proxy", formerly middleware):
 * - refuses a state-changing request that a browser sends from another site
 *   (Origin or Sec-Fetch-Site), before it reaches a route handler or a server action;
 * - sets a strict Content-Security-Policy with a fresh nonce, which Next adds
 *   to its own inline scripts (every page is rendered per request, see app/layout.tsx);
 * - sets HSTS when the app is served over HTTPS;
 * - sets the client's X-Forwarded-For / X-Real-IP aside, so that Next fills
 *   X-Forwarded-For with the socket address (lib/auth/client-address.ts).
 * The static security headers (frame, referrer, permissions policies) are in next.config.mjs.
 */
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (charts, progress bars) need 'unsafe-inline' for styles only; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * Whether a request may change state. Browsers send Origin (and Sec-Fetch-Site)
 * on every cross-origin POST and cannot forge them; a request without either
 * is not a browser's cross-site request (command-line tools authenticate with
 * a bearer token, not with cookies).
 */
export function isSameOriginRequest(headers: Headers, publicUrl: string | undefined): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const origin = headers.get("origin");
  if (!origin) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false; // "null" (sandboxed frames, some redirects) or garbage
  }
  const hosts = [headers.get("x-forwarded-host"), headers.get("host")].filter((h): h is string => Boolean(h));
  if (publicUrl) hosts.push(new URL(publicUrl).host);
  return hosts.includes(originHost);
}

function isHttps(request: NextRequest): boolean {
  return request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

export function proxy(request: NextRequest) {
  if (UNSAFE_METHODS.has(request.method) && !isSameOriginRequest(request.headers, env().BETTER_AUTH_URL)) {
    return problemResponse(new ForbiddenError("Richiesta da un'origine non consentita."), request);
  }
  const https = isHttps(request);
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // The requested page, so that the login can send the user back to it (always overwritten: never the client's value).
  requestHeaders.set(REQUESTED_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  // Believed later only if the socket peer is a trusted proxy.
  setAsideForwardingHeaders(requestHeaders);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return response;
}

export const config = {
  // Every request but static files: prefetches too, so that no POST escapes the origin check.
  // Except the file upload: for a request it handles, Next buffers the body in memory and passes
  // on only its first 10 MB (experimental.proxyClientMaxBodySize), so a large file would arrive
  // cut. That route streams the body to disk, makes the origin check itself and reads the
  // client address through headersBehindProxy (app/api/v1/imports/route.ts, lib/auth/client-address.ts).
  // Only that exact path: its sub-routes (revert) stay here.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/v1/imports$).*)"],
};

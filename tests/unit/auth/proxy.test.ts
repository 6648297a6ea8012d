import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { contentSecurityPolicy, isSameOriginRequest, proxy } from "@/proxy";

const post = (headers: Record<string, string>, url = "http://localhost:3000/api/v1/imports") =>
  new NextRequest(url, { method: "POST", headers: { host: "localhost:3000", ...headers } });

describe("proxy", () => {
  it("builds a strict CSP: nonce and strict-dynamic for scripts, no framing, no plugins", () => {
    const csp = contentSecurityPolicy("abc", { dev: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("abc", { dev: true, https: true })).toMatch(/unsafe-eval.*upgrade-insecure-requests/);
  });

  it("accepts same-origin and header-less (command-line) requests, refuses other sites", () => {
    expect(isSameOriginRequest(new Headers({ host: "localhost:3000", origin: "http://localhost:3000" }), undefined)).toBe(true);
    expect(isSameOriginRequest(new Headers({ host: "localhost:3000" }), undefined)).toBe(true);
    expect(isSameOriginRequest(new Headers({ host: "localhost:3000", origin: "https://attaccante.example" }), undefined)).toBe(false);
    expect(isSameOriginRequest(new Headers({ host: "localhost:3000", origin: "null" }), undefined)).toBe(false);
    expect(isSameOriginRequest(new Headers({ host: "localhost:3000", "sec-fetch-site": "cross-site" }), undefined)).toBe(false);
    expect(isSameOriginRequest(new Headers({ host: "localhost:3000", "sec-fetch-site": "same-site" }), undefined)).toBe(false);
    // Behind a reverse proxy that rewrites Host: the public address counts.
    expect(isSameOriginRequest(new Headers({ host: "127.0.0.1:3000", origin: "https://osservatorio.example.it" }), "https://osservatorio.example.it")).toBe(true);
  });

  it("answers 403 to a cross-site POST and sets CSP and nonce on the others", async () => {
    const refused = proxy(post({ origin: "https://attaccante.example" }));
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(await refused.json()).toMatchObject({ status: 403, title: "Accesso negato" });
    const page = proxy(new NextRequest("http://localhost:3000/zone/UMB-11", { headers: { host: "localhost:3000" } }));
    const csp = page.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(page.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(page.headers.get("strict-transport-security")).toBeNull();
    const secure = proxy(new NextRequest("http://localhost:3000/", { headers: { host: "localhost:3000", "x-forwarded-proto": "https" } }));
    expect(secure.headers.get("strict-transport-security")).toContain("max-age=");
  });
});

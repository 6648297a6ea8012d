import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser, loginAs } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";
import { OTHER_ZONE_USER } from "./global-setup";
import { HANDLER_CASES, PAGE_CASES, WHO, type RouteCase, type Who } from "./auth-routes";

/**
 * Walks every page and route handler (tests/e2e/auth-routes.ts, kept complete
 * by tests/unit/auth/route-inventory.test.ts) as every role, as a user of
 * another zone and anonymously, and asserts allow or deny for each.
 */
const baseUrl = inject("baseUrl");
const apiToken = inject("apiToken");

function credentials(who: Who): { email: string; password: string } | null {
  if (who === "anonimo") return null;
  if (who === "altra zona") return OTHER_ZONE_USER;
  const user = DEMO_USERS.find((u) => u.role === who);
  return user ? { email: user.email, password: user.password } : null;
}

const label = (c: RouteCase) => `${c.method} ${c.path}`;

describe("authorization walk", () => {
  let browser: Browser;
  const contexts = new Map<Who, BrowserContext>();
  beforeAll(async () => {
    browser = await launchBrowser();
    for (const who of WHO) {
      const context = await browser.newContext({ locale: "it-IT" });
      const cred = credentials(who);
      if (cred) await loginAs(await context.newPage(), baseUrl, cred.email, cred.password);
      contexts.set(who, context);
    }
  });
  afterAll(async () => browser.close());

  const send = (who: Who, c: RouteCase) => {
    const request = contexts.get(who)!.request;
    return c.method === "GET"
      ? request.get(baseUrl + c.path, { maxRedirects: 0 })
      : request.post(baseUrl + c.path, { data: c.body ?? "", headers: { "content-type": "application/octet-stream", origin: baseUrl }, maxRedirects: 0 });
  };

  describe.each(WHO)("as %s", (who) => {
    it.each(PAGE_CASES.map((c) => [label(c), c] as const))("page %s", async (_, c) => {
      const response = await send(who, c);
      const location = response.headers()["location"] ?? "";
      const denied = response.status() >= 300 && response.status() < 400 && /\/accesso(-negato)?(\?|$)/.test(location);
      const where = `${who} ${c.path} → ${response.status()} ${location}`;
      if (c.allowed.includes(who)) {
        expect(denied, where).toBe(false);
        if (c.okStatus !== undefined) expect(response.status(), where).toBe(c.okStatus);
        else expect(response.status(), where).toBeLessThan(400);
      } else {
        expect(denied, where).toBe(true);
        expect(location, where).toMatch(who === "anonimo" ? /\/accesso(\?|$)/ : /\/accesso-negato/);
      }
    });

    it.each(HANDLER_CASES.map((c) => [label(c), c] as const))("%s", async (_, c) => {
      const response = await send(who, c);
      const where = `${who} ${c.method} ${c.path} → ${response.status()}`;
      if (c.allowed.includes(who)) expect(response.status(), where).toBe(c.okStatus ?? 200);
      else if (who === "anonimo") expect(response.status(), where).toBe(c.anonymousStatus ?? c.deniedStatus ?? 401);
      else expect(response.status(), where).toBe(c.deniedStatus ?? 403);
    });
  });

  it("lists to each user only the zones they may see", async () => {
    const zonesOf = async (who: Who) =>
      ((await (await contexts.get(who)!.request.get(`${baseUrl}/api/v1/zones`)).json()) as { items: { code: string }[] }).items.map((z) => z.code);
    expect(await zonesOf("conferenza")).toEqual(["UMB-11"]);
    expect(await zonesOf("altra zona")).toEqual(["UMB-02"]);
    expect((await zonesOf("analista")).sort()).toEqual(["UMB-06", "UMB-10", "UMB-11"]);
    expect(await zonesOf("admin")).toHaveLength(12);
  });

  it("does not tell anonymous requests which comuni, batches or zones exist", async () => {
    const request = contexts.get("anonimo")!.request;
    const answer = async (method: "GET" | "POST", path: string) => {
      const response =
        method === "GET"
          ? await request.get(baseUrl + path, { maxRedirects: 0 })
          : await request.post(baseUrl + path, { data: "", headers: { origin: baseUrl }, maxRedirects: 0 });
      const location = (response.headers()["location"] ?? "").replace(/\?.*$/, "");
      return `${response.status()} ${location}`;
    };
    const pairs: [method: "GET" | "POST", existing: string, unknown: string][] = [
      ["GET", "/api/v1/comuni/055022", "/api/v1/comuni/999999"],
      ["GET", "/comuni/055022/dati.csv", "/comuni/999999/dati.csv"],
      ["POST", "/api/v1/imports/1/revert", "/api/v1/imports/999999/revert"],
      ["GET", "/comuni/055022", "/comuni/999999"],
      ["GET", "/zone/UMB-11", "/zone/XXX-99"],
    ];
    for (const [method, existing, unknown] of pairs) {
      const known = await answer(method, existing);
      expect(known, existing).toMatch(/^(401 |30\d \S*\/accesso)$/);
      expect(await answer(method, unknown), unknown).toBe(known);
    }
  });

  it("a read-only API token reads its zones and nothing else, and cannot write", async () => {
    const request = contexts.get("anonimo")!.request;
    const auth = { authorization: `Bearer ${apiToken}` };
    expect((await request.get(`${baseUrl}/api/v1/zones/UMB-11/comuni`, { headers: auth })).status()).toBe(200);
    expect((await request.get(`${baseUrl}/api/v1/zones/UMB-02/comuni`, { headers: auth })).status()).toBe(403);
    const write = await request.post(`${baseUrl}/api/v1/imports?mode=preview&zona=UMB-11&name=x.csv`, { headers: auth, data: "x" });
    expect(write.status()).toBe(403);
    expect((await request.get(`${baseUrl}/api/v1/zones`, { headers: { authorization: "Bearer osv_falso" } })).status()).toBe(401);
    // A token is for the API, not for pages.
    const page = await request.get(`${baseUrl}/zone/UMB-11`, { headers: auth, maxRedirects: 0 });
    expect(page.headers()["location"] ?? "").toMatch(/\/accesso/);
  });

  it("refuses a state-changing request from another origin, even with a valid session", async () => {
    const response = await contexts.get("analista")!.request.post(`${baseUrl}/api/v1/imports?mode=preview&zona=UMB-11`, {
      data: "x",
      headers: { origin: "https://attaccante.example" },
    });
    expect(response.status()).toBe(403);
  });

  it("sends a strict Content-Security-Policy, no framing, and session cookies that scripts cannot read", async () => {
    const response = await contexts.get("pianificatore")!.request.get(`${baseUrl}/zone/UMB-11`);
    const csp = response.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(response.headers()["x-frame-options"]).toBe("DENY");
    expect(response.headers()["referrer-policy"]).toBe("same-origin");
    expect(response.headers()["permissions-policy"]).toContain("camera=()");
    const cookies = await contexts.get("pianificatore")!.cookies();
    const session = cookies.find((c) => c.name.includes("session_token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  });
});

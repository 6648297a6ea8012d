import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser, loginAs } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";
import { OTHER_ZONE_USER } from "./global-setup";

/**
 * Walks every page and API endpoint as every role, as a user of another zone
 * and anonymously, and asserts allow or deny for each.
 */
const baseUrl = inject("baseUrl");

type Who = "anonimo" | "admin" | "analista" | "pianificatore" | "conferenza" | "altra zona";
const WHO: Who[] = ["anonimo", "admin", "analista", "pianificatore", "conferenza", "altra zona"];

interface Route {
  method: "GET" | "POST";
  path: string;
  allowed: Who[];
  body?: string;
}

const ZONE_READERS: Who[] = ["admin", "analista", "pianificatore", "conferenza"];
const IMPORT_READERS: Who[] = ["admin", "analista", "pianificatore"];
const IMPORT_WRITERS: Who[] = ["admin", "analista"];

const PAGES: Route[] = [
  // Everyone signed in lands on a zone of their own.
  { method: "GET", path: "/", allowed: [...ZONE_READERS, "altra zona"] },
  { method: "GET", path: "/zone/UMB-11", allowed: ZONE_READERS },
  { method: "GET", path: "/zone/UMB-06", allowed: ["admin", "analista", "pianificatore"] },
  { method: "GET", path: "/zone/UMB-11/importa", allowed: IMPORT_READERS },
  { method: "GET", path: "/account", allowed: [...ZONE_READERS, "altra zona"] },
  { method: "GET", path: "/admin/utenti", allowed: ["admin"] },
  { method: "GET", path: "/admin/token", allowed: ["admin"] },
  { method: "GET", path: "/admin/registro", allowed: ["admin"] },
];

const APIS: Route[] = [
  { method: "GET", path: "/api/v1/zones", allowed: [...ZONE_READERS, "altra zona"] },
  { method: "GET", path: "/api/v1/zones/UMB-11/comuni", allowed: ZONE_READERS },
  { method: "GET", path: "/api/v1/observations?indicator=POP_TOT&zona=UMB-11", allowed: ZONE_READERS },
  { method: "GET", path: "/api/v1/imports?zona=UMB-11", allowed: IMPORT_READERS },
  // Templates describe formats, not data: every role that may import or read imports.
  { method: "GET", path: "/api/v1/imports/templates/valori", allowed: [...IMPORT_READERS, "altra zona"] },
  { method: "POST", path: "/api/v1/imports?mode=preview&zona=UMB-11&name=prova.csv", allowed: IMPORT_WRITERS, body: "indicatore;comune;periodo;valore\nPOP_TOT;Narni;2030;1\n" },
  { method: "POST", path: "/api/v1/imports?mode=preview&kind=indicatori&name=catalogo.csv", allowed: ["admin"], body: "codice;nome\n" },
  { method: "POST", path: "/api/v1/imports/999999/revert", allowed: [] },
];

function credentials(who: Who): { email: string; password: string } | null {
  if (who === "anonimo") return null;
  if (who === "altra zona") return OTHER_ZONE_USER;
  const user = DEMO_USERS.find((u) => u.role === who);
  return user ? { email: user.email, password: user.password } : null;
}

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

  describe.each(WHO)("as %s", (who) => {
    it.each(PAGES)("page $path", async (route) => {
      const response = await contexts.get(who)!.request.get(baseUrl + route.path, { maxRedirects: 0 });
      const location = response.headers()["location"] ?? "";
      const denied = response.status() >= 300 && response.status() < 400 && /\/accesso(-negato)?(\?|$)/.test(location);
      if (route.allowed.includes(who)) {
        expect(denied, `${who} ${route.path} → ${response.status()} ${location}`).toBe(false);
        expect(response.status()).toBeLessThan(400);
      } else {
        expect(denied, `${who} ${route.path} → ${response.status()} ${location}`).toBe(true);
        expect(location).toContain(who === "anonimo" ? "/accesso" : "/accesso-negato");
      }
    });

    it.each(APIS)("$method $path", async (route) => {
      const request = contexts.get(who)!.request;
      const response =
        route.method === "GET"
          ? await request.get(baseUrl + route.path)
          : await request.post(baseUrl + route.path, { data: route.body ?? "", headers: { "content-type": "application/octet-stream", origin: baseUrl } });
      if (route.allowed.includes(who)) {
        expect(response.status(), `${who} ${route.method} ${route.path}`).toBe(200);
      } else if (route.path.includes("/999999/")) {
        // An unknown batch is 404 for everyone, before any zone could be revealed.
        expect(response.status()).toBe(404);
      } else {
        expect(response.status(), `${who} ${route.method} ${route.path}`).toBe(who === "anonimo" ? 401 : 403);
      }
    });
  });

  it("lists to each user only the zones they may see", async () => {
    const zonesOf = async (who: Who) =>
      ((await (await contexts.get(who)!.request.get(`${baseUrl}/api/v1/zones`)).json()) as { code: string }[]).map((z) => z.code);
    expect(await zonesOf("conferenza")).toEqual(["UMB-11"]);
    expect(await zonesOf("altra zona")).toEqual(["UMB-02"]);
    expect(await zonesOf("admin")).toHaveLength(12);
  });

  it("refuses a state-changing request from another origin", async () => {
    const response = await contexts.get("analista")!.request.post(`${baseUrl}/api/v1/imports?mode=preview&zona=UMB-11`, {
      data: "x",
      headers: { origin: "https://attaccante.example" },
    });
    expect(response.status()).toBe(403);
  });

  it("sends a strict Content-Security-Policy and no framing", async () => {
    const response = await contexts.get("pianificatore")!.request.get(`${baseUrl}/zone/UMB-11`);
    const csp = response.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(response.headers()["x-frame-options"]).toBe("DENY");
    expect(response.headers()["referrer-policy"]).toBe("same-origin");
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser, loginAs } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";
import { OTHER_ZONE_USER } from "./global-setup";

/**
 * The territory pages, their downloads and APIs, walked as every role, as a
 * user of another zone and anonymously: every reader of Zona 11 may open
 * them; the others are sent to the login or "access denied" page (pages) or
 * get 401/403 (downloads and API).
 */
const baseUrl = inject("baseUrl");

type Who = "anonimo" | "admin" | "analista" | "pianificatore" | "conferenza" | "altra zona";
const WHO: Who[] = ["anonimo", "admin", "analista", "pianificatore", "conferenza", "altra zona"];
const READERS: Who[] = ["admin", "analista", "pianificatore", "conferenza"];

const PAGES = [
  "/zone/UMB-11/territorio",
  "/zone/UMB-11/fragilita",
  "/zone/UMB-11/mappa",
  "/zone/UMB-11/risorse",
  "/comuni/055022",
];

const DOWNLOADS = [
  "/zone/UMB-11/territorio/dati.csv",
  "/zone/UMB-11/territorio/dati.xlsx?tabella=serie",
  "/zone/UMB-11/fragilita/dati.csv",
  "/zone/UMB-11/fragilita/dati.xlsx?tabella=riferimenti",
  "/zone/UMB-11/mappa/dati.csv",
  "/zone/UMB-11/risorse/dati.xlsx",
  "/comuni/055022/dati.csv",
  "/comuni/055022/dati.xlsx?tabella=servizi",
  "/api/v1/zones/UMB-11/fragility",
  "/api/v1/comuni/055022",
];

function credentials(who: Who): { email: string; password: string } | null {
  if (who === "anonimo") return null;
  if (who === "altra zona") return OTHER_ZONE_USER;
  const user = DEMO_USERS.find((u) => u.role === who);
  return user ? { email: user.email, password: user.password } : null;
}

describe("territory access walk", () => {
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
    it.each(PAGES)("page %s", async (path) => {
      const response = await contexts.get(who)!.request.get(baseUrl + path, { maxRedirects: 0 });
      const location = response.headers()["location"] ?? "";
      if (READERS.includes(who)) {
        expect(response.status(), `${who} ${path} → ${response.status()} ${location}`).toBe(200);
      } else {
        expect(response.status(), `${who} ${path}`).toBeGreaterThanOrEqual(300);
        expect(location).toMatch(who === "anonimo" ? /\/accesso(\?|$)/ : /\/accesso-negato/);
      }
    });

    it.each(DOWNLOADS)("GET %s", async (path) => {
      const response = await contexts.get(who)!.request.get(baseUrl + path);
      expect(response.status(), `${who} ${path}`).toBe(READERS.includes(who) ? 200 : who === "anonimo" ? 401 : 403);
    });
  });
});

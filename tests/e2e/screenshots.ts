/**
 * Screenshots of every page at 1366 px and 360 px (issue 17), for a person to
 * look at: not a test. Every page of the route inventory (auth-routes.ts),
 * opened by the same role as the every-page scan (pages-a11y.test.ts), plus
 * the mayor's own pages, saved as full-page PNGs.
 *
 *   npm run demo                                   (in another terminal)
 *   npx tsx tests/e2e/screenshots.ts [--url http://localhost:3000] [--out screenshots]
 *
 * Needs the demo users (OSSERVATORIO_DEMO, as `npm run demo` sets) and Debian's
 * Chromium (CHROMIUM_PATH to use another). Prints one line per file.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { launchBrowser, loginAs, newPage, WIDTHS } from "./browser";
import { PAGE_CASES, type Who } from "./auth-routes";
import { DEMO_USERS } from "@/db/auth/demo-users";

const { values } = parseArgs({
  options: { url: { type: "string", default: "http://localhost:3000" }, out: { type: "string", default: "screenshots" }, help: { type: "boolean", default: false } },
});
if (values.help) {
  console.log("Uso: npx tsx tests/e2e/screenshots.ts [--url http://localhost:3000] [--out screenshots]");
  process.exit(0);
}

const PREFERRED: readonly Who[] = ["pianificatore", "analista", "admin"];
const viewer = (allowed: readonly Who[]) => PREFERRED.find((w) => allowed.includes(w)) ?? (allowed.includes("anonimo") ? "anonimo" : null);

/** The pages to shoot: GET pages (not downloads or API routes), each once, by the role that sees most of it. */
const shots = [
  ...PAGE_CASES.filter((c) => c.method === "GET" && c.file.endsWith("page.tsx") && !c.okStatus).flatMap((c) => {
    const who = viewer(c.allowed);
    return who ? [{ who, path: c.path }] : [];
  }),
  ...["/comuni/055022", "/zone/UMB-11", "/zone/UMB-11/territorio"].map((p): { who: Who; path: string } => ({ who: "conferenza", path: p })),
];

/** "/zone/UMB-11/territorio?x=1" → "pianificatore_zone-UMB-11-territorio-x-1". */
const fileName = (who: Who, url: string, width: number) => `${who.replace(/\s+/g, "-")}_${url.replace(/^\/+/, "").replace(/[^\w-]+/g, "-") || "home"}_${width}.png`;

async function main() {
  const base = values.url.replace(/\/$/, "");
  const out = path.resolve(values.out);
  fs.mkdirSync(out, { recursive: true });
  const browser = await launchBrowser();
  const pages = new Map<Who, Page>();
  try {
    for (const who of new Set(shots.map((s) => s.who))) {
      const page = await newPage(browser);
      const user = DEMO_USERS.find((u) => u.role === who);
      if (user) await loginAs(page, base, user.email, user.password);
      pages.set(who, page);
    }
    for (const shot of shots) {
      const page = pages.get(shot.who)!;
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        const response = await page.goto(`${base}${shot.path}`);
        await page.locator("h1").first().waitFor({ timeout: 30_000 });
        // The page as a reader who scrolls it sees it: a full-page capture does not scroll, so the large tables
        // (.deferred-render, content-visibility: auto) would stay unpainted and the charts (loaded as their
        // frame nears the screen) unloaded. Paint the tables, scroll once to the bottom and back.
        await page.addStyleTag({ content: ".deferred-render { content-visibility: visible !important; }" });
        await page.evaluate(async () => {
          for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
            window.scrollTo(0, y);
            await new Promise((done) => setTimeout(done, 60));
          }
          window.scrollTo(0, 0);
        });
        // Charts draw after hydration and on resize: two frames and the network at rest.
        await page.waitForLoadState("networkidle").catch(() => undefined);
        await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
        const file = path.join(out, fileName(shot.who, shot.path, size.width));
        await page.screenshot({ path: file, fullPage: true });
        console.log(`${response?.status() ?? "?"} ${shot.who.padEnd(13)} ${String(size.width).padStart(4)} px  ${path.relative(process.cwd(), file)}`);
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { chromium, type Browser, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { expect } from "vitest";

/** Debian's Chromium, headless, with the flags that keep it off the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "it-IT" });
  return context.newPage();
}

/**
 * Waits until the page is settled enough to scan: a router refresh after an
 * import re-renders the streamed metadata, and for a moment the document has
 * no <title> (CI once scanned in that moment); and the widgets streamed in
 * their own Suspense boundary (app/components/Widget.tsx) have replaced their
 * skeletons, so the scan sees the content, not the placeholders. A title that
 * never comes back is still reported, by axe, after the wait.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.title.trim() !== "", undefined, { timeout: 5_000 }).catch(() => undefined);
  await page.waitForFunction(() => document.querySelector(".widget-skeleton") === null, undefined, { timeout: 30_000 }).catch(() => undefined);
}

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** The violations of an axe scan with these tags at the current width, one line each: rule, impact, help, the first five elements. */
async function axeScan(page: Page, tags: readonly string[]): Promise<string[]> {
  await settled(page);
  const results = await new AxeBuilder({ page }).withTags([...tags]).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
}

/** WCAG 2.1 AA scan at the current width; fails the test listing every violation. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await axeScan(page, WCAG_21_AA)).toEqual([]);
}

/** The widths every page is checked at: a laptop and a small phone. */
export const WIDTHS = [
  { width: 1366, height: 900 },
  { width: 360, height: 740 },
] as const;

/** Violations of WCAG 2.1 AA and of axe's best practices (landmarks, headings…) at the current width. */
function axeViolations(page: Page): Promise<string[]> {
  return axeScan(page, [...WCAG_21_AA, "best-practice"]);
}

/** Elements wider than the phone's viewport that make the page (not a scroll region of its own) scroll sideways. */
async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const culprits: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 1 && !el.closest(".table-responsive, [data-scroll-region]")) {
        culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${Array.from(el.classList).join(".")} (${Math.round(box.right)} px)`);
      }
      if (culprits.length >= 5) break;
    }
    return [`la pagina scorre di lato: ${document.documentElement.scrollWidth} px su ${width}`, ...culprits];
  });
}

/**
 * WCAG 2.1 AA and best-practice scan at 1366 px and at 360 px, where the page
 * must also not scroll sideways; fails the test listing every problem with the width.
 * The viewport is restored afterwards. Every page of the inventory passes it
 * (pages-a11y.test.ts); the other suites still call the desktop scan above.
 */
export async function expectCleanAtBothWidths(page: Page): Promise<void> {
  const original = page.viewportSize();
  const problems: string[] = [];
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    // Charts redraw on resize (ResizeObserver): two frames let them settle before scanning.
    await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
    problems.push(...(await axeViolations(page)).map((p) => `${size.width} px: ${p}`));
    if (size.width < 768) problems.push(...(await sidewaysOverflow(page)).map((p) => `${size.width} px: ${p}`));
  }
  if (original) await page.setViewportSize(original);
  expect(problems).toEqual([]);
}

/** Signs in through the login page as one of the demo users. */
export async function loginAs(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/accesso`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Accedi" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/accesso"));
}

/** A new page, in a browser context of its own, signed in as this user (a demo user or one a test created). */
export async function signedIn(browser: Browser, baseUrl: string, user: { email: string; password: string }): Promise<Page> {
  const page = await newPage(browser);
  await loginAs(page, baseUrl, user.email, user.password);
  return page;
}

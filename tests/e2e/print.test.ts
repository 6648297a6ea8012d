import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, settled, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";

/**
 * The pages a mayor and a planner print (issue 17): the scheda comune of Narni
 * and Territorio, printed to A4 PDF by Chromium as the browser's print does
 * (print media, the page's own @page size and margins), then read back with
 * pdfinfo and pdftotext: a few pages, none blank, the latest year's column in
 * the text. Before printing, in print media at the printable width of A4
 * (210 mm − 2 × 15 mm), no table and no chart is wider than the page.
 */
const baseUrl = inject("baseUrl");
const planner = DEMO_USERS.find((u) => u.role === "pianificatore")!;
/** 180 mm in CSS pixels (96 per inch): the width inside the page's 15 mm margins. */
const PRINTABLE_PX = Math.floor((180 / 25.4) * 96);
const LATEST_YEAR = "2025";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-print-"));

async function wideElements(page: Page): Promise<string[]> {
  return page.evaluate((limit) => {
    const out: string[] = [];
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      return style.display !== "none" && style.visibility !== "hidden" && (el as HTMLElement).offsetParent !== null;
    };
    for (const el of Array.from(document.querySelectorAll("table, svg.recharts-surface, .chart-frame, main"))) {
      if (!visible(el)) continue;
      const box = el.getBoundingClientRect();
      const scroll = el instanceof HTMLElement ? el.scrollWidth : box.width;
      if (box.right > limit + 1 || box.left < -1 || scroll > limit + 1) {
        const caption = el instanceof HTMLTableElement ? el.caption?.textContent.trim().slice(0, 60) : undefined;
        const name = el.tagName.toLowerCase() + (caption ? ` «${caption}»` : "");
        out.push(`${name}: ${Math.round(box.left)}–${Math.round(box.right)} px (contenuto ${Math.round(scroll)} px) su ${limit}`);
      }
    }
    if (document.documentElement.scrollWidth > limit + 1) out.push(`la pagina è larga ${document.documentElement.scrollWidth} px su ${limit}`);
    return out;
  }, PRINTABLE_PX);
}

/** Prints the open page to A4 and returns its pages' text (pdftotext), one string per page. */
async function printed(page: Page, name: string): Promise<{ pages: string[]; file: string }> {
  const file = path.join(dir, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, format: "A4", printBackground: true });
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
  const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const pages = Array.from({ length: count }, (_, i) => execFileSync("pdftotext", ["-layout", "-f", String(i + 1), "-l", String(i + 1), file, "-"], { encoding: "utf8" }));
  return { pages, file };
}

describe("printing to A4", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedIn(browser, baseUrl, planner);
  });
  afterAll(async () => {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    { name: "scheda-narni", path: "/comuni/055022", heading: "Comune di Narni", maxPages: 5 },
    { name: "territorio", path: "/zone/UMB-11/territorio", heading: "Territorio", maxPages: 8 },
  ])("$path prints on at most $maxPages A4 pages, none blank, every table and chart within the page, with $heading and the latest year", async ({ name, path: pagePath, heading, maxPages }) => {
    await page.setViewportSize({ width: PRINTABLE_PX, height: 1000 });
    await page.goto(`${baseUrl}${pagePath}`);
    await page.locator("h1").first().waitFor();
    await settled(page); // the widgets streamed after the heading are printed too
    await page.emulateMedia({ media: "print" });
    // Charts redraw on resize: let them settle at the printable width.
    await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
    expect(await wideElements(page)).toEqual([]);
    const { pages } = await printed(page, name);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(maxPages);
    pages.forEach((text, i) => expect(text.replace(/\s+/g, "").length, `pagina ${i + 1} di ${pages.length} vuota`).toBeGreaterThan(40));
    const all = pages.join("\n");
    expect(all).toContain(heading);
    // The latest year is a column of the tables, after the one before it (pdftotext -layout keeps a header row on one line).
    expect(all).toMatch(new RegExp(`${Number(LATEST_YEAR) - 1} +${LATEST_YEAR}`));
    expect(all).toContain("pagina stampata il");
    // No interactive controls on paper.
    expect(all).not.toMatch(/Stampa la scheda|Esci\b/);
    await page.emulateMedia({ media: "screen" });
  });
});

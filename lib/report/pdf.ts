import "server-only";
import fs from "node:fs";
import type { Browser } from "playwright-core";

/**
 * The report's PDF, rendered on the server by one shared headless Chromium
 * (playwright-core; the browser at CHROMIUM_PATH or /usr/bin/chromium): the
 * report page itself is requested with the requester's cookies, so the PDF
 * shows exactly what that reader may see, and printed with the report's
 * print CSS. Searchable text, a document outline from the headings, tagged
 * for accessibility, "pagina N di M" with the zone and year in the footer.
 * At most two renders at a time: the others wait their turn.
 */

export const MAX_CONCURRENT_RENDERS = 2;

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

/** Whether the server can render PDFs; when not, the reason in Italian (the page offers the print dialog instead). */
export function pdfAvailability(): { available: true } | { available: false; reason: string } {
  if (process.env.REPORT_PDF === "off") return { available: false, reason: "la generazione dei PDF sul server è disattivata (REPORT_PDF=off)" };
  const path = chromiumPath();
  if (!fs.existsSync(path)) return { available: false, reason: `sul server non è installato il browser che genera i PDF (${path} non esiste; indicarne un altro con CHROMIUM_PATH)` };
  return { available: true };
}

export class PdfUnavailableError extends Error {}

let shared: Promise<Browser> | null = null;

async function browser(): Promise<Browser> {
  if (shared) {
    const b = await shared.catch(() => null);
    if (b?.isConnected()) return b;
    shared = null;
  }
  const { chromium } = await import("playwright-core");
  shared = chromium.launch({ executablePath: chromiumPath(), args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"] });
  shared.catch(() => {
    shared = null;
  });
  return shared;
}

let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(run: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_RENDERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await run();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PdfRequest {
  /** The page to print, absolute. */
  url: string;
  /** The requester's Cookie header, passed on so the page sees the same reader. */
  cookieHeader: string | null;
  /** Printed in every page's footer with the page number. */
  footer: string;
}

export async function renderReportPdf(request: PdfRequest): Promise<Buffer> {
  const availability = pdfAvailability();
  if (!availability.available) throw new PdfUnavailableError(availability.reason);
  return withSlot(async () => {
    const b = await browser();
    const url = new URL(request.url);
    const context = await b.newContext({ locale: "it-IT", timezoneId: "Europe/Rome" });
    try {
      const cookies = (request.cookieHeader ?? "")
        .split(";")
        .map((c) => c.trim())
        .filter((c) => c.includes("="))
        .map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), url: url.origin }));
      if (cookies.length > 0) await context.addCookies(cookies);
      const page = await context.newPage();
      const response = await page.goto(url.href, { waitUntil: "load", timeout: 60_000 });
      if (!response || !response.ok()) throw new Error(`report page answered ${response?.status() ?? "nothing"}`);
      await page.emulateMedia({ media: "print" });
      const pdf = await page.pdf({
        format: "A4",
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: `<div style="font-size:8pt;width:100%;padding:0 15mm;display:flex;justify-content:space-between;font-family:sans-serif"><span>${escapeHtml(request.footer)}</span><span>pagina <span class="pageNumber"></span> di <span class="totalPages"></span></span></div>`,
        margin: { top: "15mm", bottom: "18mm", left: "15mm", right: "15mm" },
        outline: true,
        tagged: true,
      });
      return pdf;
    } finally {
      await context.close();
    }
  });
}

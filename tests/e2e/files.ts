import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, loginAs, newPage } from "./browser";

/**
 * What a describe block of browser tests that upload files shares: one
 * Chromium for the block, a temporary folder for the files it writes (both
 * gone after the block), and a signed-in page on a zone's import page.
 */
export function uploadSession(prefix: string) {
  const baseUrl = inject("baseUrl");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `osservatorio-e2e-${prefix}-`));
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const session = {
    get browser(): Browser {
      if (!browser) throw new Error("the browser starts in beforeAll: use the session inside a test");
      return browser;
    },
    /** Writes a file into the block's folder and returns its path. */
    file: (name: string, content: string | Uint8Array): string => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, content);
      return p;
    },
    /** A new page signed in as `user`, open on `/zone/{zone}/importa`. */
    importPage: async (user: { email: string; password: string }, zone = "UMB-11"): Promise<Page> => {
      const page = await newPage(session.browser);
      await loginAs(page, baseUrl, user.email, user.password);
      await page.goto(`${baseUrl}/zone/${zone}/importa`);
      return page;
    },
  };
  return session;
}

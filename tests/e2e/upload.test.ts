import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";
import { readLock } from "@/db/lock";
import { RevertResultSchema } from "@/lib/api/schemas";
import { documentResponseSchema } from "@/tests/helpers/openapi-schema";

/**
 * Uploads against the built server (issue 8): the body reaches the route whole
 * (the proxy used to buffer it and pass on only 10 MB), upload ids are bound
 * to their user and zone, the origin check still holds on the upload route.
 */
const analyst = DEMO_USERS.find((u) => u.role === "analista")!;
const baseUrl = inject("baseUrl");
const dataDir = inject("dataDir");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-e2e-upload-"));
const MB = 1024 * 1024;

interface Event {
  type: string;
  report?: { status: string; batchId: number | null; rowsRead: number; inserted: number; rejected: number; fileErrors: string[] };
  uploadId?: string | null;
  message?: string;
}

function lastEvent(text: string): Event {
  return JSON.parse(text.trim().split("\n").pop() as string) as Event;
}

/** A list of resources of more than 10 MB, one distinct name per row. */
function bigFile(): { file: string; rows: number } {
  const rows = 250_000;
  const lines = ["tipo;nome;comune"];
  for (let i = 0; i < rows; i++) lines.push(`associazione;Associazione di volontariato numero ${i};Narni`);
  const file = path.join(dir, "risorse-grandi.csv");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  expect(fs.statSync(file).size).toBeGreaterThan(12 * MB);
  return { file, rows };
}

describe("uploads to the built server", () => {
  let browser: Browser;
  let page: Page;
  const localToken = () => readLock(dataDir)?.localToken as string;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedIn(browser, baseUrl, analyst);
  });
  afterAll(async () => {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = (query: string, options: { data?: Buffer; uploadId?: string; origin?: string } = {}) =>
    page.request.post(`${baseUrl}/api/v1/imports?${query}`, {
      ...(options.data ? { data: options.data } : {}),
      headers: {
        "content-type": "application/octet-stream",
        origin: options.origin ?? baseUrl,
        ...(options.uploadId ? { "x-upload-id": options.uploadId } : {}),
      },
      timeout: 300_000,
    });

  it("imports a file larger than 10 MB completely: preview and commit see every row", async () => {
    const { file, rows } = bigFile();
    const preview = await post("mode=preview&zona=UMB-11&kind=risorse&name=risorse-grandi.csv", { data: fs.readFileSync(file) });
    expect(preview.status()).toBe(200);
    const previewed = lastEvent(await preview.text());
    expect(previewed.report).toMatchObject({ status: "previewed", rowsRead: rows, inserted: rows, rejected: 0, fileErrors: [] });
    const commit = await post("mode=commit&zona=UMB-11&kind=risorse&name=risorse-grandi.csv", { uploadId: previewed.uploadId as string });
    const committed = lastEvent(await commit.text()).report;
    expect(committed).toMatchObject({ status: "committed", rowsRead: rows, inserted: rows });

    // The command line streams the same file to the server: the same complete count.
    const env = { ...process.env, OSSERVATORIO_DATA_DIR: dataDir, DATABASE_URL: "" };
    const cli = spawnSync("npx", ["tsx", "imports/cli.ts", file, "--zona", "UMB-11", "--kind", "risorse", "--dry-run", "--json"], { env, encoding: "utf8", timeout: 300_000 });
    expect(JSON.parse(cli.stdout)).toMatchObject({ status: "previewed", rowsRead: rows, unchanged: rows, rejected: 0 });

    // Undone, so that the other tests see the demo data as it was.
    const revert = await page.request.post(`${baseUrl}/api/v1/imports/${committed?.batchId}/revert`, { headers: { origin: baseUrl }, timeout: 300_000 });
    expect(revert.status()).toBe(200);
    // The undo's answer as the published document describes it.
    const document = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as Record<string, unknown>;
    const undone: unknown = await revert.json();
    expect(RevertResultSchema.safeParse(undone).success).toBe(true);
    expect(documentResponseSchema(document, "/api/v1/imports/{id}/revert", "post").safeParse(undone).success).toBe(true);
  }, 600_000);

  it("binds an upload id to its user and zone, and takes it only from the header", async () => {
    const csv = Buffer.from("indicatore;comune;periodo;valore\nPOP_TOT;Narni;2030;1\n");
    const mine = lastEvent(await (await post("mode=preview&zona=UMB-11&name=a.csv", { data: csv })).text());
    const id = mine.uploadId as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The same analyst, another of their zones: not this file.
    const otherZone = await post("mode=preview&zona=UMB-10&name=a.csv", { uploadId: id });
    expect(otherZone.status()).toBe(404);
    // Another principal (the command line's local token), same zone: not this file either.
    const other = await fetch(`${baseUrl}/api/v1/imports?mode=preview&zona=UMB-11`, {
      method: "POST",
      headers: { authorization: `Bearer ${localToken()}`, "x-upload-id": id },
    });
    expect(other.status).toBe(404);
    // In the query string: refused with a message saying where it goes.
    const inQuery = await post(`mode=preview&zona=UMB-11&upload=${id}`);
    expect(inQuery.status()).toBe(400);
    expect(await inQuery.text()).toContain("X-Upload-Id");
    // Its owner, in its zone: the same preview again.
    const again = lastEvent(await (await post("mode=preview&zona=UMB-11&name=a.csv", { uploadId: id })).text());
    expect(again.report).toMatchObject({ status: "previewed", rowsRead: 1 });
  });

  it("refuses a cross-site upload, a body without its size and a declared size over the limit", async () => {
    const csv = Buffer.from("indicatore;comune;periodo;valore\nPOP_TOT;Narni;2030;1\n");
    expect((await post("mode=preview&zona=UMB-11", { data: csv, origin: "https://attaccante.example" })).status()).toBe(403);
    const status = (headers: Record<string, string>, body: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const url = new URL(`${baseUrl}/api/v1/imports?mode=preview`);
        const req = http.request(url, { method: "POST", headers: { authorization: `Bearer ${localToken()}`, ...headers } }, (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on("error", reject);
        req.end(body);
      });
    const chunked = await status({ "transfer-encoding": "chunked" }, "indicatore;comune\n");
    expect(chunked.status).toBe(400);
    expect(chunked.text).toContain("Content-Length");
    // Refused from the declared size, before reading the body (the default limit is 200 MB).
    const tooBig = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(new URL(`${baseUrl}/api/v1/imports?mode=preview`), {
        method: "POST",
        headers: { authorization: `Bearer ${localToken()}`, "content-length": String(300 * MB) },
      }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, text });
          req.destroy();
        });
      });
      req.on("error", () => undefined);
      req.write("indicatore;comune\n");
      setTimeout(() => reject(new Error("nessuna risposta")), 30_000).unref();
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.text).toContain("supera il limite di 200 MB");
  });

  it("answers 400, not 500, to a NUL byte in the zone", async () => {
    const list = await page.request.get(`${baseUrl}/api/v1/imports?zona=UMB-1%00`);
    expect(list.status()).toBe(400);
    expect((await post("mode=preview&zona=UMB-1%00", { data: Buffer.from("a;b\n1;2\n") })).status()).toBe(400);
    expect((await post("mode=preview&zona=UMB-11&name=a%00.csv", { data: Buffer.from("a;b\n1;2\n") })).status()).toBe(400);
  });
});

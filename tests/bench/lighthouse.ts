/**
 * npm run bench:lighthouse [-- --runs 3] [--base-url http://127.0.0.1:3000] [--port 3180] [--email E --password P]
 *
 * Lighthouse (mobile preset: simulated slow 4G and 4× CPU slowdown) on the login page, the
 * overview, Territorio, Fragilità and the scheda comune of the demo, in Debian's Chromium
 * (/usr/bin/chromium, or CHROMIUM_PATH). Without --base-url it builds the app if there is no
 * build, loads the demo into a throwaway data folder and starts `next start` on --port, as the
 * e2e suite does. The authenticated pages are measured with the session cookie of the demo
 * planner (signed in through /accesso), passed to Lighthouse as an extra header.
 * Each page is measured --runs times; the median run by performance score is reported.
 * Results go to stdout (a Markdown table and the load average); copy them to docs/benchmarks.md.
 * --json FILE also writes every run's figures; --reports DIR keeps every run's full Lighthouse report
 * (JSON, to open in a Lighthouse viewer). --only accesso,panoramica measures some of the pages.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { chromium } from "playwright-core";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    "base-url": { type: "string" },
    port: { type: "string", default: "3180" },
    email: { type: "string", default: "pianificatore@demo.osservatorio.it" },
    password: { type: "string", default: "demo-pianificatore-2026" },
    json: { type: "string" },
    reports: { type: "string" },
    only: { type: "string" },
  },
});
const RUNS = Math.max(1, Number(args.runs));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const PAGES = [
  { name: "accesso", path: "/accesso", signedIn: false },
  { name: "panoramica", path: "/zone/UMB-11", signedIn: true },
  { name: "territorio", path: "/zone/UMB-11/territorio", signedIn: true },
  { name: "fragilità", path: "/zone/UMB-11/fragilita", signedIn: true },
  { name: "scheda comune", path: "/comuni/055022", signedIn: true },
].filter((p) => !args.only || args.only.split(",").includes(p.name));

interface Run {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  siMs: number;
  transferKb: number;
  scriptKb: number;
  cssKb: number;
  failedAudits: string[];
}

async function waitForServer(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no answer from ${url}`);
}

/** Builds if needed, loads the demo into a fresh data folder and starts the server. */
async function startDemo(port: number): Promise<{ baseUrl: string; stop: () => void }> {
  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) {
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-lighthouse-"));
  const env = { ...process.env, OSSERVATORIO_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: "" };
  const load = spawnSync("npx", ["tsx", "db/demo/cli.ts", "--no-serve"], { stdio: "inherit", env });
  if (load.status !== 0) throw new Error("loading the demo failed");
  const server = spawn("npx", ["next", "start", "-p", String(port)], {
    env: { ...env, OSSERVATORIO_DEMO: "1", OSSERVATORIO_DEFAULT_ZONE: "UMB-11" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForServer(`${baseUrl}/api/v1/zones`, server, 120_000);
  return {
    baseUrl,
    stop: () => {
      if (server.pid && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The session cookie of a user signed in through the login page. */
async function sessionCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS });
  try {
    const context = await browser.newContext({ locale: "it-IT" });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/accesso`);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Accedi" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/accesso"));
    const cookies = await context.cookies(baseUrl);
    if (!cookies.length) throw new Error("no session cookie after signing in");
    return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

function kb(bytes: number): number {
  return Math.round(bytes / 1024);
}

async function measure(url: string, cookie: string | undefined, port: number, report?: string): Promise<Run> {
  const result = await lighthouse(
    url,
    { port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"], extraHeaders: cookie ? { Cookie: cookie } : undefined },
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (report) fs.writeFileSync(report, JSON.stringify(lhr));
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const audit = (id: string) => lhr.audits[id];
  const num = (id: string) => audit(id)?.numericValue ?? NaN;
  const items = ((audit("resource-summary")?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined)?.items ?? []);
  const size = (type: string) => items.find((i) => i.resourceType === type)?.transferSize ?? 0;
  const failedAudits = Object.values(lhr.categories.accessibility?.auditRefs ?? [])
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
    .map((a) => a!.id);
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    fcpMs: num("first-contentful-paint"),
    lcpMs: num("largest-contentful-paint"),
    tbtMs: num("total-blocking-time"),
    cls: num("cumulative-layout-shift"),
    siMs: num("speed-index"),
    transferKb: kb(size("total")),
    scriptKb: kb(size("script")),
    cssKb: kb(size("stylesheet")),
    failedAudits,
  };
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
if (args.reports) fs.mkdirSync(args.reports, { recursive: true });
const demo = args["base-url"] ? null : await startDemo(Number(args.port));
const baseUrl = args["base-url"] ?? demo!.baseUrl;
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS });
const all: Record<string, Run[]> = {};
try {
  const cookie = await sessionCookie(baseUrl, args.email, args.password);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, node ${process.version}, ${new Date().toISOString()}, load before: ${load()}`);
  console.log("| pagina | performance | accessibilità | FCP | LCP | TBT | CLS | trasferiti | di cui JS | di cui CSS | load average |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const page of PAGES) {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const report = args.reports ? path.join(args.reports, `${page.path.replace(/\W+/g, "_")}-${i + 1}.json`) : undefined;
      runs.push(await measure(`${baseUrl}${page.path}`, page.signedIn ? cookie : undefined, chrome.port, report));
    }
    all[page.name] = runs;
    const sorted = [...runs].sort((a, b) => a.performance - b.performance);
    const m = sorted[Math.floor(sorted.length / 2)]!;
    const range = sorted.length > 1 ? ` (${sorted[0]!.performance}–${sorted[sorted.length - 1]!.performance})` : "";
    console.log(
      `| ${page.name} | ${m.performance}${range} | ${m.accessibility}${m.failedAudits.length ? ` (${m.failedAudits.join(", ")})` : ""} | ${(m.fcpMs / 1000).toFixed(1)} s | ${(m.lcpMs / 1000).toFixed(1)} s | ${Math.round(m.tbtMs)} ms | ${m.cls.toFixed(3)} | ${m.transferKb} KB | ${m.scriptKb} KB | ${m.cssKb} KB | ${load()} |`,
    );
  }
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ date: new Date().toISOString(), load: os.loadavg(), pages: all }, null, 2));
} finally {
  chrome.kill();
  demo?.stop();
}

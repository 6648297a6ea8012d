import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HANDLER_CASES, PAGE_CASES, PUBLIC_FILES } from "@/tests/e2e/auth-routes";

/**
 * Static guard for access control: every page, route handler and server
 * action under app/ calls the shared check (app/_auth/access.ts) or is listed
 * as public with a reason, and every route file is walked by the end-to-end
 * authorization test. A new route fails here until someone decides who may open it.
 */
const APP = path.resolve("app");

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

const files = walk(APP).map((f) => path.relative(path.resolve("."), f).split(path.sep).join("/"));
const routeFiles = files.filter((f) => /\/(page\.tsx|route\.ts)$/.test(f));
const CHECK = /\b(requirePage|requireApi|zoneTableRoute|comuneTableRoute)\(/;

// A check in a layout alone is not enough (layouts and pages render in parallel,
// and a layout is not re-run on client navigation), so each page is checked itself.
describe("route inventory", () => {
  it("finds the routes", () => {
    expect(routeFiles.length).toBeGreaterThan(10);
  });

  it.each(routeFiles)("%s calls the shared access check or is public with a reason", (file) => {
    if (file in PUBLIC_FILES) return;
    const source = fs.readFileSync(file, "utf8");
    expect(CHECK.test(source), `${file}: chiamare requirePage/requireApi (app/_auth/access.ts) o elencarlo in PUBLIC_FILES`).toBe(true);
  });

  it.each(routeFiles)("%s is walked by the end-to-end authorization test", (file) => {
    const walked = [...PAGE_CASES, ...HANDLER_CASES].some((c) => c.file === file);
    expect(walked, `${file}: aggiungerlo a tests/e2e/auth-routes.ts con i ruoli ammessi`).toBe(true);
  });

  it("lists only files that exist", () => {
    const listed = [...PAGE_CASES, ...HANDLER_CASES].map((c) => c.file).filter((f) => f !== "(none)");
    expect(listed.filter((f) => !routeFiles.includes(f))).toEqual([]);
    expect(Object.keys(PUBLIC_FILES).filter((f) => !routeFiles.includes(f))).toEqual([]);
  });

  it("every exported server action checks the caller first", () => {
    const actions = files.filter((f) => /\.tsx?$/.test(f) && /^["']use server["']/m.test(fs.readFileSync(f, "utf8")));
    expect(actions.length).toBeGreaterThan(0);
    const unchecked: string[] = [];
    for (const file of actions) {
      const source = fs.readFileSync(file, "utf8");
      const parts = source.split(/(?=^export async function )/m).slice(1);
      for (const part of parts) {
        const name = /^export async function (\w+)/.exec(part)?.[1] ?? "?";
        // Signing in and out are the only actions open to anyone.
        if (file === "app/_auth/actions.ts" && (name === "login" || name === "logout")) continue;
        if (!CHECK.test(part)) unchecked.push(`${file}: ${name}`);
      }
    }
    expect(unchecked).toEqual([]);
  });
});

/**
 * The API contract: every route under app/api/v1 is described in the OpenAPI
 * document (app/api/v1/_contract/operations.ts), with each method it exports,
 * and nothing is described that no route answers.
 */
describe("API routes in the OpenAPI document", () => {
  const apiRoutes = routeFiles.filter((f) => f.startsWith("app/api/v1/") && !f.includes("[...rest]"));
  const exported = (file: string) =>
    [...fs.readFileSync(file, "utf8").matchAll(/^export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => (m[1] as string).toLowerCase());

  it("finds the API routes", () => {
    expect(apiRoutes.length).toBeGreaterThan(5);
  });

  it.each(apiRoutes)("%s has an operation for each method it exports", async (file) => {
    const { OPERATIONS } = await import("@/app/api/v1/_contract/operations");
    const methods = exported(file);
    expect(methods.length, `${file}: nessun metodo esportato`).toBeGreaterThan(0);
    for (const method of methods) {
      expect(OPERATIONS.some((op) => op.file === file && op.method === method), `${file} ${method.toUpperCase()}: aggiungerlo a app/api/v1/_contract/operations.ts`).toBe(true);
    }
  });

  it("describes only routes and methods that exist, at the path of their folder", async () => {
    const { OPERATIONS } = await import("@/app/api/v1/_contract/operations");
    for (const op of OPERATIONS) {
      expect(apiRoutes, op.operationId).toContain(op.file);
      expect(exported(op.file), op.operationId).toContain(op.method);
      const folderPath = "/" + op.file.replace(/^app\//, "").replace(/\/route\.ts$/, "").replace(/\[(\w+)\]/g, "{$1}");
      expect(op.path, op.operationId).toBe(folderPath);
    }
    const ids = OPERATIONS.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

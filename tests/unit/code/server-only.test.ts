import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `import "server-only"` throws outside Next's react-server condition, so a module
 * marked with it must never be reached by the command-line tools (run by tsx).
 * This walks the static imports of every CLI entry point (type-only ones are
 * erased and do not count) and lists the marked modules it reaches.
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const CLI_ENTRY_POINTS = [
  "imports/cli.ts",
  "db/cli/user.ts",
  "db/cli/zone.ts",
  "tests/bench/disclosure.ts",
  "db/cli/migrate.ts",
  "db/demo/cli.ts",
  "imports/csv/write-formats-doc.ts",
  "tests/bench/import.ts",
  "tests/helpers/open-data-dir.ts",
];

const IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm;

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function serverOnlyReachedFrom(entry: string): string[] {
  const seen = new Set<string>();
  const marked: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1]!;
      if (spec === "server-only") marked.push(path.relative(ROOT, file));
      const next = resolve(file, spec);
      if (next) visit(next);
    }
  };
  visit(path.join(ROOT, entry));
  return marked;
}

describe("server-only modules", () => {
  it("marks the server's own modules", () => {
    for (const file of ["db/server.ts", "db/auth/server.ts", "db/queries/zones.ts", "db/queries/territory.ts"]) {
      expect(fs.readFileSync(path.join(ROOT, file), "utf8")).toMatch(/^import "server-only";$/m);
    }
  });

  for (const entry of CLI_ENTRY_POINTS) {
    it(`${entry} reaches none of them`, () => {
      expect(fs.existsSync(path.join(ROOT, entry))).toBe(true);
      expect(serverOnlyReachedFrom(entry)).toEqual([]);
    });
  }

  it("finds one when it is there", () => {
    expect(serverOnlyReachedFrom("instrumentation-node.ts")).toContain("db/server.ts");
  });
});

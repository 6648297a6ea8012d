import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/**
 * A small run of tests/fuzz/kill-imports.ts (npm run import killed with SIGKILL
 * at a random moment, then reopened and checked); the long run (20 per engine)
 * is recorded in docs/affidabilita.md. PostgreSQL only with FUZZ_DATABASE_URL:
 * the script empties the database it is given, so never the shared test one.
 */
const engines = ["pglite", ...(process.env.FUZZ_DATABASE_URL ? ["postgres"] : [])];

describe("kill -9 during imports", () => {
  for (const engine of engines) {
    it(`leaves no partial batch and the next import works on ${engine}`, () => {
      const run = spawnSync(process.execPath, ["--import", "tsx", "tests/fuzz/kill-imports.ts", "--engine", engine, "--rounds", "2", "--rows", "12000"], {
        encoding: "utf8",
        env: process.env,
        timeout: 280_000,
      });
      expect(run.stderr.split("\n").filter((l) => l.startsWith(`${engine}:`))).toEqual([]);
      expect(run.status).toBe(0);
      const [summary] = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "[]") as { errori: number }[];
      expect(summary?.errori).toBe(0);
    }, 300_000);
  }
});

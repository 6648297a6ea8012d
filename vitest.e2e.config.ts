import "./tests/support/node20-polyfills.ts";
import { defineConfig } from "vitest/config";
import path from "node:path";

/** End-to-end suite: the built app on a fresh embedded database, driven in Debian's Chromium. */
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // As in vitest.config.ts: the suite's setup may reach modules marked server-only.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});

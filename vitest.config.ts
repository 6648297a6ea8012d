import "./tests/support/node20-polyfills.ts";
import { defineConfig } from "vitest/config";
import path from "node:path";

// Tests call the server's modules as the server does: "server-only" resolves to the
// package's react-server entry (empty) instead of the one that throws (docs/stile.md).
const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    coverage: {
      provider: "v8",
      // Source files only: the CSV and GeoJSON reference data under db/ are not code.
      include: ["lib/**/*.{ts,tsx}", "db/**/*.ts", "imports/**/*.ts"],
      exclude: ["db/reference/build-comuni-csv.ts"],
      reporter: ["text-summary", "html", "json-summary"],
    },
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], setupFiles: ["lib/zod-it.ts"], testTimeout: 30_000 },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          // Italian zod messages, as every entry point of the app installs them (lib/env.ts).
          setupFiles: ["lib/zod-it.ts"],
          // One database per engine is shared by the files, so they run one at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});

import { afterAll, beforeAll } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { loadDemoDataset } from "@/db/demo/load";
import { generateDemoDataset } from "@/db/demo/generate";
import { resetData, type TestEngine } from "./db";

/**
 * What a describe block of tests on the demo data sets up: the engine's
 * database, emptied and loaded with the demo once for the block, emptied
 * and closed after it.
 */
export function demoSuite(engine: TestEngine): { readonly handle: DatabaseHandle } {
  let opened: DatabaseHandle | undefined;
  beforeAll(async () => {
    opened = await engine.open();
    await resetData(opened.db);
    await loadDemoDataset(opened.db, generateDemoDataset());
  }, 120_000);
  afterAll(async () => {
    if (!opened) return;
    await resetData(opened.db);
    await opened.close();
  });
  return {
    get handle() {
      if (!opened) throw new Error("database not open yet: use the suite inside a test or hook");
      return opened;
    },
  };
}

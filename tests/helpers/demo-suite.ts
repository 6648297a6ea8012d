import { afterAll, beforeAll } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { loadDemoDataset } from "@/db/demo/load";
import { generateDemoDataset } from "@/db/demo/generate";
import { resetData, type TestEngine } from "./db";

export interface EngineSuite {
  readonly handle: DatabaseHandle;
}

/**
 * What a describe block of tests on its own data sets up: the engine's
 * database, opened and emptied once for the block (then `setUp`), emptied
 * and closed after it.
 */
export function emptySuite(engine: TestEngine, setUp?: (handle: DatabaseHandle) => Promise<void>): EngineSuite {
  let opened: DatabaseHandle | undefined;
  beforeAll(async () => {
    opened = await engine.open();
    await resetData(opened.db);
    if (setUp) await setUp(opened);
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

/** The same, loaded with the demo once for the block. */
export function demoSuite(engine: TestEngine): EngineSuite {
  return emptySuite(engine, async (handle) => {
    await loadDemoDataset(handle.db, generateDemoDataset());
  });
}

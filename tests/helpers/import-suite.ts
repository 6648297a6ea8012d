import path from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { runImport, type ImportRequest } from "@/imports/run";
import type { ImportReport } from "@/imports/report";
import { resetData, type TestEngine } from "./db";

export const TEST_ZONE = "UMB-11";

export interface ImportSuite {
  /** The engine's database, open for the whole describe block. */
  readonly handle: DatabaseHandle;
  /** runImport as the CLI calls it: zone UMB-11, kind recognised from the file, commit all or nothing. */
  run: (filePath: string, options?: Partial<ImportRequest>) => Promise<ImportReport>;
}

/**
 * What every import test file sets up, inside its describe block: the
 * engine's handle opened once and closed at the end, the data emptied before
 * each test (then `setUp`, for data the tests of the file share), and
 * runImport with the tests' defaults.
 */
export function importSuite(engine: TestEngine, options: { defaults?: Partial<ImportRequest>; setUp?: (suite: ImportSuite) => Promise<void> } = {}): ImportSuite {
  let opened: DatabaseHandle | undefined;
  const suite: ImportSuite = {
    get handle() {
      if (!opened) throw new Error("database not open yet: use the suite inside a test or hook");
      return opened;
    },
    run: (filePath, overrides = {}) =>
      runImport(suite.handle, {
        fileName: path.basename(filePath),
        filePath,
        kind: null,
        zoneCode: TEST_ZONE,
        dryRun: false,
        validOnly: false,
        userLabel: "test",
        ...options.defaults,
        ...overrides,
      }),
  };
  beforeAll(async () => {
    opened = await engine.open();
  });
  afterAll(async () => opened?.close());
  beforeEach(async () => {
    await resetData(suite.handle.db);
    await options.setUp?.(suite);
  });
  return suite;
}

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildFixtures } from "../../fixtures/imports/make-fixtures";
import { FIXTURES } from "./helpers";

describe("import fixtures", () => {
  it("on disk match make-fixtures.ts (run it after changing a fixture)", () => {
    for (const [name, bytes] of Object.entries(buildFixtures())) {
      expect(new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))), name).toEqual(bytes);
    }
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * One formatting path for the numbers a reader sees (lib/format.ts): its
 * minus sign is U+2212 and it never prints "−0". A number formatted anywhere
 * else with ICU would print the ASCII hyphen, so the pages, the library and
 * the queries may call Intl.NumberFormat / toLocaleString("it-IT") on a
 * number only in lib/format.ts and where the text goes back into a form
 * input, which the parsers read with "-". (Import messages that quote a
 * value use lib/format too; their counts of rows and bytes are never negative.)
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const FORM_VALUE_WRITERS = new Set([
  "lib/format.ts",
  "lib/targets/validate.ts", // formatMilestones: the milestones field's value
  "app/zone/[code]/compartecipazione/search-params.ts", // the simulator's form values
  "app/zone/[code]/piano/PlanForms.tsx", // the target form's values
]);
const NUMBER_FORMATTING = /new Intl\.NumberFormat|\.toLocaleString\("it-IT"(?!, \{ timeZone)/;

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

describe("number formatting", () => {
  it("formats displayed numbers only through lib/format", () => {
    const offenders = ["app", "lib", "db/queries"]
      .flatMap(sources)
      .filter((f) => !FORM_VALUE_WRITERS.has(f))
      .filter((f) => NUMBER_FORMATTING.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});

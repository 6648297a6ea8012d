import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KIND_NAMES } from "@/imports/kinds/index";
import { templateCsv } from "@/imports/kinds/template";
import { collectMapped, mapCsv } from "@/imports/pipeline/map";
import { buildFixtures } from "../../fixtures/imports/make-fixtures";

/**
 * Mutated valid files never make the pipeline throw: each run ends with typed
 * rows or an Italian message (file-level or per row), and never with the
 * generic message that stands for an unexpected exception.
 */
const seeds: Uint8Array[] = [...Object.values(buildFixtures()).filter((b) => b.length > 40), ...KIND_NAMES.map(templateCsv)];
const CODES = ["POP_TOT", "POP_65_PLUS", "IND_VECCHIAIA"];
const SPECIAL = [0x3b, 0x2c, 0x09, 0x7c, 0x22, 0x0a, 0x0d, 0x00, 0xe0, 0xc3, 0xa9, 0xff, 0xfe, 0x3d, 0x40];

type Mutation =
  | { op: "flip"; at: number; byte: number }
  | { op: "insert"; at: number; bytes: number[] }
  | { op: "delete"; at: number; length: number }
  | { op: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), byte: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...SPECIAL)) }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), bytes: fc.array(fc.constantFrom(...SPECIAL), { minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
);

function apply(bytes: Uint8Array, m: Mutation): Uint8Array {
  const a = [...bytes];
  const at = a.length === 0 ? 0 : m.at % (a.length + 1);
  if (m.op === "flip" && a.length > 0) a[Math.min(at, a.length - 1)] = m.byte;
  if (m.op === "insert") a.splice(at, 0, ...m.bytes);
  if (m.op === "delete") a.splice(at, m.length);
  if (m.op === "truncate") a.length = at;
  return Uint8Array.from(a);
}

describe("fuzz: mutated valid files", () => {
  it("never throw, and always end with rows or a message", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), async (seed, mutations, withKind) => {
        const bytes = mutations.reduce(apply, seeds[seed] as Uint8Array);
        const result = await mapCsv(() => bytes, { indicatorCodes: CODES, kind: withKind ? "valori" : undefined });
        const { rows, errors, fileIssues } = await collectMapped(result);
        expect(fileIssues.filter((i) => i.code === "unreadable")).toEqual([]);
        expect(rows.length + errors.length + fileIssues.length).toBeGreaterThan(0);
        for (const e of errors) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.message.length).toBeGreaterThan(0);
        }
        for (const i of fileIssues) expect(i.message).toMatch(/[a-zà-ù]/i);
      }),
      { numRuns: 300 },
    );
  });
});

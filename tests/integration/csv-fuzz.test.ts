import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { runImport } from "@/imports/run";
import { revertBatch } from "@/imports/load/revert";
import { resetData, testEngines } from "@/tests/helpers/db";
import { fixture } from "@/tests/helpers/files";

const VALID = Buffer.from(
  "Titolo del file;;;\r\nindicatore;comune;periodo;valore\r\nPOP_TOT;Narni;2024;19.313\r\nPOP_TOT;Calvi dell'Umbria;2024;1.717\r\n\"PERC_65_PLUS\";\"Amelia\";2024;28,4\r\nFonte: ISTAT;;;\r\n",
  "latin1",
);

/** A mutation of the valid file: byte flips, cuts, inserted delimiters, quotes and newlines. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom(";", '"', "\n", "\r", ",", "\t", "=1+1", "\u0000", "ü", "..") }),
);

type Step = { kind: "flip"; at: number; byte: number } | { kind: "cut"; at: number } | { kind: "insert"; at: number; text: string };

function mutate(bytes: Buffer, steps: Step[]): Buffer {
  let out = Buffer.from(bytes);
  for (const s of steps) {
    const at = out.length === 0 ? 0 : s.at % out.length;
    if (s.kind === "flip") out[at] = s.byte;
    else if (s.kind === "cut") out = out.subarray(0, at);
    else out = Buffer.concat([out.subarray(0, at), Buffer.from(s.text, "utf8"), out.subarray(at)]);
  }
  return out;
}

// Property runs are many: PGlite alone keeps the suite quick; the code path is the same on PostgreSQL.
const [pglite] = testEngines();

describe(`CSV import fuzzing on ${pglite!.name}`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await pglite!.open();
    await resetData(handle.db);
  });
  afterAll(async () => handle.close());

  const counts = async () => {
    const [o, b] = await Promise.all([
      handle.db.selectFrom("observation").select(({ fn }) => fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow(),
      handle.db.selectFrom("import_batch").select(({ fn }) => fn.countAll<number | string>().as("n")).where("status", "=", "committed").executeTakeFirstOrThrow(),
    ]);
    return `${Number(o.n)}/${Number(b.n)}`;
  };

  // 150 imports: on a busy machine this takes longer than the default two minutes.
  it("never crashes; a file that is not committed leaves the database unchanged and says why", { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (steps) => {
        const file = fixture(mutate(VALID, steps));
        const before = await counts();
        const report = await runImport(handle, {
          fileName: path.basename(file),
          filePath: file,
          kind: null,
          zoneCode: "UMB-11",
          dryRun: false,
          validOnly: false,
          userLabel: "fuzz",
        });
        if (report.status === "committed") {
          await revertBatch(handle, report.batchId as number, "fuzz");
          return;
        }
        expect(await counts()).toBe(before);
        if (report.status === "rejected") {
          expect(report.fileErrors.length + report.errors.length).toBeGreaterThan(0);
          for (const e of report.errors) expect(e.message).toMatch(/^Riga \d+/);
        }
      }),
      { numRuns: 150, seed: 20261124 },
    );
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRecords } from "@/imports/csv/records";
import { detectDialect, readRecords } from "@/imports/csv/read";
import { closest, editDistance, nameKey } from "@/imports/csv/text";

/**
 * Hostile files cost what a plain file of the same size costs: times are
 * compared with each other (a ratio), never with a clock budget.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-parser-cost-"));
const SIZE = 400_000;
const HEADER = "indicatore;comune;periodo;valore\n";

function plainText(size: number): string {
  const row = "POP_TOT;Narni;2024;19313\n";
  return HEADER + row.repeat(Math.ceil((size - HEADER.length) / row.length)).slice(0, size - HEADER.length - 1) + "\n";
}

/** Each quote after a non-empty unquoted field used to re-trim the whole field: quadratic. */
const bombs: Record<string, string> = {
  "quotes after an unquoted field": HEADER + 'POP_TOT;x' + '"'.repeat(SIZE - HEADER.length - 10) + "\n",
  "doubled quotes inside a quoted field": HEADER + 'POP_TOT;"' + '""'.repeat((SIZE - HEADER.length - 12) / 2) + '"\n',
  "blanks, then quotes": HEADER + "POP_TOT;" + " ".repeat((SIZE - HEADER.length) / 2) + "x" + '"'.repeat((SIZE - HEADER.length) / 2 - 12) + "\n",
};

/** Fastest of a few runs, after a warm-up: the least noisy figure on a shared machine. */
async function fastest(run: () => unknown): Promise<number> {
  await run();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

async function readAll(file: string): Promise<number> {
  const { dialect } = detectDialect(file);
  let n = 0;
  for await (const record of readRecords(file, dialect)) n += record.cells.length;
  return n;
}

describe("parsing cost", () => {
  it.each(Object.entries(bombs))("a file of %s costs at most 5× a plain file of the same size", async (_name, bomb) => {
    const plain = plainText(bomb.length);
    expect(plain.length).toBe(bomb.length);
    const plainFile = path.join(dir, "plain.csv");
    const bombFile = path.join(dir, "bomb.csv");
    fs.writeFileSync(plainFile, plain);
    fs.writeFileSync(bombFile, bomb);
    const ratioInMemory = (await fastest(() => parseRecords(bomb, ";"))) / (await fastest(() => parseRecords(plain, ";")));
    const ratioFromDisk = (await fastest(() => readAll(bombFile))) / (await fastest(() => readAll(plainFile)));
    expect(ratioInMemory).toBeLessThanOrEqual(5);
    expect(ratioFromDisk).toBeLessThanOrEqual(5);
  });

  it("reads the quote bomb as the same cell as before", () => {
    const records = parseRecords('a;b\nx;y"""z\n"p""q";" "\n', ";");
    expect(records.map((r) => r.cells)).toEqual([["a", "b"], ["x", 'y"""z'], ['p"q', " "]]);
  });

  it("lets the event loop run while a large file is read", async () => {
    // One disk chunk of tiny records, each taking a little work: without yielding, the
    // whole chunk would run in one turn of the event loop.
    const file = path.join(dir, "many.csv");
    fs.writeFileSync(file, "a;b\n" + "1;2\n".repeat(15_000));
    const { dialect } = detectDialect(file);
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    let records = 0;
    const before = ticks;
    for await (const record of readRecords(file, dialect)) {
      records += record.cells.length / 2;
      const until = performance.now() + 0.05;
      while (performance.now() < until) {
        // the work of checking one row
      }
    }
    running = false;
    expect(records).toBe(15_001);
    // About 0.75 s of work: another request gets a turn every few tens of milliseconds.
    expect(ticks - before).toBeGreaterThanOrEqual(10);
  });
});

describe("suggestions", () => {
  it("gives none for absurdly long inputs, and still suggests for real typos", () => {
    const names = ["Narni", "Amelia", "Otricoli", "Calvi dell'Umbria"];
    expect(closest("Narnia", names, nameKey)).toEqual(["Narni"]);
    expect(closest("N" + "a".repeat(999_999), names, nameKey)).toEqual([]);
    expect(closest("a ".repeat(300), names, nameKey)).toEqual([]);
  });

  it("stops computing a distance once it exceeds the bound", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("kitten", "sitting", 2)).toBe(3);
    expect(editDistance("a".repeat(50), "b".repeat(50), 3)).toBe(4);
    expect(editDistance("abc", "abcdefgh", 2)).toBe(3);
  });
});

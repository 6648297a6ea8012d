import { describe, expect, it } from "vitest";
import { KINDS, type KindSpec } from "@/imports/csv/kinds";
import { parseRecords } from "@/imports/csv/records";
import { templateCsv } from "@/imports/csv/templates";

describe("import templates", () => {
  for (const kind of Object.keys(KINDS) as KindSpec["kind"][]) {
    it(`${kind}: the documented header and examples, read back by the importer's own reader`, () => {
      const csv = templateCsv(kind);
      expect(csv.startsWith("\uFEFF")).toBe(true);
      expect(csv.endsWith("\r\n")).toBe(true);
      const [header, ...rows] = parseRecords(csv.slice(1), ";");
      expect(header?.cells).toEqual(KINDS[kind].columns.map((c) => c.label));
      expect(rows.map((r) => r.cells)).toEqual(KINDS[kind].examples.map((e) => [...e]));
    });
  }
});

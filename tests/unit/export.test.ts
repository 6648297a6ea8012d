import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/export/csv";
import { toXlsx } from "@/lib/export/xlsx";

describe("exports", () => {
  it("writes CSV for Italian Excel: BOM, ;, decimal comma, formulas neutralised", () => {
    const csv = toCsv(["comune", "valore"], [["Calvi dell'Umbria", 12.5], ["=HYPERLINK(\"x\")", null], ["a;b", 3]]);
    expect(csv).toBe('\uFEFFcomune;valore\r\nCalvi dell\'Umbria;12,5\r\n"\'=HYPERLINK(""x"")";\r\n"a;b";3\r\n');
  });

  it("writes an XLSX workbook (a zip)", async () => {
    const buffer = await toXlsx("Prova", ["a", "b"], [["x", 1], ["=1+1", null]]);
    expect(buffer.subarray(0, 2).toString()).toBe("PK");
    expect(buffer.length).toBeGreaterThan(1000);
  });
});

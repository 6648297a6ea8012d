import { describe, expect, it } from "vitest";
// fflate is write-excel-file's own zip library: reading the workbook back checks what Excel would see.
import { strFromU8, unzipSync } from "fflate";
import { csvCell, toCsv } from "@/lib/export/csv";
import { numberFormat, sheetNames, toXlsx, toXlsxBook } from "@/lib/export/xlsx";
import { csvFormatOf, exportResponse, ExportRequestError, roundTo } from "@/lib/export/table";

describe("exports", () => {
  it("writes CSV for Italian Excel: BOM, ;, decimal comma, formulas neutralised", () => {
    const csv = toCsv(["comune", "valore"], [["Calvi dell'Umbria", 12.5], ["=HYPERLINK(\"x\")", null], ["a;b", 3]]);
    expect(csv).toBe('\uFEFFcomune;valore\r\nCalvi dell\'Umbria;12,5\r\n"\'=HYPERLINK(""x"")";\r\n"a;b";3\r\n');
  });

  it("neutralises every formula prefix in text cells, but not negative numbers", () => {
    expect(["=1+1", "+39 0744", "-2", "@SUM(A1)", "\tx"].map((v) => csvCell(v))).toEqual(["'=1+1", "'+39 0744", "'-2", "'@SUM(A1)", "'\tx"]);
    expect(csvCell(-2.5)).toBe("-2,5");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell("riga\nnuova")).toBe('"riga\nnuova"');
  });

  it("writes an XLSX workbook whose text cells are never formulas", async () => {
    const buffer = await toXlsx("Prova", ["a", "b"], [["x", 1.5], ["=1+1", null], ["055022", 2]]);
    expect(buffer.subarray(0, 2).toString()).toBe("PK");
    const files = unzipSync(new Uint8Array(buffer));
    const sheetName = Object.keys(files).find((f) => /worksheets\/sheet1\.xml$/.test(f));
    expect(sheetName).toBeDefined();
    const sheet = strFromU8(files[sheetName as string] as Uint8Array);
    expect(sheet).not.toContain("<f>");
    const everything = Object.values(files).map((f) => strFromU8(f)).join("\n");
    // The formula text and a code with a leading zero are kept as text.
    expect(everything).toContain("=1+1");
    expect(everything).toContain("055022");
    expect(sheet).toContain("1.5");
  });

  it("rounds as the page shows", () => {
    expect(roundTo(15.0769230769, 1)).toBe(15.1);
    expect(roundTo(20549.6, 0)).toBe(20550);
    expect(roundTo(-0.04, 1)).toBe(0);
    expect(roundTo(null, 1)).toBeNull();
    expect(roundTo(Number.POSITIVE_INFINITY, 1)).toBeNull();
  });

  it("answers a download with the right type and a safe file name", async () => {
    const table = { fileBase: "territorio UMB-11/2025", sheet: "Territorio", header: ["a"], rows: [[1]] };
    const csv = await exportResponse("csv", table);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="territorio_UMB-11_2025.csv"');
    // The bytes start with the UTF-8 BOM (Response.text() would strip it while decoding).
    expect([...new Uint8Array(await csv.arrayBuffer())]).toEqual([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x31, 0x0d, 0x0a]);
    const xlsx = await exportResponse("xlsx", table);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    expect(xlsx.headers.get("content-disposition")).toContain(".xlsx");
  });

  it("writes standard CSV: no BOM, comma, decimal point, quotes around commas, formulas neutralised", () => {
    const csv = toCsv(["comune", "valore"], [["Narni, capofila", { value: 12.345, decimals: 1 }], ["=1+1", -2.5], ["x", null]], "standard");
    expect(csv).toBe('comune,valore\r\n"Narni, capofila",12.3\r\n\'=1+1,-2.5\r\nx,\r\n');
    expect(csvCell({ value: 1234.56, decimals: 0 })).toBe("1235");
    expect(csvCell({ value: -0.04, decimals: 1 }, "standard")).toBe("0");
    // A semicolon needs no quotes in the standard dialect, a comma does not in the Italian one.
    expect(csvCell("a;b", "standard")).toBe("a;b");
    expect(csvCell("a,b")).toBe("a,b");
    expect(csvCell("\rx", "standard")).toBe('"\'\rx"');
  });

  it("reads the CSV dialect from formato=", () => {
    expect(csvFormatOf(new URLSearchParams(""))).toBe("csv");
    expect(csvFormatOf(new URLSearchParams("formato=excel"))).toBe("csv");
    expect(csvFormatOf(new URLSearchParams("formato=standard"))).toBe("csv-standard");
    expect(() => csvFormatOf(new URLSearchParams("formato=tsv"))).toThrow(ExportRequestError);
  });

  it("gives numbers with decimals an Excel number format, and notes under the table", async () => {
    expect(numberFormat(0)).toBe("#,##0");
    expect(numberFormat(2)).toBe("#,##0.00");
    const files = unzipSync(new Uint8Array(await toXlsx("Prova", ["a", "b"], [["x", { value: 1234.5678, decimals: 1 }]], ["* nota"])));
    const styles = strFromU8(files["xl/styles.xml"] as Uint8Array);
    expect(styles).toContain('formatCode="#,##0.0"');
    const everything = Object.values(files).map((f) => strFromU8(f)).join("\n");
    expect(everything).toContain("1234.5678");
    expect(everything).toContain("* nota");
  });

  it("writes one sheet per table with names Excel accepts", async () => {
    expect(sheetNames(["Popolazione: comuni [2025]", "a".repeat(40), "a".repeat(40), "Indice", "indice"])).toEqual([
      "Popolazione  comuni  2025",
      "a".repeat(31),
      `${"a".repeat(29)} 2`,
      "Indice",
      "indice 2",
    ]);
    const files = unzipSync(new Uint8Array(await toXlsxBook([{ name: "Uno", header: ["a"], rows: [[1]] }, { name: "Due", header: ["b"], rows: [["x"]] }])));
    expect(Object.keys(files).filter((f) => /worksheets\/sheet\d\.xml$/.test(f))).toHaveLength(2);
    expect(strFromU8(files["xl/workbook.xml"] as Uint8Array)).toMatch(/name="Uno".*name="Due"/s);
  });

  it("answers the standard CSV without a BOM", async () => {
    const csv = await exportResponse("csv-standard", { fileBase: "t", sheet: "T", header: ["a"], rows: [[1.5]] });
    expect([...new Uint8Array(await csv.arrayBuffer())]).toEqual([0x61, 0x0d, 0x0a, 0x31, 0x2e, 0x35, 0x0d, 0x0a]);
  });
});

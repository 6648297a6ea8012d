import { describe, expect, it } from "vitest";
import { detectDelimiter, detectHeader, detectLineEnding, isNoteRow } from "@/imports/detect/dialect";
import { tokenize } from "@/imports/parse/tokenizer";

describe("detectDelimiter", () => {
  it.each([
    [";", "comune;anno;valore\nNarni;2024;1,5\nAmelia;2024;2,5\n"],
    [",", 'comune,anno,valore\nNarni,2024,1.5\n"Citta, di Castello",2024,2.5\n'],
    ["\t", "comune\tanno\tvalore\nNarni\t2024\t1,5\n"],
    ["|", "comune|anno|valore\nNarni|2024|1,5\nAmelia|2024|3\n"],
  ])("finds %j", (delimiter, text) => {
    expect(detectDelimiter(text, { complete: true }).delimiter).toBe(delimiter);
  });

  it("is not fooled by commas inside quoted fields", () => {
    const text = 'nome;indirizzo\n"Centro, diurno";"Via Roma, 1, int. 2"\nSportello;"Piazza, 3"\n';
    expect(detectDelimiter(text, { complete: true })).toMatchObject({ delimiter: ";", fields: 2 });
  });

  it("prefers ; on a tie (Italian Excel)", () => {
    expect(detectDelimiter("a;b,c\n1;2,3\n", { complete: true }).delimiter).toBe(";");
  });
});

describe("detectLineEnding", () => {
  it("tells CRLF, LF and CR apart", () => {
    expect(detectLineEnding("a\r\nb\r\n")).toBe("CRLF");
    expect(detectLineEnding("a\nb\n")).toBe("LF");
    expect(detectLineEnding("a\rb\r")).toBe("CR");
    expect(detectLineEnding("a")).toBe("nessuno");
  });
});

describe("detectHeader", () => {
  const text = [
    "Popolazione residente al 1° gennaio 2024;;;",
    "Elaborazione Ufficio di Piano;;;",
    ";;;",
    "comune;maschi;femmine;totale",
    "Narni;9.300;10.013;19.313",
    "Amelia;5.800;6.061;11.861",
    "Totale;15.100;16.074;31.174",
    "Fonte: ISTAT;;;",
  ].join("\n");
  const records = tokenize(text, ";");

  it("skips title rows above the header", () => {
    expect(records[detectHeader(records)]?.line).toBe(4);
  });

  it("uses the kind-aware test when given", () => {
    expect(detectHeader(records, { isHeader: (cells) => cells.includes("maschi") })).toBe(3);
  });

  it("recognises notes, not totals", () => {
    expect(isNoteRow(["Fonte: ISTAT", "", ""])).toBe(true);
    expect(isNoteRow(["Note: dati provvisori"])).toBe(true);
    expect(isNoteRow(["(*) stima"])).toBe(true);
    expect(isNoteRow(["Totale", "15.100", "16.074"])).toBe(false);
    expect(isNoteRow(["Narni", "", ""])).toBe(false);
  });
});

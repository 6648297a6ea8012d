import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { detectEncoding, createDecoder, FileRejected } from "@/imports/csv/decode";
import { parseRecords } from "@/imports/csv/records";
import { detectDelimiter, isNoteRow } from "@/imports/csv/read";
import { decideConvention, emptyEvidence, missingReasonOf, observeNumber, parseNumber } from "@/imports/csv/number";
import { parsePeriod, parseItalianDate } from "@/imports/csv/period";
import { createComuneResolver, normaliseIstatCode } from "@/imports/csv/comune";
import { looksLikeFormula } from "@/imports/csv/cells";
import { nameKey, headerKey } from "@/imports/csv/text";

describe("encoding", () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it.each([
    ["UTF-8 con BOM", bytes(0xef, 0xbb, 0xbf, 0x61)],
    ["UTF-16LE", bytes(0xff, 0xfe, 0x61, 0)],
    ["UTF-16BE", bytes(0xfe, 0xff, 0, 0x61)],
    ["UTF-8", new Uint8Array(Buffer.from("Città;Sant’Anatolia", "utf8"))],
    ["Windows-1252", new Uint8Array(iconv.encode("Città;Sant’Anatolia;€", "win1252"))],
  ])("detects %s", (encoding, sample) => {
    expect(detectEncoding(sample).encoding).toBe(encoding);
  });

  it("decodes Windows-1252 typographic apostrophes and the euro sign", () => {
    const decoder = createDecoder(detectEncoding(iconv.encode("Sant’Anatolia 5 €", "win1252")));
    expect(decoder.write(iconv.encode("Sant’Anatolia 5 €", "win1252")) + decoder.end()).toBe("Sant’Anatolia 5 €");
  });

  it("rejects binaries and mixed encodings with Italian messages", () => {
    expect(() => detectEncoding(bytes(0x50, 0x4b, 3, 4))).toThrow(/Excel/);
    expect(() => detectEncoding(bytes(0x25, 0x50, 0x44, 0x46))).toThrow(/PDF/);
    expect(() => detectEncoding(bytes(0x61, 0, 0x62))).toThrow(/byte nulli/);
    expect(() => detectEncoding(new Uint8Array([...Buffer.from("città ", "utf8"), 0xe0, 0x20, 0x78]))).toThrow(/Codifica mista/);
    expect(() => detectEncoding(new Uint8Array())).toThrow(FileRejected);
  });

  it("keeps a UTF-8 character split across chunks", () => {
    const all = Buffer.from("Città", "utf8");
    const decoder = createDecoder({ encoding: "UTF-8", bomLength: 0, codec: "utf8" });
    expect(decoder.write(all.subarray(0, 4)) + decoder.write(all.subarray(4)) + decoder.end()).toBe("Città");
  });
});

describe("records and dialect", () => {
  it("reads quoted delimiters, doubled quotes and newlines, CRLF, with physical line numbers", () => {
    const records = parseRecords('a;b\r\n"x;1";"he said ""hi"""\r\n"two\r\nlines";z\r\nlast;row', ";");
    expect(records).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["x;1", 'he said "hi"'] },
      { line: 3, cells: ["two\nlines", "z"] },
      { line: 5, cells: ["last", "row"] },
    ]);
  });

  it("rejects an unclosed quote", () => {
    expect(() => parseRecords('a;"b\nc', ";")).toThrow(/virgolette/);
  });

  it.each([
    [";", "a;b;c\n1,5;2;3\n4;5,5;6\n"],
    [",", "a,b,c\n1.5,2,3\n4,5.5,6\n"],
    ["\t", "a\tb\tc\n1,5\t2\t3\n"],
    ["|", "a|b|c\n1|2|3\n"],
  ])("detects the delimiter %j", (delimiter, text) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it("recognises footer notes", () => {
    expect(isNoteRow(["Fonte: ISTAT", "", ""])).toBe(true);
    expect(isNoteRow(["(*) dati provvisori"])).toBe(true);
    expect(isNoteRow(["Totale", "123"])).toBe(false);
  });
});

describe("numbers", () => {
  const decide = (values: string[], delimiter = ";") => {
    const e = emptyEvidence();
    values.forEach((v) => observeNumber(e, v));
    return decideConvention(e, delimiter);
  };
  it.each([
    ["1.234,56", "it", 1234.56],
    ["1234,56", "it", 1234.56],
    ["1,234.56", "en", 1234.56],
    ["1234.56", "en", 1234.56],
    ["12%", "it", 12],
    ["1 234 567", "it", 1234567],
    ["1\u00a0234,5", "it", 1234.5],
    ["-3,5", "it", -3.5],
    ["1.234.567", "it", 1234567],
  ])("parses %s", (raw, convention, value) => {
    expect(parseNumber(raw, convention as "it" | "en")).toEqual({ ok: true, value });
  });

  it.each(["", "n.d.", "..", "....", "*", "x", "NA"])("reads %j as missing", (raw) => {
    expect(parseNumber(raw, "it")).toEqual({ ok: true, value: null });
  });

  it.each(["-", "–", "—", "\u2212", " - "])("reads ISTAT's %j (the phenomenon does not exist) as zero", (raw) => {
    expect(parseNumber(raw, "it")).toEqual({ ok: true, value: 0 });
  });

  it("keeps the reason of ISTAT's conventional missing signs, and none for a plain blank", () => {
    expect(missingReasonOf("....")).toBe("unknown");
    expect(missingReasonOf("..")).toBe("below_half_unit");
    expect(missingReasonOf("*")).toBe("confidential");
    expect(missingReasonOf(" X ")).toBe("confidential");
    expect(missingReasonOf("")).toBeNull();
    expect(missingReasonOf("n.d.")).toBeNull();
    expect(missingReasonOf("-")).toBeNull();
    expect(missingReasonOf("12")).toBeNull();
  });

  it("decides an ambiguous value from the rest of the column, or from the delimiter", () => {
    expect(decide(["1.234", "2,5"])).toBe("it");
    expect(decide(["1.234", "2.5"])).toBe("en");
    expect(decide(["1.234", "5.678"], ";")).toBe("it");
    expect(decide(["1,234", "5,678"], ",")).toBe("en");
    expect(parseNumber("1.234", "it")).toEqual({ ok: true, value: 1234 });
    expect(parseNumber("1.234", "en")).toEqual({ ok: true, value: 1.234 });
  });

  it("rejects the other convention in a decided column, and text", () => {
    expect(parseNumber("1,234.5", "it").ok).toBe(false);
    expect(parseNumber("12abc", "it").ok).toBe(false);
  });
});

describe("periods and dates", () => {
  it.each([
    ["2024", "2024", "year"],
    ["2024-03", "2024-03", "month"],
    ["03/2024", "2024-03", "month"],
    ["2024-T1", "2024-Q1", "quarter"],
    ["2024-Q4", "2024-Q4", "quarter"],
    ["I trimestre 2024", "2024-Q1", "quarter"],
    ["1° trimestre 2024", "2024-Q1", "quarter"],
    ["IV trim. 2023", "2023-Q4", "quarter"],
    ["15/03/2024", "2024-03", "month"],
  ])("reads %s as %s", (raw, period, type) => {
    expect(parsePeriod(raw)).toMatchObject({ period, type });
  });

  it("gives quarter and month bounds and rejects impossible dates", () => {
    expect(parsePeriod("2024-Q1")).toMatchObject({ start: "2024-01-01", end: "2024-03-31" });
    expect(parsePeriod("2024-02")).toMatchObject({ end: "2024-02-29" });
    expect(parseItalianDate("31/02/2024")).toBeNull();
    expect(parseItalianDate("01/12/2025")).toBe("2025-12-01");
    expect(parsePeriod("2024-13")).toBeNull();
  });
});

describe("comuni", () => {
  const comuni = [
    { istat: "054031", name: "Monteleone di Spoleto", province: "PG", cadastral: "F540", zoneCode: "UMB-06" },
    { istat: "055018", name: "Monteleone d'Orvieto", province: "TR", cadastral: "F543", zoneCode: "UMB-12" },
    { istat: "054045", name: "Sant'Anatolia di Narco", province: "PG", cadastral: "H820", zoneCode: "UMB-06" },
    { istat: "054013", name: "Città di Castello", province: "PG", cadastral: "C745", zoneCode: "UMB-01" },
    { istat: "054039", name: "Perugia", province: "PG", cadastral: "G478", zoneCode: "UMB-02" },
    { istat: "099001", name: "Castello", province: "AA", cadastral: "Z001", zoneCode: null },
    { istat: "099002", name: "Castello", province: "BB", cadastral: "Z002", zoneCode: null },
  ];
  const inZone6 = createComuneResolver(comuni, { zoneCode: "UMB-06", provinces: ["PG"] });

  it("resolves codes, restoring leading zeros, and cadastral codes", () => {
    expect(normaliseIstatCode("54039")).toBe("054039");
    expect(inZone6.resolve("54045")).toMatchObject({ ok: true, comune: { istat: "054045" } });
    expect(inZone6.resolve("h820")).toMatchObject({ ok: true, comune: { istat: "054045" } });
  });

  it("ignores case, typographic apostrophes and accents typed as apostrophes", () => {
    expect(inZone6.resolve("SANT’ANATOLIA DI NARCO")).toMatchObject({ ok: true, comune: { istat: "054045" } });
    expect(inZone6.resolve("  Monteleone   di Spoleto ")).toMatchObject({ ok: true, comune: { istat: "054031" } });
    expect(nameKey("Citta' di Castello")).toBe(nameKey("Città di Castello"));
  });

  it("suggests the near twin for an unknown name, never guessing", () => {
    const r = inZone6.resolve("Monteleone di Spoletto");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain("forse intendevi: Monteleone di Spoleto");
  });

  it("names the zone of a comune found elsewhere, and lists candidates of an ambiguous name", () => {
    // Same province: resolved, and the caller reports the zone (rows.ts).
    expect(inZone6.resolve("Perugia")).toMatchObject({ ok: true, comune: { zoneCode: "UMB-02" } });
    const twin = inZone6.resolve("Monteleone d’Orvieto");
    expect(!twin.ok && twin.message).toContain("Monteleone d'Orvieto (TR, 055018) non appartiene alla zona UMB-06");
    const anywhere = createComuneResolver(comuni, { zoneCode: null, provinces: ["AA", "BB"] });
    const castello = anywhere.resolve("Castello");
    expect(!castello.ok && castello.message).toMatch(/ambiguo.*099001.*099002/);
  });
});

describe("cells and headers", () => {
  it("treats spreadsheet formulas as formulas and negative numbers as numbers", () => {
    expect(looksLikeFormula('=HYPERLINK("x")')).toBe(true);
    expect(looksLikeFormula("@SUM(A1)")).toBe(true);
    expect(looksLikeFormula("+cmd|' /C calc'!A0")).toBe(true);
    expect(looksLikeFormula("-12,5")).toBe(false);
  });

  it("matches headers ignoring case, accents, spaces and punctuation", () => {
    expect(headerKey("Unità di misura")).toBe(headerKey("unita_di_misura"));
    expect(headerKey("Codice Comune\nformato alfanumerico")).toBe(headerKey("Codice Comune formato alfanumerico"));
  });
});

describe("an ASCII-looking file that turns out to be Windows-1252", () => {
  it("switches to Windows-1252 at the first accented byte when no UTF-8 was seen", () => {
    const decoder = createDecoder({ encoding: "UTF-8", bomLength: 0, codec: "utf8", asciiOnly: true });
    const text = decoder.write(Buffer.from("Narni;1\n")) + decoder.write(iconv.encode("Città;2\n", "win1252")) + decoder.end();
    expect(text).toBe("Narni;1\nCittà;2\n");
    expect(decoder.encoding()).toBe("Windows-1252");
  });

  it("keeps a held byte split across chunks", () => {
    const decoder = createDecoder({ encoding: "UTF-8", bomLength: 0, codec: "utf8", asciiOnly: true });
    const bytes = iconv.encode("ab\u00e0", "win1252"); // ends with 0xe0, a UTF-8 lead byte
    const text = decoder.write(bytes) + decoder.write(Buffer.from("xy")) + decoder.end();
    expect(text).toBe("abàxy");
  });

  it("is a mixed encoding when UTF-8 characters came before", () => {
    const decoder = createDecoder({ encoding: "UTF-8", bomLength: 0, codec: "utf8", asciiOnly: true });
    decoder.write(Buffer.from("città\n", "utf8"));
    expect(() => decoder.write(iconv.encode("Città\n", "win1252"))).toThrow(/Codifica mista/);
  });
});

import { describe, expect, it } from "vitest";
import { CsvTokenizer, tokenize } from "@/imports/parse/tokenizer";
import { FileError } from "@/imports/validate/errors";

describe("tokenize", () => {
  it("splits records with quotes, escaped quotes and delimiters inside quotes", () => {
    expect(tokenize('a;"b;c";"d ""e"""\n1;2;3\n', ";").map((r) => r.cells)).toEqual([
      ["a", "b;c", 'd "e"'],
      ["1", "2", "3"],
    ]);
  });

  it("counts physical lines across quoted newlines, CRLF and lone CR", () => {
    const records = tokenize('h1;h2\r\n"x\r\ny";1\r\nz;2\rw;3', ";");
    expect(records.map((r) => [r.line, r.endLine])).toEqual([
      [1, 1],
      [2, 3],
      [4, 4],
      [5, 5],
    ]);
    expect(records[1]?.cells[0]).toBe("x\ny");
  });

  it("gives the same records whatever the chunk boundaries", () => {
    const text = 'a;"q ""1"";\r\n2";c\r\n\r\nd;e;"f"\r\n';
    const whole = tokenize(text, ";");
    for (let size = 1; size <= 5; size++) {
      const t = new CsvTokenizer(";");
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...t.push(text.slice(i, i + size)));
      out.push(...t.finish());
      expect(out).toEqual(whole);
    }
  });

  it("keeps blank lines as one empty cell and the last record without newline", () => {
    expect(tokenize("a\n\nb", ";").map((r) => r.cells)).toEqual([["a"], [""], ["b"]]);
  });

  it("treats a quote inside an unquoted field as a character (like Excel)", () => {
    expect(tokenize('12" monitor;x\n', ";")[0]?.cells).toEqual(['12" monitor', "x"]);
  });

  it("reports an unclosed quote with the line where it opened", () => {
    expect(() => tokenize('a;b\n1;"open\n2;3\n', ";")).toThrowError(/riga 2/);
    try {
      tokenize('a;b\n1;"open\n', ";");
    } catch (e) {
      expect(e).toBeInstanceOf(FileError);
      expect((e as FileError).code).toBe("unterminated-quote");
    }
  });

  it("stops at a field longer than the limit and at too many columns", () => {
    expect(() => tokenize("a;" + "x".repeat(1_000_001) + "\n", ";")).toThrowError(/supera 100\.000 caratteri/);
    expect(() => tokenize(";".repeat(10_000) + "\n", ";")).toThrowError(/più di 2000 colonne/);
  });
});

import { describe, expect, it } from "vitest";
import { createStreamDecoder, decodeBytes, detectEncoding } from "@/imports/detect/encoding";
import { FileError } from "@/imports/validate/errors";
import { fixture } from "./helpers";

function fileError(fn: () => unknown): FileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FileError) return e;
    throw e;
  }
  throw new Error("expected a FileError");
}

const enc = (s: string) => new TextEncoder().encode(s);

describe("detectEncoding / decodeBytes", () => {
  it("reads Windows-1252 (ISTAT's file) when the bytes are not UTF-8", () => {
    const { text, encoding } = decodeBytes(fixture("istat-comuni-win1252.csv"));
    expect(encoding).toBe("windows-1252");
    expect(text).toContain("Città di Castello");
    expect(text).toContain("Monteleone d’Orvieto");
  });

  it("reads UTF-8 with BOM and drops the BOM", () => {
    const { text, encoding } = decodeBytes(fixture("valori-excel-utf8bom.csv"));
    expect(encoding).toBe("utf-8-bom");
    expect(text.startsWith("Indicatori")).toBe(true);
  });

  it("reads UTF-16 LE and BE with BOM", () => {
    expect(decodeBytes(fixture("valori-unicode-utf16le.txt"))).toMatchObject({ encoding: "utf-16le" });
    expect(decodeBytes(fixture("valori-unicode-utf16le.txt")).text.startsWith("indicatore\tcomune")).toBe(true);
    expect(decodeBytes(fixture("valori-utf16be.csv")).text).toContain("POP_TOT;Narni");
  });

  it("reads UTF-8 without BOM", () => {
    expect(decodeBytes(enc("comune\nPerugia;più\n"))).toEqual({ text: "comune\nPerugia;più\n", encoding: "utf-8" });
  });

  it("rejects a 0-byte file", () => {
    expect(fileError(() => detectEncoding(fixture("empty.csv")))).toMatchObject({ code: "empty", message: "Il file è vuoto (0 byte)." });
  });

  it.each([
    ["fake-xlsx.csv", /foglio Excel \(\.xlsx\)/],
    ["fake-pdf.csv", /PDF/],
  ])("recognises %s as not a CSV", (name, message) => {
    const e = fileError(() => detectEncoding(fixture(name)));
    expect(e.code).toBe("binary");
    expect(e.message).toMatch(message);
  });

  it("rejects PNG, old .xls, gzip and NUL bytes", () => {
    expect(fileError(() => detectEncoding(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).message).toMatch(/PNG/);
    expect(fileError(() => detectEncoding(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).message).toMatch(/\.xls/);
    expect(fileError(() => detectEncoding(Uint8Array.from([0x1f, 0x8b, 8, 0]))).message).toMatch(/gzip/);
    expect(fileError(() => detectEncoding(enc("a;b\n1;\u0000\n"))).message).toMatch(/byte nulli/);
  });

  it("tells UTF-16 without BOM apart from other binary", () => {
    const noBom = fixture("valori-unicode-utf16le.txt").subarray(2);
    expect(fileError(() => detectEncoding(noBom)).message).toMatch(/UTF-16 ma senza BOM/);
  });

  it("rejects control characters but tolerates a DOS end-of-file mark", () => {
    const junk = Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    expect(fileError(() => detectEncoding(junk)).code).toBe("binary");
    expect(detectEncoding(Uint8Array.from([...enc("a;b\n1;2\n"), 0x1a])).encoding).toBe("utf-8");
  });

  it("names the line of a mixed-encoding file", () => {
    const e = fileError(() => decodeBytes(fixture("mixed-encoding.csv")));
    expect(e.code).toBe("mixed-encoding");
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/^Codifica mista alla riga 4:/);
  });

  it("names the line when UTF-8 appears inside a Windows-1252 file", () => {
    const bytes = Uint8Array.from([...enc("a;b\n"), 0xe0, 0x0a, 0xe8, 0x0a, ...enc("x;caff\u00e8\n")]);
    expect(fileError(() => decodeBytes(bytes))).toMatchObject({ code: "mixed-encoding", line: 4 });
  });
});

describe("createStreamDecoder", () => {
  it("decodes UTF-8 split in the middle of a character", () => {
    const bytes = enc("città;più\n".repeat(50));
    const d = createStreamDecoder(detectEncoding(bytes.subarray(0, 7)));
    let text = "";
    for (let i = 0; i < bytes.length; i += 7) text += d.write(bytes.subarray(i, i + 7));
    expect(text + d.end()).toBe("città;più\n".repeat(50));
  });

  it("switches to Windows-1252 when an ASCII-only start meets a stray byte later", () => {
    const head = enc("comune;valore\n" + "Narni;1\n".repeat(20));
    const d = createStreamDecoder(detectEncoding(head));
    const out = d.write(head) + d.write(Uint8Array.from([...enc("Citt"), 0xe0, ...enc(";2\n")])) + d.end();
    expect(out.endsWith("Città;2\n")).toBe(true);
    expect(d.encoding).toBe("windows-1252");
  });

  it("reports the line of a stray byte after real UTF-8, across chunks", () => {
    const head = enc("comune;nota\nNarni;più\n");
    const d = createStreamDecoder(detectEncoding(head));
    d.write(head);
    d.write(enc("a;b\n"));
    expect(fileError(() => d.write(Uint8Array.from([...enc("c;d\nTerni;caff"), 0xe8, 0x0a])))).toMatchObject({ line: 5 });
  });

  it("keeps a lone trailing high byte of a Windows-1252 file", () => {
    const d = createStreamDecoder({ encoding: "windows-1252", bomLength: 0, asciiOnly: false });
    expect(d.write(Uint8Array.from([0x41, 0xc3])) + d.end()).toBe("AÃ");
  });
});

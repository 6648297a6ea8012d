import { describe, expect, it } from "vitest";
import { readCsv } from "@/imports/pipeline/read";
import { FileError } from "@/imports/validate/errors";
import { chunked, collect, fixture } from "./helpers";

const enc = (s: string) => new TextEncoder().encode(s);

describe("readCsv", () => {
  it("reads ISTAT's Windows-1252 file with its multi-line quoted header", async () => {
    const { info, rows } = await readCsv(fixture("istat-comuni-win1252.csv"));
    expect(info).toMatchObject({ encoding: "windows-1252", delimiter: ";", lineEnding: "CRLF", headerLine: 1 });
    expect(info.headers[8]).toBe("Popolazione legale 2011 (09/10/2011)");
    const all = await collect(rows);
    expect(all.map((r) => r.line)).toEqual([3, 4, 5, 6, 7]);
    expect(all[0]?.cells[4]).toBe("Città di Castello");
  });

  it("skips title rows and footer notes, keeping physical line numbers", async () => {
    const { info, rows } = await readCsv(fixture("valori-excel-utf8bom.csv"));
    expect(info).toMatchObject({ encoding: "utf-8-bom", headerLine: 4, headers: ["indicatore", "comune", "periodo", "valore", "note"] });
    const all = await collect(rows);
    expect(all.map((r) => r.line)).toEqual([5, 6, 7, 9]);
    expect(all[2]?.cells[4]).toBe("stima\nprovvisoria");
    expect(info.skipped).toEqual([
      { line: 1, text: "Indicatori della Zona sociale 11", reason: "titolo" },
      { line: 2, text: "Aggiornamento: marzo 2025", reason: "titolo" },
      { line: 11, text: "Fonte: ISTAT, elaborazione Ufficio di Piano", reason: "nota" },
    ]);
  });

  it("gives the same result whatever the chunk size (BOM and characters split)", async () => {
    const bytes = fixture("valori-excel-utf8bom.csv");
    const reference = await collect((await readCsv(bytes)).rows);
    for (const size of [1, 2, 7, 64]) {
      const { info, rows } = await readCsv(chunked(bytes, size), { sampleBytes: 40 });
      expect(await collect(rows)).toEqual(reference);
      expect(info.encoding).toBe("utf-8-bom");
    }
  });

  it("reads Excel's UTF-16 'Unicode text' (tab-separated)", async () => {
    const { info, rows } = await readCsv(fixture("valori-unicode-utf16le.txt"));
    expect(info).toMatchObject({ encoding: "utf-16le", delimiter: "\t" });
    expect((await collect(rows)).map((r) => r.cells[1])).toEqual(["055022", "55001"]);
  });

  it("reads comma-separated UTF-8 with quoted newlines and pipe-separated Windows-1252", async () => {
    const risorse = await readCsv(fixture("risorse-comma-lf.csv"));
    expect(risorse.info).toMatchObject({ delimiter: ",", lineEnding: "LF", encoding: "utf-8" });
    expect((await collect(risorse.rows)).map((r) => r.line)).toEqual([2, 4]);
    const bilancio = await readCsv(fixture("bilancio-pipe-win1252.csv"));
    expect(bilancio.info).toMatchObject({ delimiter: "|", encoding: "windows-1252" });
    expect((await collect(bilancio.rows))[0]?.cells[4]).toBe("€ 120.000,00");
  });

  it("keeps a note-like row that has data after it (only trailing notes are dropped)", async () => {
    const { rows, info } = await readCsv(enc("comune;valore\nNarni;1\nNote: rivedere;\nAmelia;2\n"));
    expect((await collect(rows)).map((r) => r.line)).toEqual([2, 3, 4]);
    expect(info.skipped).toEqual([]);
  });

  it("does not drop a totals row", async () => {
    const { rows } = await readCsv(enc("comune;valore\nNarni;1\nTotale;1\n"));
    expect((await collect(rows)).map((r) => r.cells[0])).toEqual(["Narni", "Totale"]);
  });

  it("reports the Windows-1252 encoding of a file that is ASCII for its first 64 KB", async () => {
    const head = "comune;valore\n" + "Narni;1\n".repeat(10_000);
    const bytes = new Uint8Array([...enc(head), ...enc("Citt"), 0xe0, ...enc(";2\n")]);
    const { info, rows } = await readCsv(chunked(bytes, 4096));
    expect(info.encoding).toBe("utf-8");
    const all = await collect(rows);
    expect(all.at(-1)?.cells[0]).toBe("Città");
    expect(info.encoding).toBe("windows-1252");
  });

  it.each([
    ["empty.csv", "empty"],
    ["fake-xlsx.csv", "binary"],
    ["fake-pdf.csv", "binary"],
  ])("rejects %s before reading rows", async (name, code) => {
    await expect(readCsv(fixture(name))).rejects.toMatchObject({ code });
  });

  it("rejects HTML pretending to be a spreadsheet, whitespace-only files and 10,000 columns", async () => {
    await expect(readCsv(enc("<!DOCTYPE html><html><table><tr><td>1</td></tr></table>"))).rejects.toThrow(/pagina HTML/);
    await expect(readCsv(enc("\r\n  \r\n"))).rejects.toMatchObject({ code: "empty" });
    const wide = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(";");
    await expect(readCsv(enc(`${wide}\n${wide}\n`))).rejects.toMatchObject({ code: "too-many-columns" });
  });

  it("fails the row stream on a 1 MB field or an unclosed quote further down", async () => {
    const big = enc(`comune;nota\nNarni;ok\nAmelia;${"x".repeat(1024 * 1024)}\n`);
    const r1 = await readCsv(chunked(big, 1024), { sampleBytes: 64 });
    await expect(collect(r1.rows)).rejects.toMatchObject({ code: "field-too-long" });
    // Small enough to be all in the sample: the reader itself fails.
    const open = enc('comune;nota\nNarni;ok\nAmelia;"aperta\nTerni;x\n');
    await expect(readCsv(open).then((r) => collect(r.rows))).rejects.toMatchObject({ code: "unterminated-quote", line: 3 });
    const late = enc("comune;nota\n" + "Narni;ok\n".repeat(20) + 'Amelia;"aperta\nTerni;x\n');
    const r2 = await readCsv(chunked(late, 16), { sampleBytes: 16 });
    await expect(collect(r2.rows)).rejects.toBeInstanceOf(FileError);
  });

  it("streams 200,000 rows from a generated source without holding them", async () => {
    async function* generate(): AsyncGenerator<Uint8Array> {
      yield enc("Elenco generato;;;\nindicatore;comune;periodo;valore\r\n");
      const batch = 1000;
      for (let b = 0; b < 200; b++) {
        let text = "";
        for (let i = 0; i < batch; i++) text += `POP_TOT;${String(55000 + ((b * batch + i) % 33)).padStart(6, "0")};2024;${(b * batch + i) % 9999},5\r\n`;
        yield enc(text);
      }
    }
    const { info, rows } = await readCsv(generate());
    expect(info.headerLine).toBe(2);
    let count = 0;
    let lastLine = 0;
    for await (const row of rows) {
      count++;
      lastLine = row.line;
    }
    expect(count).toBe(200_000);
    expect(lastLine).toBe(200_002);
  });
});

import fs from "node:fs";
import zlib from "node:zlib";

/**
 * Spreadsheets for tests, built by hand from their specifications (ECMA-376
 * for .xlsx, OpenDocument 1.2 for .ods) with a minimal zip writer, so that the
 * reader is tested against files of a producer other than write-excel-file:
 * shared and inline strings, dates as serial numbers with date styles,
 * several sheets, repeated rows and cells.
 */
export interface ZipPart {
  name: string;
  data: string | Uint8Array;
  /** Stored without compression (the ODS "mimetype" part must be). */
  store?: boolean;
}

export function zip(parts: readonly ZipPart[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const raw = typeof part.data === "string" ? Buffer.from(part.data, "utf8") : Buffer.from(part.data);
    const body = part.store ? raw : zlib.deflateRawSync(raw);
    const name = Buffer.from(part.name, "utf8");
    const crc = zlib.crc32(raw);
    const method = part.store ? 0 : 8;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(raw.length, 22);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, body);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(raw.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += header.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A cell of a hand-built sheet: text (shared or inline), a number, a date (serial number with a date style), a percentage, a formula's cached result. */
export type HandCell =
  | string
  | number
  | null
  | { inline: string }
  | { date: Date; format?: "day" | "month" }
  | { percent: number }
  | { formula: string; cached: number }
  | { boolean: boolean };

export interface HandSheet {
  name: string;
  rows: HandCell[][];
  /** Row numbers to give each row (default 1, 2, 3…): gaps are blank rows. */
  rowNumbers?: number[];
}

const letters = (i: number) => {
  let out = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
};

/** Days since 30/12/1899, as the 1900 date system counts them (after 28/02/1900). */
const serial = (d: Date) => (d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;

/**
 * An .xlsx as Excel lays it out: shared strings for text cells, inline
 * strings where asked, styles 1 (dd/mm/yyyy), 2 (mmm-yy) and 3 (0.0%) as
 * custom and built-in number formats, prefixed element names in the sheets
 * ("x:row", as the Open XML SDK writes them) when `prefixed`.
 */
export function handXlsx(sheets: readonly HandSheet[], options: { prefixed?: boolean; extraParts?: ZipPart[] } = {}): Buffer {
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const p = options.prefixed ? "x:" : "";
  const sheetXml = (sheet: HandSheet) => {
    const rows = sheet.rows.map((cells, i) => {
      const r = sheet.rowNumbers?.[i] ?? i + 1;
      const cs = cells.map((cell, c) => {
        const ref = `${letters(c)}${r}`;
        if (cell === null) return "";
        if (typeof cell === "string") {
          let idx = sharedIndex.get(cell);
          if (idx === undefined) {
            idx = shared.push(cell) - 1;
            sharedIndex.set(cell, idx);
          }
          return `<${p}c r="${ref}" t="s"><${p}v>${idx}</${p}v></${p}c>`;
        }
        if (typeof cell === "number") return `<${p}c r="${ref}"><${p}v>${cell}</${p}v></${p}c>`;
        if ("inline" in cell) return `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t>${esc(cell.inline)}</${p}t></${p}is></${p}c>`;
        if ("date" in cell) return `<${p}c r="${ref}" s="${cell.format === "month" ? 2 : 1}"><${p}v>${serial(cell.date)}</${p}v></${p}c>`;
        if ("percent" in cell) return `<${p}c r="${ref}" s="3"><${p}v>${cell.percent}</${p}v></${p}c>`;
        if ("boolean" in cell) return `<${p}c r="${ref}" t="b"><${p}v>${cell.boolean ? 1 : 0}</${p}v></${p}c>`;
        return `<${p}c r="${ref}"><${p}f>${esc(cell.formula)}</${p}f><${p}v>${cell.cached}</${p}v></${p}c>`;
      });
      return `<${p}row r="${r}">${cs.join("")}</${p}row>`;
    });
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet xmlns${p ? ":x" : ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${p}sheetData>${rows.join("")}</${p}sheetData></${p}worksheet>`;
  };
  const sheetParts = sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(s) }));
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return zip([
    {
      name: "[Content_Types].xml",
      data: `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
    },
    { name: "_rels/.rels", data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: "xl/workbook.xml", data: `<?xml version="1.0"?><workbook ${ns}><workbookPr/><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>` },
    {
      name: "xl/_rels/workbook.xml.rels",
      data:
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
        `<Relationship Id="rIdS" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="${rel}/styles" Target="/xl/styles.xml"/></Relationships>`,
    },
    {
      name: "xl/styles.xml",
      data: `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[$-410]mmm\\-yy;@"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="10" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    },
    ...sheetParts,
    // Written last, after the sheets have named every text: a phonetic run is left out by readers.
    {
      name: "xl/sharedStrings.xml",
      data: `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared
        .map((s, i) => (i % 2 === 1 && s.length > 1 ? `<si><r><t>${esc(s.slice(0, 1))}</t></r><r><rPr><b/></rPr><t xml:space="preserve">${esc(s.slice(1))}</t></r><rPh sb="0" eb="1"><t>フ</t></rPh></si>` : `<si><t xml:space="preserve">${esc(s)}</t></si>`))
        .join("")}</sst>`,
    },
    ...(options.extraParts ?? []),
  ]);
}

/** An ODS cell: text, a float, a date (with the "month" data style when asked), a percentage, or repeated. */
export type OdsCell = string | number | null | { date: string; format?: "month" } | { percent: number } | { repeat: number; cell: OdsCell } | { text: string; value: number };

export interface OdsSheet {
  name: string;
  rows: (OdsCell[] | { repeat: number; cells: OdsCell[] })[];
}

/**
 * An .ods as LibreOffice writes it: the "mimetype" part first and stored,
 * the manifest, content.xml with automatic styles (a month-year date style),
 * rows and cells with repeat counts, the million empty rows at the end.
 */
export function handOds(sheets: readonly OdsSheet[]): Buffer {
  const cellXml = (c: OdsCell): string => {
    if (c === null) return "<table:table-cell/>";
    if (typeof c === "string") return `<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>${esc(c).replace(/  /g, ' <text:s/>')}</text:p></table:table-cell>`;
    if (typeof c === "number") return `<table:table-cell office:value-type="float" office:value="${c}"><text:p>${String(c).replace(".", ",")}</text:p></table:table-cell>`;
    if ("repeat" in c) return cellXml(c.cell).replace("<table:table-cell", `<table:table-cell table:number-columns-repeated="${c.repeat}"`);
    if ("percent" in c) return `<table:table-cell office:value-type="percentage" office:value="${c.percent}"><text:p>${c.percent * 100}%</text:p></table:table-cell>`;
    if ("text" in c) return `<table:table-cell office:value-type="float" office:value="${c.value}"><text:p>${esc(c.text)}</text:p><office:annotation><text:p>nota da ignorare</text:p></office:annotation></table:table-cell>`;
    return `<table:table-cell table:style-name="${c.format === "month" ? "ce2" : "ce1"}" office:value-type="date" office:date-value="${c.date}"><text:p>${c.date}</text:p></table:table-cell>`;
  };
  const tables = sheets.map((sheet) => {
    const rows = sheet.rows.map((r) => (Array.isArray(r) ? `<table:table-row>${r.map(cellXml).join("")}</table:table-row>` : `<table:table-row table:number-rows-repeated="${r.repeat}">${r.cells.map(cellXml).join("")}</table:table-row>`));
    return `<table:table table:name="${esc(sheet.name)}"><table:table-column table:number-columns-repeated="1024"/>${rows.join("")}<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>`;
  });
  const content =
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.2">` +
    `<office:automatic-styles><number:date-style style:name="N36"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>` +
    `<number:date-style style:name="N37"><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>` +
    `<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N36"/><style:style style:name="ce2" style:family="table-cell" style:data-style-name="N37"/></office:automatic-styles>` +
    `<office:body><office:spreadsheet>${tables.join("")}</office:spreadsheet></office:body></office:document-content>`;
  return zip([
    { name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", store: true },
    {
      name: "META-INF/manifest.xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
    },
    { name: "content.xml", data: content },
  ]);
}

/**
 * A large one-sheet .xlsx written as a stream (for the benchmark): the sheet
 * part is deflated as it is generated, text cells go to the shared strings
 * (written after the sheet, as their table is known only then), numbers stay
 * numbers. Sizes and CRCs are patched into the local headers afterwards.
 */
export async function writeLargeXlsx(filePath: string, sheetName: string, header: readonly string[], rows: Iterable<readonly (string | number)[]>): Promise<void> {
  const fd = fs.openSync(filePath, "w");
  let offset = 0;
  const central: Buffer[] = [];
  let count = 0;
  const write = (b: Buffer) => {
    fs.writeSync(fd, b, 0, b.length, offset);
    offset += b.length;
  };
  const addPart = async (name: string, chunks: Iterable<string>) => {
    const start = offset;
    const nameBytes = Buffer.from(name, "utf8");
    write(Buffer.alloc(30 + nameBytes.length));
    let crc = 0;
    let raw = 0;
    let compressed = 0;
    const deflate = zlib.createDeflateRaw({ level: 6 });
    const done = new Promise<void>((resolve, reject) => {
      deflate.on("data", (b: Buffer) => {
        compressed += b.length;
        write(b);
      });
      deflate.on("end", resolve);
      deflate.on("error", reject);
    });
    for (const text of chunks) {
      const b = Buffer.from(text, "utf8");
      crc = zlib.crc32(b, crc);
      raw += b.length;
      if (!deflate.write(b)) await new Promise((r) => deflate.once("drain", r));
    }
    deflate.end();
    await done;
    const headerBytes = Buffer.alloc(30);
    headerBytes.writeUInt32LE(0x04034b50, 0);
    headerBytes.writeUInt16LE(20, 4);
    headerBytes.writeUInt16LE(8, 8);
    headerBytes.writeUInt32LE(crc, 14);
    headerBytes.writeUInt32LE(compressed, 18);
    headerBytes.writeUInt32LE(raw, 22);
    headerBytes.writeUInt16LE(nameBytes.length, 26);
    fs.writeSync(fd, Buffer.concat([headerBytes, nameBytes]), 0, 30 + nameBytes.length, start);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(compressed, 20);
    entry.writeUInt32LE(raw, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(start, 42);
    central.push(entry, nameBytes);
    count++;
  };
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  await addPart("[Content_Types].xml", [`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`]);
  await addPart("_rels/.rels", [`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`]);
  await addPart("xl/workbook.xml", [`<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets><sheet name="${esc(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`]);
  await addPart("xl/_rels/workbook.xml.rels", [
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  ]);
  const shared = new Map<string, number>();
  const cellXml = (v: string | number, ref: string) => {
    if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
    let i = shared.get(v);
    if (i === undefined) {
      i = shared.size;
      shared.set(v, i);
    }
    return `<c r="${ref}" t="s"><v>${i}</v></c>`;
  };
  function* sheetChunks(): Generator<string> {
    yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
    let r = 0;
    let buffer = "";
    for (const row of [header, ...rows]) {
      r++;
      buffer += `<row r="${r}">${row.map((v, c) => cellXml(v, `${letters(c)}${r}`)).join("")}</row>`;
      if (buffer.length > 256 * 1024) {
        yield buffer;
        buffer = "";
      }
    }
    yield buffer + "</sheetData></worksheet>";
  }
  await addPart("xl/worksheets/sheet1.xml", sheetChunks());
  await addPart("xl/sharedStrings.xml", [`<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="${shared.size}">`, ...[...shared.keys()].map((s) => `<si><t>${esc(s)}</t></si>`), "</sst>"]);
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  write(Buffer.concat([directory, end]));
  fs.closeSync(fd);
}

import { Parser } from "htmlparser2";
import type { CsvRecord } from "../csv/records";
import { CellText, RowBuilder } from "./records";
import { decimalText } from "./values";
import { runToEnd } from "./xml";

/**
 * HTML tables, as Excel's «Pagina Web» and many web applications (gestionali,
 * portals' "export to Excel") save them with an .xls name. htmlparser2 reads
 * them as a stream and forgives what browsers forgive (unclosed cells, stray
 * tags). Each top-level <table> is a sheet; rows are numbered as Excel numbers
 * them when it opens the file (every <tr>, from 1). Excel's own HTML carries
 * each number's stored value in x:num, which is used instead of the shown
 * text; colspan spreads a cell over its columns (the value in the first).
 */
export interface HtmlTable {
  name: string;
}

const SKIPPED = new Set(["script", "style", "head", "title"]);
const MAX_SPAN = 500;

interface Callbacks {
  table?: (index: number) => void;
  caption?: (index: number, text: string) => void;
}

/** Feeds `chunks` through a parser that calls `onRecord` for the rows of table `wanted` (-1: none, only the callbacks). */
async function* parseTables(chunks: AsyncIterable<string>, wanted: number, sheetName: string, callbacks: Callbacks = {}): AsyncGenerator<CsvRecord> {
  const out: CsvRecord[] = [];
  let depth = 0;
  let tableIndex = -1;
  let skipped = 0;
  let rowNumber = 0;
  let column = 0;
  let cell: { num: string | null; span: number } | null = null;
  let caption: string[] | null = null;
  // Set by the parser's callbacks (an object, so that the checks below see it change).
  const state = { done: false };
  const where = () => `Tabella «${sheetName}», riga ${rowNumber}`;
  const row = new RowBuilder(where);
  const text = new CellText(() => `${where()}, colonna ${RowBuilder.letters(column)}`);
  const inWanted = () => depth === 1 && tableIndex === wanted;
  const endCell = () => {
    if (!cell) return;
    const shown = text.take().replace(/\s+/g, " ").trim();
    let value = shown;
    if (cell.num !== null && !/^\d{1,2}[/.-]\d{1,2}([/.-]\d{2,4})?$|^\d{1,2}[/.-]\d{4}$/.test(shown)) {
      const typed = shown.endsWith("%") ? decimalText(cell.num, 2) : decimalText(cell.num);
      if (typed !== null) value = shown.endsWith("%") ? `${typed}%` : typed;
    }
    row.set(column, value);
    column += cell.span;
    cell = null;
  };
  const endRow = () => {
    endCell();
    const record = row.take(rowNumber);
    if (record) out.push(record);
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (SKIPPED.has(name)) skipped++;
        if (name === "table") {
          depth++;
          if (depth === 1) {
            tableIndex++;
            rowNumber = 0;
            callbacks.table?.(tableIndex);
          }
          return;
        }
        if (depth !== 1) return;
        if (name === "caption") caption = [];
        if (tableIndex !== wanted) return;
        if (name === "tr") {
          if (rowNumber > 0) endRow();
          rowNumber++;
          column = 0;
        } else if (name === "td" || name === "th") {
          endCell();
          if (rowNumber === 0) rowNumber = 1;
          const span = Math.min(Math.max(Number(attributes.colspan ?? 1) || 1, 1), MAX_SPAN);
          cell = { num: attributes["x:num"] ?? null, span };
        } else if (name === "br" && cell) text.add(" ");
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipped = Math.max(0, skipped - 1);
        if (name === "table") {
          if (inWanted()) {
            endRow();
            state.done = true;
          }
          depth = Math.max(0, depth - 1);
          return;
        }
        if (depth !== 1) return;
        if (name === "caption" && caption) {
          callbacks.caption?.(tableIndex, caption.join("").replace(/\s+/g, " ").trim());
          caption = null;
        }
        if (tableIndex !== wanted) return;
        if (name === "td" || name === "th") endCell();
        else if (name === "tr") {
          // A <tr> without the previous </tr> ends that row too (ending it twice gives nothing the second time).
          endRow();
        }
      },
      ontext(data) {
        if (skipped > 0) return;
        if (caption) caption.push(data);
        if (cell && depth >= 1 && tableIndex === wanted) text.add(data);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  for await (const chunk of chunks) {
    parser.write(chunk);
    yield* out.splice(0);
    if (state.done) return;
  }
  parser.end();
  if (!state.done && tableIndex >= wanted && wanted >= 0) endRow();
  yield* out.splice(0);
}

/** The tables of the page, named by their caption or their number. */
export async function htmlTables(chunks: AsyncIterable<string>): Promise<HtmlTable[]> {
  const tables: HtmlTable[] = [];
  const records = parseTables(chunks, -1, "", {
    table: (i) => tables.push({ name: `Tabella ${i + 1}` }),
    caption: (i, text) => {
      const t = tables[i];
      if (t && text) t.name = text.slice(0, 100);
    },
  });
  await runToEnd(records);
  return tables;
}

export function htmlRecords(chunks: AsyncIterable<string>, tableIndex: number, name: string): AsyncGenerator<CsvRecord> {
  return parseTables(chunks, tableIndex, name);
}

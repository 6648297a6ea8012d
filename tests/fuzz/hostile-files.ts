/**
 * Hostile-file fuzz harness (issue 8, "Done when"): files generated
 * deterministically from a seed — valid templates of every dataset kind,
 * mutated with huge, negative and exponent numbers, long strings, NUL and
 * control characters, odd encodings, formula cells, repeated keys, missing
 * and extra columns, the wrong kind, byte flips and cuts — each previewed and
 * committed with runImport, the function the API route and the CLI call.
 *
 * It counts four kinds of failure, all of which must be 0:
 * - unexpected: runImport threw (the route would answer "Errore interno"), or a
 *   message says "Errore interno";
 * - partial writes: a commit that did not commit changed a table's row count
 *   (and a committed one, once undone, must leave the counts as before);
 * - English: a message for the user with common English words;
 * - disagreements: the commit's counts, rejected lines and messages differ
 *   from the preview's.
 *
 * CI runs it with a small count (tests/integration/hostile-files.test.ts);
 * a long run: npx tsx tests/fuzz/hostile-files.ts --count 10000 --engine pglite|postgres [--seed N] [--start N] [--seconds S]
 * (postgres reads FUZZ_DATABASE_URL, a database it empties).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import iconv from "iconv-lite";
import type { DatabaseHandle } from "@/db/client";
import { runImport } from "@/imports/run";
import { revertBatch } from "@/imports/load/revert";
import { DATASET_KINDS, type DatasetKind, type ImportReport } from "@/imports/report";
import { mulberry32 } from "@/db/demo/generate/prng";

const ZONE = "UMB-11";
const TABLES = ["observation", "budget_line", "resource", "service", "target", "indicator", "comune", "region", "import_batch", "audit_event"] as const;

/** The demo generator's mulberry32: a seed reproduces a run exactly. */
export const random = mulberry32;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rand, max: number) => Math.floor(r() * max);

/** Valid files of every kind: header, then rows of cells. */
const TEMPLATES: Record<Exclude<DatasetKind, "confini">, string[][]> = {
  valori: [
    ["indicatore", "comune", "periodo", "valore", "numeratore", "denominatore"],
    ["POP_TOT", "Narni", "2024", "19.313", "", ""],
    ["POP_TOT", "055004", "2024", "11.980", "", ""],
    ["PERC_65_PLUS", "Amelia", "2023", "28,4", "", ""],
    ["MINORI_IN_CARICO", "Otricoli", "2024", "3", "", ""],
    ["AS_FTE", "zona", "2024", "8", "", ""],
  ],
  servizi: [
    ["codice", "nome", "area_utenza", "tipo_spesa", "ente_gestore"],
    ["SAD", "Assistenza domiciliare", "anziani", "interventi_servizi", "Comune di Narni"],
    ["CONTR", "Contributi economici", "povertà", "trasferimenti", ""],
  ],
  bilancio: [
    ["anno", "servizio", "fonte", "comune", "stanziato", "impegnato", "liquidato", "pagato", "scadenza"],
    ["2024", "SAD", "FNA", "", "120.000,00", "115.500,00", "98.000,00", "90.250,50", "31/12/2025"],
    ["2024", "SAD", "FNPS", "Narni", "50.000,00", "40.000,00", "10,00", "5,00", ""],
  ],
  obiettivi: [
    ["indicatore", "comune", "anno_base", "valore_base", "anno_obiettivo", "valore_obiettivo", "fonte_normativa"],
    ["RESIDENTI_PER_AS", "zona", "2023", "5.900", "2026", "5.000", "L. 178/2020"],
    ["COPERTURA_NIDI", "Narni", "2023", "24,5", "2027", "33", "L. 234/2021"],
  ],
  risorse: [
    ["tipo", "nome", "comune", "indirizzo", "telefono", "orari", "capienza"],
    ["Ufficio della Cittadinanza", "Sede di Narni", "Narni", "Piazza dei Priori 1", "0744 000", "lun 9-12", ""],
    ["struttura", "Centro diurno", "Amelia", "Via Roma 1", "", "", "20"],
  ],
  indicatori: [
    ["codice", "nome", "tema", "unita", "polarita", "aggregazione", "numeratore", "denominatore", "scala", "conteggio_persone", "decimali", "fonte", "descrizione"],
    ["FUZZ_UTENTI", "Utenti del servizio", "qualita", "persone", "0", "somma", "", "", "", "sì", "0", "Ufficio di Piano", "Persone che usano il servizio."],
    ["FUZZ_TASSO", "Utenti per 1.000 anziani", "qualita", "per 1.000", "-1", "rapporto", "FUZZ_UTENTI", "POP_65_PLUS", "1000", "no", "1", "Ufficio di Piano", "Utenti ogni mille anziani."],
  ],
  comuni: [
    ["Codice Comune formato alfanumerico", "Denominazione in italiano", "Sigla automobilistica", "Codice Catastale del comune", "Codice Regione", "Denominazione Regione"],
    ["099001", "Comune di prova", "ZZ", "Z991", "99", "Regione di prova"],
    ["099002", "Altro comune", "ZZ", "Z992", "99", "Regione di prova"],
  ],
};

const HOSTILE_CELLS = [
  "9007199254740993",
  "99999999999999999999999999999",
  "1".repeat(70),
  "1E+12",
  "3e9",
  "-1",
  "-0,0",
  "2147483648",
  "1.000.000.000.000,00",
  "10,005",
  "x".repeat(3000),
  "Centro ".repeat(450),
  "a\u0000b",
  "\u0000",
  "\u0007\u001b[31m",
  "=HYPERLINK(\"http://x\")",
  "+cmd|' /C calc'!A0",
  "@SUM(1+1)",
  "-2+3",
  "",
  "n.d.",
  "  ",
  "2999",
  "1985",
  "2024-13",
  "32768",
  "−1",
  "più basso è meglio",
  "zona",
  "Città della Pieve",
  "ZZZZZZ",
  "\u200b",
  "\ud800",
  "😀".repeat(200),
  "'; drop table observation; --",
  "\"",
  "a;b",
  "1,234.56",
  "12%",
  "120",
  "0",
] as const;

type Step = (r: Rand, rows: string[][]) => void;

const STEPS: Step[] = [
  // A hostile value in a random cell.
  (r, rows) => {
    const row = rows[1 + int(r, rows.length - 1)];
    if (row) row[int(r, row.length)] = pick(r, HOSTILE_CELLS);
  },
  // Repeat a row (a duplicated key).
  (r, rows) => {
    const row = rows[1 + int(r, rows.length - 1)];
    if (row) rows.push([...row]);
  },
  // Drop a column.
  (r, rows) => {
    const c = int(r, rows[0]?.length ?? 1);
    for (const row of rows) row.splice(c, 1);
  },
  // An extra column.
  (r, rows) => rows.forEach((row, i) => row.push(i === 0 ? pick(r, ["extra", "colonna", "valore", "Note"]) : pick(r, HOSTILE_CELLS))),
  // A header cell renamed or repeated.
  (r, rows) => {
    const header = rows[0];
    if (header) header[int(r, header.length)] = pick(r, ["comune", "valore", "xyz", "", "anno", "tipo", header[0] ?? ""]);
  },
  // Many copies of the rows (a larger file).
  (r, rows) => {
    const body = rows.slice(1);
    for (let i = 0; i < 1 + int(r, 40); i++) rows.push(...body.map((b) => [...b]));
  },
  // A long row of empty or title cells above the header.
  (r, rows) => rows.unshift([pick(r, ["Titolo del file", "", "Fonte: ISTAT"]), ""]),
  // A sequence of the same territory over years, with a tenfold jump.
  (_r, rows) => {
    if (rows[0]?.[0] !== "indicatore" || rows[0][2] !== "periodo") return;
    rows.push(["POP_TOT", "Narni", "2022", "1.900", "", ""], ["POP_TOT", "Narni", "2023", "19.000", "", ""]);
  },
];

export interface HostileFile {
  name: string;
  bytes: Buffer;
  kind: DatasetKind | null;
  zoneCode: string | null;
  validOnly: boolean;
  description: string;
}

function encode(r: Rand, text: string): { bytes: Buffer; encoding: string } {
  const e = pick(r, ["utf8", "utf8", "utf8bom", "win1252", "utf16le", "cp850", "latin1-invalid", "mixed"]);
  switch (e) {
    case "utf8bom":
      return { bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]), encoding: e };
    case "win1252":
      return { bytes: iconv.encode(text, "win1252"), encoding: e };
    case "utf16le":
      return { bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf16le")]), encoding: e };
    case "cp850":
      return { bytes: iconv.encode(text, "cp850"), encoding: e };
    case "latin1-invalid":
      return { bytes: Buffer.concat([Buffer.from(text, "utf8"), Buffer.from([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xc3])]), encoding: e };
    case "mixed":
      return { bytes: Buffer.concat([Buffer.from(text.slice(0, text.length / 2), "utf8"), iconv.encode(text.slice(text.length / 2), "win1252")]), encoding: e };
    default:
      return { bytes: Buffer.from(text, "utf8"), encoding: e };
  }
}

/** The n-th hostile file of a seed (the same seed and n give the same bytes). */
export function hostileFile(seed: number, n: number): HostileFile {
  const r = random(seed * 1_000_003 + n);
  const kinds = Object.keys(TEMPLATES) as (keyof typeof TEMPLATES)[];
  const kind = pick(r, kinds);
  const rows = (TEMPLATES[kind]).map((row) => [...row]);
  const steps = 1 + int(r, 4);
  const names: string[] = [];
  for (let i = 0; i < steps; i++) {
    const s = int(r, STEPS.length);
    STEPS[s]?.(r, rows);
    names.push(String(s));
  }
  const delimiter = pick(r, [";", ";", ",", "\t", "|"]);
  const eol = pick(r, ["\r\n", "\n", "\r"]);
  const quote = (c: string) => (c.includes(delimiter) || c.includes('"') || /[\r\n]/.test(c) || r() < 0.1 ? `"${c.replace(/"/g, '""')}"` : c);
  let text = rows.map((row) => row.map(quote).join(delimiter)).join(eol) + (r() < 0.8 ? eol : "");
  if (r() < 0.15) {
    // Raw byte-level damage: a cut, or a NUL or a stray quote inserted.
    const at = int(r, text.length + 1);
    text = r() < 0.5 ? text.slice(0, at) : text.slice(0, at) + pick(r, ["\u0000", '"', "\n", delimiter]) + text.slice(at);
  }
  const { bytes, encoding } = encode(r, text);
  // Sometimes the wrong kind is asked for, or none, or no zone.
  const asked = r() < 0.15 ? pick(r, DATASET_KINDS) : r() < 0.5 ? null : kind;
  const zoneCode = kind === "indicatori" || kind === "comuni" ? null : r() < 0.03 ? null : ZONE;
  return {
    name: `fuzz-${seed}-${n}.${r() < 0.05 ? "json" : "csv"}`,
    bytes,
    kind: asked,
    zoneCode,
    validOnly: r() < 0.3,
    description: `${kind}, passi ${names.join("+")}, ${encoding}, separatore ${JSON.stringify(delimiter)}, tipo chiesto ${asked ?? "nessuno"}`,
  };
}

/**
 * Common English words as whole words. Quoted parts of a message (the cell
 * values, «column names», file names) are the user's own text and are skipped.
 */
const ENGLISH = /\b(the|is|are|invalid|expected|must|should|cannot|failed|error|unexpected|received|string|too|big|small|required|missing|unknown|option|undefined|syntax|token|column|value|number|not|found|internal|type)\b/i;

export function englishIn(message: string): string | null {
  const own = message.replace(/"[^"]*"/g, "").replace(/«[^»]*»/g, "").replace(/fuzz-\d+-\d+\.\w+/g, "");
  const m = own.match(ENGLISH);
  return m ? m[0] : null;
}

function userMessages(r: ImportReport): string[] {
  return [...r.fileErrors, ...r.errors.map((e) => e.message), ...r.warnings.map((w) => w.message), ...r.notes];
}

async function tableCounts(handle: DatabaseHandle): Promise<string> {
  const parts = TABLES.map((t, i) => sql`(select count(*) from ${sql.table(t)}) as ${sql.ref(`c${i}`)}`);
  const r = await sql<Record<string, string | number>>`select ${sql.join(parts)}`.execute(handle.db);
  const row = r.rows[0] ?? {};
  return TABLES.map((_t, i) => String(row[`c${i}`] ?? "?")).join("/");
}

export interface FuzzFailure {
  n: number;
  description: string;
  problem: string;
}

export interface FuzzResult {
  files: number;
  committed: number;
  rejected: number;
  unexpected: FuzzFailure[];
  partialWrites: FuzzFailure[];
  english: FuzzFailure[];
  disagreements: FuzzFailure[];
}

/** The parts of a report the preview and the commit must agree on. */
function comparable(r: ImportReport, acceptedWarnings: string | null) {
  return {
    kind: r.kind,
    rowsRead: r.rowsRead,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    errorsTotal: r.errorsTotal,
    warningsTotal: r.warningsTotal,
    errors: r.errors.map((e) => `${e.line}:${e.message}`),
    fileErrors: r.fileErrors.filter((m) => m !== acceptedWarnings),
  };
}

export async function runHostileFuzz(
  handle: DatabaseHandle,
  options: { seed: number; count: number; start?: number; deadline?: number; onProgress?: (done: number, result: FuzzResult) => void },
): Promise<FuzzResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-fuzz-"));
  const result: FuzzResult = { files: 0, committed: 0, rejected: 0, unexpected: [], partialWrites: [], english: [], disagreements: [] };
  try {
    for (let n = options.start ?? 0; n < (options.start ?? 0) + options.count; n++) {
      // A long run is bounded in time too: it stops after the file in progress.
      if (options.deadline !== undefined && Date.now() > options.deadline) break;
      const file = hostileFile(options.seed, n);
      const filePath = path.join(dir, file.name);
      fs.writeFileSync(filePath, file.bytes);
      const request = { fileName: file.name, filePath, kind: file.kind, zoneCode: file.zoneCode, validOnly: file.validOnly, userLabel: "fuzz", allowReferenceKinds: true, acceptWarnings: true };
      const fail = (list: FuzzFailure[], problem: string) => list.push({ n, description: file.description, problem });
      result.files++;
      let preview: ImportReport;
      let commit: ImportReport;
      const before = await tableCounts(handle);
      try {
        preview = await runImport(handle, { ...request, dryRun: true });
        if ((await tableCounts(handle)) !== before) fail(result.partialWrites, "l'anteprima ha scritto nel database");
        commit = await runImport(handle, { ...request, dryRun: false });
      } catch (error) {
        fail(result.unexpected, error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error));
        if ((await tableCounts(handle)) !== before) fail(result.partialWrites, "un errore ha lasciato righe scritte");
        continue;
      } finally {
        fs.rmSync(filePath, { force: true });
      }
      for (const report of [preview, commit]) {
        for (const m of userMessages(report)) {
          if (/errore interno|unexpected/i.test(m)) fail(result.unexpected, m.slice(0, 300));
          const word = englishIn(m);
          if (word) fail(result.english, `«${word}» in: ${m.slice(0, 200)}`);
        }
      }
      const a = JSON.stringify(comparable(preview, null));
      const b = JSON.stringify(comparable(commit, null));
      if (a !== b) fail(result.disagreements, `anteprima ${a.slice(0, 400)} ≠ conferma ${b.slice(0, 400)}`);
      if (commit.status === "committed" && commit.batchId !== null) {
        result.committed++;
        await revertBatch(handle, commit.batchId, "fuzz");
        // Undo leaves the batch row (marked reverted) and its audit event: only the data tables must be back.
        const dataOnly = (counts: string) => counts.split("/").slice(0, TABLES.length - 2).join("/");
        if (dataOnly(await tableCounts(handle)) !== dataOnly(before)) fail(result.partialWrites, `dopo l'annullamento i conteggi non tornano come prima (${TABLES.join("/")}: ${before} → ${await tableCounts(handle)})`);
      } else {
        result.rejected++;
        if ((await tableCounts(handle)) !== before) fail(result.partialWrites, `conferma ${commit.status} ma il database è cambiato`);
      }
      options.onProgress?.(result.files, result);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

export function summary(r: FuzzResult): string {
  return `${r.files} file (${r.committed} importati e annullati, ${r.rejected} non importati): ${r.unexpected.length} errori inattesi, ${r.partialWrites.length} scritture parziali, ${r.english.length} messaggi in inglese, ${r.disagreements.length} differenze anteprima/conferma`;
}

async function openFuzzDatabase(engine: "pglite" | "postgres"): Promise<DatabaseHandle> {
  const { openDatabase } = await import("@/db/client");
  const { migrateToLatest } = await import("@/db/migrate");
  const { loadReferenceData } = await import("@/db/reference/load");
  const { loadCatalog } = await import("@/db/catalog/load");
  const url = process.env.FUZZ_DATABASE_URL;
  if (engine === "postgres" && !url) throw new Error("FUZZ_DATABASE_URL non impostata: indicare un database PostgreSQL da svuotare.");
  const handle = engine === "pglite" ? await openDatabase({ memory: true }) : await openDatabase({ url });
  if (engine === "postgres") {
    await sql`drop schema public cascade`.execute(handle.db);
    await sql`create schema public`.execute(handle.db);
  }
  await migrateToLatest(handle.db);
  await loadReferenceData(handle.db);
  await handle.db.transaction().execute((trx) => loadCatalog(trx));
  return handle;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "1000" },
      seed: { type: "string", default: "20261201" },
      engine: { type: "string", default: "pglite" },
      start: { type: "string", default: "0" },
      seconds: { type: "string" },
    },
  });
  const engine = values.engine === "postgres" ? "postgres" : "pglite";
  const count = Number(values.count);
  const handle = await openFuzzDatabase(engine);
  const started = Date.now();
  try {
    const result = await runHostileFuzz(handle, {
      seed: Number(values.seed),
      count,
      start: Number(values.start),
      ...(values.seconds ? { deadline: started + Number(values.seconds) * 1000 } : {}),
      onProgress: (done, r) => {
        if (done % 250 === 0) console.error(`[${engine}] ${summary(r)} · ${Math.round((Date.now() - started) / 1000)} s`);
      },
    });
    console.log(JSON.stringify({ engine, seed: Number(values.seed), seconds: Math.round((Date.now() - started) / 1000), summary: summary(result), ...result, unexpected: result.unexpected.slice(0, 20), partialWrites: result.partialWrites.slice(0, 20), english: result.english.slice(0, 20), disagreements: result.disagreements.slice(0, 20) }, null, 2));
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/**
 * Hostile files generated from a seed (issue 8): valid templates of every CSV
 * dataset kind, mutated with huge, negative and exponent numbers, long
 * strings, quote bombs, NUL and control characters, odd encodings, formula
 * cells, repeated keys, missing and extra columns, the wrong kind, byte flips
 * and cuts. Files stay small (a few KB) so that a run of 10,000 is quick, but
 * each carries the shapes that broke the importer before.
 */
import iconv from "iconv-lite";
import { DATASET_KINDS, type DatasetKind } from "@/imports/report";
import { mulberry32 } from "@/db/demo/generate/prng";
import { handOds, handXlsx } from "@/tests/helpers/sheets";

export const FUZZ_ZONE = "UMB-11";

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rand, max: number) => Math.floor(r() * max);

export type TemplateKind = Exclude<DatasetKind, "confini">;

/** Valid files of every kind: header, then rows of cells. */
export const TEMPLATES: Record<TemplateKind, string[][]> = {
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
  personale: [
    ["data", "profilo", "datore_di_lavoro", "comune_datore", "sede", "fte"],
    ["31/12/2024", "assistente sociale", "ats", "", "Sede di Narni", "3"],
    ["31/12/2024", "educatore", "comune", "Amelia", "", "1,5"],
  ],
  isee: [
    ["anno", "servizio", "isee_inizio", "isee_fine", "utenti", "esenti"],
    ["2024", "SAD", "0", "6.000", "12", "1"],
    ["2024", "SAD", "6.000", "", "9", "0"],
  ],
  leps: [
    ["voce", "stato", "evidenza", "collegamento", "data"],
    ["pronto_intervento", "attivo", "Convenzione con la cooperativa", "https://example.org/delibera-12", "30/06/2025"],
    ["Supervisione del personale dei servizi sociali", "in avvio", "", "", "01/03/2025"],
  ],
  comuni: [
    ["Codice Comune formato alfanumerico", "Denominazione in italiano", "Sigla automobilistica", "Codice Catastale del comune", "Codice Regione", "Denominazione Regione"],
    ["099001", "Comune di prova", "ZZ", "Z991", "99", "Regione di prova"],
    ["099002", "Altro comune", "ZZ", "Z992", "99", "Regione di prova"],
  ],
  zone: [
    ["codice_ats", "numero", "nome_zona", "regione", "capofila", "comune", "data_inizio", "data_fine", "parte", "quota", "successore"],
    ["ZS 13", "13", "Zona di prova", "10", "055022", "055022", "01/01/2024", "", "Narni nord", "0,5", ""],
  ],
};

/**
 * Data already in the database before the hostile files arrive, so that they
 * update and leave unchanged existing rows (and their undo restores them), not
 * only insert into empty tables: one row per zone kind, differing from the
 * templates' rows with the same key. Services first: the budget refers to them.
 */
export const BASELINE: { kind: TemplateKind; rows: string[][] }[] = [
  { kind: "servizi", rows: [TEMPLATES.servizi[0]!, ["SAD", "Assistenza domiciliare anziani", "anziani", "interventi_servizi", ""]] },
  { kind: "valori", rows: [TEMPLATES.valori[0]!, ["POP_TOT", "Narni", "2024", "19.200", "", ""], ["POP_TOT", "Narni", "2023", "19.400", "", ""]] },
  { kind: "bilancio", rows: [TEMPLATES.bilancio[0]!, ["2024", "SAD", "FNA", "", "100.000,00", "90.000,00", "80.000,00", "70.000,00", ""]] },
  { kind: "obiettivi", rows: [TEMPLATES.obiettivi[0]!, ["RESIDENTI_PER_AS", "zona", "2023", "5.900", "2026", "4.800", "L. 178/2020"]] },
  { kind: "risorse", rows: [TEMPLATES.risorse[0]!, ["struttura", "Centro diurno", "Amelia", "Via Roma 2", "", "", "18"]] },
];

export const HOSTILE_CELLS = [
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
  // A quote after an unquoted start, again and again (the quadratic parse of defect 2).
  'a"'.repeat(2000),
  // A long name that is almost a comune (closest() over huge names, defect 2).
  "Narni".repeat(2000),
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

interface Step {
  name: string;
  apply(r: Rand, rows: string[][]): void;
}

const STEPS: Step[] = [
  {
    name: "cella ostile",
    apply: (r, rows) => {
      const row = rows[1 + int(r, rows.length - 1)];
      if (row) row[int(r, row.length)] = pick(r, HOSTILE_CELLS);
    },
  },
  {
    name: "riga ripetuta",
    apply: (r, rows) => {
      const row = rows[1 + int(r, rows.length - 1)];
      if (row) rows.push([...row]);
    },
  },
  {
    name: "colonna tolta",
    apply: (r, rows) => {
      const c = int(r, rows[0]?.length ?? 1);
      for (const row of rows) row.splice(c, 1);
    },
  },
  {
    name: "colonna in più",
    apply: (r, rows) => rows.forEach((row, i) => row.push(i === 0 ? pick(r, ["extra", "colonna", "valore", "Note"]) : pick(r, HOSTILE_CELLS))),
  },
  {
    name: "intestazione cambiata",
    apply: (r, rows) => {
      const header = rows[0];
      if (header) header[int(r, header.length)] = pick(r, ["comune", "valore", "xyz", "", "anno", "tipo", header[0] ?? ""]);
    },
  },
  {
    name: "righe copiate",
    apply: (r, rows) => {
      const body = rows.slice(1);
      for (let i = 0; i < 1 + int(r, 40); i++) rows.push(...body.map((b) => [...b]));
    },
  },
  { name: "titolo sopra", apply: (r, rows) => rows.unshift([pick(r, ["Titolo del file", "", "Fonte: ISTAT"]), ""]) },
  {
    name: "salto di dieci volte",
    apply: (_r, rows) => {
      if (rows[0]?.[0] !== "indicatore" || rows[0][2] !== "periodo") return;
      rows.push(["POP_TOT", "Narni", "2022", "1.900", "", ""], ["POP_TOT", "Narni", "2023", "19.000", "", ""]);
    },
  },
];

const ENCODINGS = ["utf8", "utf8", "utf8bom", "win1252", "utf16le", "cp850", "latin1-invalid", "mixed"] as const;
type Encoding = (typeof ENCODINGS)[number];

function encode(e: Encoding, text: string): Buffer {
  switch (e) {
    case "utf8bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "win1252":
      return iconv.encode(text, "win1252");
    case "utf16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf16le")]);
    case "cp850":
      return iconv.encode(text, "cp850");
    case "latin1-invalid":
      return Buffer.concat([Buffer.from(text, "utf8"), Buffer.from([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xc3])]);
    case "mixed":
      return Buffer.concat([Buffer.from(text.slice(0, text.length / 2), "utf8"), iconv.encode(text.slice(text.length / 2), "win1252")]);
    default:
      return Buffer.from(text, "utf8");
  }
}

/** Spreadsheet containers a file may come in instead of CSV text (its "codifica" in the tally). */
const CONTAINERS = ["xlsx", "ods", "html", "xml2003"] as const;
type Container = (typeof CONTAINERS)[number];

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The rows as a spreadsheet: whole numbers become number cells, the rest
 * text (control characters included: they make the XML invalid, as a
 * hostile producer's would).
 */
function containerBytes(container: Container, rows: string[][]): Buffer {
  const typed = rows.map((row) => row.map((c) => (/^-?\d{1,9}$/.test(c) ? Number(c) : c)));
  switch (container) {
    case "xlsx":
      return handXlsx([{ name: "Dati", rows: typed }]);
    case "ods":
      return handOds([{ name: "Dati", rows: typed }]);
    case "html":
      return Buffer.from(`<html><body><table>${rows.map((row) => `<tr>${row.map((c) => `<td>${xmlText(c)}</td>`).join("")}</tr>`).join("\n")}</table></body></html>`, "utf8");
    case "xml2003": {
      const cell = (c: string | number) => `<Cell><Data ss:Type="${typeof c === "number" ? "Number" : "String"}">${typeof c === "number" ? c : xmlText(c)}</Data></Cell>`;
      return Buffer.from(
        `<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Dati"><Table>${typed.map((row) => `<Row>${row.map(cell).join("")}</Row>`).join("\n")}</Table></Worksheet></Workbook>`,
        "utf8",
      );
    }
  }
}

/** A spreadsheet damaged as a transfer or a hostile producer damages it: cut short, or a byte changed. */
function damageBytes(r: Rand, bytes: Buffer): { bytes: Buffer; damage: string } {
  const at = int(r, bytes.length);
  if (r() < 0.5) return { bytes: bytes.subarray(0, at), damage: "taglio" };
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ (1 + int(r, 255));
  return { bytes: copy, damage: "byte cambiato" };
}

/** What a file is made of, for the tally of a run (docs/affidabilita.md). */
export interface FileCategories {
  template: TemplateKind;
  steps: string[];
  encoding: Encoding | Container;
  delimiter: string;
  /** A raw cut or an inserted NUL, quote, newline or delimiter. */
  damage: string | null;
  asked: DatasetKind | null;
}

export interface HostileFile {
  name: string;
  bytes: Buffer;
  kind: DatasetKind | null;
  zoneCode: string | null;
  validOnly: boolean;
  categories: FileCategories;
  description: string;
}

/** The n-th hostile file of a seed (the same seed and n give the same bytes). */
export function hostileFile(seed: number, n: number): HostileFile {
  const r = mulberry32(seed * 1_000_003 + n);
  const template = pick(r, Object.keys(TEMPLATES) as TemplateKind[]);
  const rows = TEMPLATES[template].map((row) => [...row]);
  const steps: string[] = [];
  for (let i = 0, count = 1 + int(r, 4); i < count; i++) {
    const step = pick(r, STEPS);
    step.apply(r, rows);
    steps.push(step.name);
  }
  const delimiter = pick(r, [";", ";", ",", "\t", "|"]);
  const eol = pick(r, ["\r\n", "\n", "\r"]);
  const quote = (c: string) => (c.includes(delimiter) || c.includes('"') || /[\r\n]/.test(c) || r() < 0.1 ? `"${c.replace(/"/g, '""')}"` : c);
  let text = rows.map((row) => row.map(quote).join(delimiter)).join(eol) + (r() < 0.8 ? eol : "");
  let damage: string | null = null;
  if (r() < 0.15) {
    const at = int(r, text.length + 1);
    if (r() < 0.5) {
      text = text.slice(0, at);
      damage = "taglio";
    } else {
      const inserted = pick(r, ["\u0000", '"', "\n", delimiter]);
      text = text.slice(0, at) + inserted + text.slice(at);
      damage = `inserito ${JSON.stringify(inserted)}`;
    }
  }
  let encoding: Encoding | Container = pick(r, ENCODINGS);
  let bytes = encode(encoding, text);
  // A quarter of the files are spreadsheets of the same rows (drawn apart, so the CSV files of a seed stay as they were).
  const rs = mulberry32(seed * 7_000_003 + n);
  if (rs() < 0.25) {
    encoding = pick(rs, CONTAINERS);
    bytes = containerBytes(encoding, rows);
    damage = null;
    if (rs() < 0.2) ({ bytes, damage } = damageBytes(rs, bytes));
  }
  // Sometimes the wrong kind is asked for, or none, or no zone.
  const asked = r() < 0.15 ? pick(r, DATASET_KINDS) : r() < 0.5 ? null : template;
  const zoneCode = template === "indicatori" || template === "comuni" ? null : r() < 0.03 ? null : FUZZ_ZONE;
  const categories: FileCategories = { template, steps, encoding, delimiter, damage, asked };
  return {
    name: `fuzz-${seed}-${n}.${r() < 0.05 ? "json" : CONTAINERS.includes(encoding as Container) ? (encoding === "html" || encoding === "xml2003" ? "xls" : encoding) : "csv"}`,
    bytes,
    kind: asked,
    zoneCode,
    validOnly: r() < 0.3,
    categories,
    description: `${template}, passi ${steps.join(" + ")}, ${encoding}, separatore ${JSON.stringify(delimiter)}${damage ? `, ${damage}` : ""}, tipo chiesto ${asked ?? "nessuno"}`,
  };
}

/** A valid file of rows, as the baseline loads it. */
export function plainFile(rows: string[][]): Buffer {
  return Buffer.from(rows.map((row) => row.join(";")).join("\n") + "\n", "utf8");
}

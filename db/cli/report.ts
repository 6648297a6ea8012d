/**
 * npm run report -- edizioni|tabelle|catalogo … (see HELP). Runs under the
 * react-server condition (package.json), like the benches: the report is
 * composed by the server's query modules. It writes files and changes no
 * data (it brings the schema up to date first, like the other commands); on
 * the embedded database it takes the data folder's lock (db/lock.ts), so it
 * refuses to run beside a server on the same folder.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { openDatabase } from "../client";
import { migrateToLatest } from "../migrate";
import { buildReport } from "../queries/report";
import { getEdition, listEditions } from "../queries/report-editions";
import { zoneOpenData } from "../queries/opendata";
import { getZone } from "../queries/zones";
import { toCsv } from "@/lib/export/csv";
import { toXlsxBook } from "@/lib/export/xlsx";
import { reportTableExport, reportWorkbook } from "@/lib/report/export";
import { documentTables } from "@/lib/report/model";
import { parseReportYear } from "@/lib/report/year";
import { dcatCatalog } from "@/lib/opendata/dcat";
import { readSubcommand, runCli } from "./subcommand";

const HELP = `Uso:
  npm run report -- edizioni --zona UMB-11
      le edizioni pubblicate della relazione annuale (anno, numero, deliberazione, stato)
  npm run report -- tabelle --zona UMB-11 --anno 2025 [--edizione N] [--tabella ID] [--standard] --file FILE
      le tabelle della relazione: FILE .xlsx (tutte, un foglio ciascuna; o solo --tabella)
      oppure .csv (una tabella, --tabella obbligatoria; per Excel con «;» e virgola decimale,
      con --standard «,» e punto decimale). Senza --edizione la bozza, composta ora dai dati.
  npm run report -- catalogo --zona UMB-11 [--url https://osservatorio.esempio.it] --file FILE
      il catalogo DCAT-AP_IT (JSON-LD) dei dati aperti della zona, come GET /api/v1/opendata/zones/{zona}/catalog;
      --url è l'indirizzo pubblico dell'installazione (predefinito BETTER_AUTH_URL)

Le tabelle sono quelle della relazione dopo il controllo del segreto statistico («< 3»).
Il PDF si scarica dalla pagina della relazione («Scarica il PDF»): lo stampa il server web.
Con il database integrato il server web non deve essere in esecuzione sulla stessa cartella dati.

Codici di uscita: 0 riuscito, 1 errore, 2 uso errato.`;

const usage = (message: string) => {
  console.error(`${message}\n\n${HELP}`);
  return 2;
};

async function main(): Promise<number> {
  const parsed = readSubcommand(
    () =>
      parseArgs({
        allowPositionals: true,
        options: {
          zona: { type: "string" },
          anno: { type: "string" },
          edizione: { type: "string" },
          tabella: { type: "string" },
          standard: { type: "boolean", default: false },
          file: { type: "string" },
          url: { type: "string" },
          help: { type: "boolean", default: false },
        },
      }),
    HELP,
  );
  if ("exit" in parsed) return parsed.exit;
  const { values, command } = parsed;
  if (!["edizioni", "tabelle", "catalogo"].includes(command)) return usage(`Comando sconosciuto: ${command}`);
  if (!values.zona) return usage("Serve --zona (per esempio --zona UMB-11).");
  if (command !== "edizioni" && !values.file) return usage("Serve --file, il file da scrivere.");
  const year = values.anno === undefined ? null : parseReportYear(values.anno);
  if (command === "tabelle" && year === null) return usage(`--anno ${values.anno ?? "(mancante)"}: indicare l'anno con quattro cifre.`);
  const edition = values.edizione === undefined ? null : /^\d{1,4}$/.test(values.edizione) ? Number(values.edizione) : NaN;
  if (Number.isNaN(edition)) return usage(`--edizione ${values.edizione}: un numero intero.`);
  const file = values.file ? path.resolve(values.file) : null;
  const ext = file ? path.extname(file).toLowerCase() : "";
  if (command === "tabelle" && ext !== ".xlsx" && ext !== ".csv") return usage(`--file ${values.file}: il nome deve finire con .xlsx o .csv.`);
  if (command === "tabelle" && ext === ".csv" && !values.tabella) return usage("Un CSV contiene una tabella: indicare --tabella (npm run report -- tabelle … --file x.xlsx le contiene tutte).");

  const config = env();
  const zoneCode = values.zona.trim().toUpperCase();
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.OSSERVATORIO_DATA_DIR, holder: { command: `npm run report -- ${command}` } });
  try {
    await migrateToLatest(handle.db);
    const zone = await getZone(handle.db, zoneCode);
    if (!zone) {
      console.error(`Zona ${zoneCode} sconosciuta.`);
      return 1;
    }
    if (command === "edizioni") {
      const editions = await listEditions(handle.db, zoneCode);
      if (editions.length === 0) console.log(`Nessuna edizione pubblicata per ${zone.name}.`);
      for (const e of editions) {
        console.log(`${e.year} n. ${e.number}  deliberazione n. ${e.deliberationNumber} del ${e.deliberationDate}  pubblicata il ${e.publishedAt.toISOString().slice(0, 10)}  ${e.supersededByNumber ? `sostituita dalla n. ${e.supersededByNumber}` : "in vigore"}`);
      }
      return 0;
    }
    if (command === "catalogo") {
      const data = (await zoneOpenData(handle.db, zoneCode))!;
      const baseUrl = (values.url ?? config.BETTER_AUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
      const catalog = dcatCatalog({ baseUrl, ...data, today: new Date().toISOString().slice(0, 10) });
      fs.writeFileSync(file!, JSON.stringify(catalog, null, 2) + "\n");
      console.log(`Catalogo DCAT-AP_IT scritto in ${file!}: ${catalog["dcat:dataset"].length} dataset.`);
      return 0;
    }
    let source;
    if (edition === null) {
      source = { doc: await buildReport(handle.db, zoneCode, year!), status: "bozza, i valori cambiano con le importazioni" };
    } else {
      const e = await getEdition(handle.db, zoneCode, year!, edition);
      if (!e) {
        console.error(`Edizione n. ${edition} della relazione ${year!} di ${zone.name} non trovata (npm run report -- edizioni --zona ${zoneCode}).`);
        return 1;
      }
      source = { doc: e.document, status: `edizione n. ${e.number}, deliberazione n. ${e.deliberationNumber} del ${e.deliberationDate}` };
    }
    if (values.tabella) {
      const table = reportTableExport(source.doc, values.tabella, edition);
      if (!table) {
        console.error(`La relazione non ha la tabella «${values.tabella}». Tabelle: ${documentTables(source.doc).map((t) => t.table.id).join(", ")}.`);
        return 1;
      }
      if (ext === ".csv") fs.writeFileSync(file!, toCsv(table.header, table.rows, values.standard ? "standard" : "excel-it"));
      else fs.writeFileSync(file!, await toXlsxBook([{ name: table.sheet, header: table.header, rows: table.rows, notes: table.notes ?? [] }]));
      console.log(`Tabella «${values.tabella}» scritta in ${file!}.`);
      return 0;
    }
    const sheets = reportWorkbook(source.doc, edition, source.status);
    fs.writeFileSync(file!, await toXlsxBook(sheets));
    console.log(`${sheets.length - 1} tabelle della relazione ${year!} (${source.status}) scritte in ${file!}.`);
    return 0;
  } finally {
    await handle.close();
  }
}

runCli(main);

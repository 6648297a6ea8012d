/**
 * npm run import -- <file> [--kind K] [--zona CODE] [--sheet NAME] [--map "COLONNA=CAMPO"]… [--mapping NOME] [--dry-run] [--valid-only] [--accept-warnings] [--json]
 * npm run import -- revert <batchId> [--json]
 *
 * Exit codes: 0 committed (or a clean dry run), 1 the file has errors (nothing
 * written) or the operation failed, 2 usage errors.
 *
 * With the embedded database, a running web server holds the data folder:
 * the CLI then hands the file to the server (authenticated by the secret the
 * server wrote in the folder lock) instead of opening the folder itself.
 */
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateToLatest } from "@/db/migrate";
import { runningServer, DataDirLockedError } from "@/db/lock";
import { cliJson, DATASET_KINDS, type DatasetKind, type ImportReport } from "./report";
import { runImport } from "./run";
import { revertBatch, RevertError } from "./load/revert";
import { formatReportText } from "./report-text";
import { parseMapEntries } from "./csv/column-map";
import { ZONE_CODE } from "@/lib/territory/zone-code";

const HELP = `Uso:
  npm run import -- <file> [--kind TIPO] [--zona CODICE] [--sheet FOGLIO]
                            [--map "COLONNA=CAMPO"]… [--mapping NOME] [--dry-run]
                            [--valid-only] [--accept-warnings] [--json]
  npm run import -- revert <id-caricamento> [--json]

Importa un file CSV, un foglio di calcolo (.xlsx, .ods, .xls salvato da Excel come
pagina web o come «Foglio di calcolo XML 2003») o GeoJSON/TopoJSON per i confini.

  --kind TIPO    tipo di dati: ${DATASET_KINDS.join(", ")}
                 (se omesso è riconosciuto dalle intestazioni delle colonne)
  --zona CODICE  zona sociale dei dati, per esempio UMB-11 (i nomi dei comuni si
                 cercano in questa zona, poi nella provincia)
  --sheet FOGLIO nome o numero (1 = il primo) del foglio da leggere in un file con più
                 fogli; se omesso si legge il primo foglio con dati
  --map "COLONNA=CAMPO"
                 la colonna COLONNA (l'intestazione come la scrive il file) contiene
                 il campo CAMPO del tipo di dati (per esempio --map "Cod. ISTAT=comune");
                 "COLONNA=ignora" non la legge. Ripetibile, una colonna per volta.
                 Per i valori CAMPO può essere il codice di un indicatore: la colonna
                 ne contiene i valori (--map "Totale=POP_TOT").
                 Per un file SDMX-CSV (esportazione di esploradati.istat.it) sceglie
                 l'indicatore di ogni combinazione di dimensioni:
                 --map "SEX=9,AGE=TOTAL=POP_TOT" (o "...=ignora").
                 Confermando, la corrispondenza è salvata per la zona e applicata da
                 sola ai file successivi con le stesse intestazioni.
  --mapping NOME usa la corrispondenza salvata con questo nome invece di quella
                 trovata dalle intestazioni; con --map, il nome con cui salvarla
                 (predefinito: il nome del file)
  --dry-run      anteprima: controlla il file e dice cosa cambierebbe, senza scrivere
  --valid-only   importa solo le righe valide e registra quelle scartate
                 (senza questa opzione un file con errori non scrive nulla;
                 un file di tipo zone è sempre tutto o niente)
  --accept-warnings
                 conferma gli avvisi dell'anteprima (un valore 10 volte diverso da
                 quello dell'anno prima per lo stesso territorio, un periodo dopo
                 l'anno in corso o prima del 1990): senza questa opzione un file
                 con avvisi non scrive nulla; provare prima con --dry-run
  --json         stampa un solo oggetto JSON con il risultato
  revert ID      annulla il caricamento ID ripristinando i valori che aveva sostituito

Codici di uscita: 0 importato (o anteprima senza errori), 1 il file ha errori e
nulla è stato scritto, 2 errore nell'uso del comando.`;

class UsageError extends Error {}

interface ImportCommand {
  action: "import";
  file: string;
  kind: DatasetKind | null;
  zoneCode: string | null;
  sheet: string | null;
  dryRun: boolean;
  validOnly: boolean;
  acceptWarnings: boolean;
  map: string[];
  mappingName: string | null;
  json: boolean;
}
interface RevertCommand {
  action: "revert";
  batchId: number;
  json: boolean;
}
type Command = ImportCommand | RevertCommand | { action: "help" };

export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        kind: { type: "string" },
        zona: { type: "string" },
        sheet: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        "valid-only": { type: "boolean", default: false },
        "accept-warnings": { type: "boolean", default: false },
        map: { type: "string", multiple: true, default: [] },
        mapping: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { action: "help" };
  if (positionals[0] === "revert") {
    const id = Number(positionals[1]);
    if (positionals.length !== 2 || !Number.isInteger(id) || id <= 0) {
      throw new UsageError("revert richiede l'identificativo numerico del caricamento, per esempio: revert 12");
    }
    return { action: "revert", batchId: id, json: values.json };
  }
  if (positionals.length > 1) throw new UsageError(`Un solo file alla volta (ricevuti: ${positionals.join(", ")}).`);
  const kind = values.kind ?? null;
  if (kind !== null && !(DATASET_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`Tipo di dati sconosciuto "${kind}". Tipi possibili: ${DATASET_KINDS.join(", ")}.`);
  }
  const zona = values.zona ?? null;
  if (zona !== null && !ZONE_CODE.test(zona)) {
    throw new UsageError(`Codice zona non valido "${zona}": usare il formato UMB-11.`);
  }
  if (values["dry-run"] && values["valid-only"]) throw new UsageError("--dry-run e --valid-only non vanno insieme.");
  const { errors: mapErrors } = parseMapEntries(values.map);
  if (mapErrors.length) throw new UsageError(`--map: ${mapErrors.join(" ")}`);
  const mappingName = values.mapping?.trim() ?? null;
  if (mappingName !== null && (mappingName === "" || mappingName.length > 100)) throw new UsageError("--mapping: il nome va da 1 a 100 caratteri.");
  return {
    action: "import",
    file: positionals[0] as string,
    kind: kind as DatasetKind | null,
    zoneCode: zona,
    sheet: values.sheet ?? null,
    dryRun: values["dry-run"],
    validOnly: values["valid-only"],
    acceptWarnings: values["accept-warnings"],
    map: values.map,
    mappingName,
    json: values.json,
  };
}

async function viaServer(server: { port: number; token: string }, command: ImportCommand | RevertCommand): Promise<ImportReport | { batchId: number; removed: number; restored: number }> {
  const base = `http://127.0.0.1:${server.port}/api/v1/imports`;
  const headers = { authorization: `Bearer ${server.token}`, origin: `http://127.0.0.1:${server.port}` };
  let response: Response;
  if (command.action === "revert") {
    response = await fetch(`${base}/${command.batchId}/revert`, { method: "POST", headers });
  } else {
    const params = new URLSearchParams({
      mode: command.dryRun ? "preview" : command.validOnly ? "commit-valid" : "commit",
      name: path.basename(command.file),
    });
    if (command.kind) params.set("kind", command.kind);
    if (command.zoneCode) params.set("zona", command.zoneCode);
    if (command.sheet) params.set("sheet", command.sheet);
    if (command.acceptWarnings) params.set("acceptWarnings", "true");
    for (const entry of command.map) params.append("map", entry);
    if (command.mappingName) params.set("mapping", command.mappingName);
    // Streamed, so a large file is never held in memory; the declared size lets the server
    // refuse a file that arrives incomplete.
    response = await fetch(`${base}?${params}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/octet-stream", "content-length": String(fs.statSync(command.file).size) },
      body: Readable.toWeb(fs.createReadStream(command.file)) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    return readReport(response);
  }
  const body = (await response.json()) as { error?: { message: string } } & Record<string, unknown>;
  if (!response.ok && body.error) throw new Error(body.error.message);
  return body as unknown as { batchId: number; removed: number; restored: number };
}

/** Reads the server's NDJSON answer to an import and returns its report. */
async function readReport(response: Response): Promise<ImportReport> {
  const text = await response.text();
  if (!response.ok) {
    const body = JSON.parse(text) as { error?: { message: string } };
    throw new Error(body.error?.message ?? `Il server ha risposto ${response.status}`);
  }
  for (const line of text.split("\n").reverse()) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as { type: string; report?: ImportReport; message?: string };
    if (event.type === "report" && event.report) return event.report;
    if (event.type === "error") throw new Error(event.message);
  }
  throw new Error("Risposta del server incompleta.");
}

async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = env();
  const handle = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.OSSERVATORIO_DATA_DIR,
    holder: { command: "npm run import" },
  });
  try {
    await migrateToLatest(handle.db);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (command.action === "help") {
    console.log(HELP);
    return 0;
  }
  if (command.action === "import" && !fs.existsSync(command.file)) {
    console.error(`File non trovato: ${command.file}`);
    return 2;
  }

  const config = env();
  const server = config.DATABASE_URL ? null : runningServer(config.OSSERVATORIO_DATA_DIR);

  if (command.action === "revert") {
    try {
      const result = server
        ? await viaServer(server, command)
        : await withDatabase((handle) => revertBatch(handle, command.batchId, "npm run import"));
      if (command.json) console.log(JSON.stringify(result));
      else console.log(`Caricamento ${command.batchId} annullato: valori ripristinati come prima del caricamento.`);
      return 0;
    } catch (error) {
      if (!(error instanceof RevertError) && !(error instanceof DataDirLockedError) && !(error instanceof Error)) throw error;
      console.error(error.message);
      return 1;
    }
  }

  const report = server
    ? ((await viaServer(server, command)) as ImportReport)
    : await withDatabase((handle) =>
        runImport(handle, {
          fileName: path.basename(command.file),
          filePath: command.file,
          kind: command.kind,
          zoneCode: command.zoneCode,
          sheet: command.sheet,
          dryRun: command.dryRun,
          validOnly: command.validOnly,
          acceptWarnings: command.acceptWarnings,
          map: command.map,
          mappingName: command.mappingName ?? undefined,
          userLabel: "npm run import",
        }),
      );
  if (command.json) console.log(JSON.stringify(cliJson(report)));
  else console.log(formatReportText(report));
  return report.status === "rejected" || (command.dryRun && (report.rejected > 0 || report.fileErrors.length > 0)) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

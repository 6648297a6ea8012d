/**
 * npm run restore -- FILE [--sovrascrivi] [--json]
 *
 * Exit codes: 0 restored and checked, 1 failure (the database is as it was),
 * 2 usage errors.
 */
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { openDatabase } from "../client";
import { acquireDataDirLock, runningServer } from "../lock";
import { parseBackupArgs } from "./backup-args";
import { BackupError, dropAllTables, hasTables, inspectBackup, restoreBackup, totalRows, type RestoreResult } from "../backup";

const HELP = `Uso: npm run restore -- FILE [--sovrascrivi] [--json]

Ripristina una copia di sicurezza fatta con npm run backup nel database
configurato: PostgreSQL se è impostata DATABASE_URL, altrimenti il database
integrato in OSSERVATORIO_DATA_DIR. Una copia del database integrato si
ripristina anche in PostgreSQL: è il modo di passare dall'uno all'altro (vedi
docs/backup.md).

Prima di scrivere, il file è controllato per intero (struttura, numero di righe,
codice di controllo): un file danneggiato o incompleto non tocca il database.
Dopo il ripristino il numero di righe di ogni tabella è confrontato con la copia.

  --sovrascrivi  sostituisce un database che contiene già dati. Il database
                 integrato precedente non viene cancellato: è spostato accanto,
                 in pgdata.prima-del-ripristino-DATA. Su PostgreSQL le tabelle
                 esistenti sono eliminate.
  --json         stampa un solo oggetto JSON con il risultato
  --help         questo aiuto

Con il database integrato il server web deve essere fermo. Gli utenti, le
password e la chiave delle sessioni tornano come erano al momento della copia
(se BETTER_AUTH_SECRET è impostata, resta quella).

Codici di uscita: 0 ripristino riuscito e verificato, 1 errore, 2 errore
nell'uso del comando.`;

class RestoreRefused extends Error {}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, "-");
}

async function restorePostgres(url: string, file: string, replace: boolean): Promise<RestoreResult & { previous: string | null }> {
  // The check at start-up would refuse the very database this command is about to replace.
  const handle = await openDatabase({ url, skipIntegrityCheck: true });
  try {
    if (await hasTables(handle.db)) {
      if (!replace) throw new RestoreRefused("Il database PostgreSQL di destinazione contiene già delle tabelle: usare --sovrascrivi per sostituirle con il contenuto della copia, oppure ripristinare in un database vuoto (createdb).");
      await dropAllTables(handle.db);
    }
    return { ...(await restoreBackup(handle, file)), previous: null };
  } finally {
    await handle.close();
  }
}

async function restorePglite(dataDir: string, file: string, replace: boolean): Promise<RestoreResult & { previous: string | null }> {
  const server = runningServer(dataDir);
  if (server) throw new RestoreRefused(`Il server web (porta ${server.port}) sta usando il database integrato in ${dataDir}: fermarlo prima del ripristino.`);
  const target = path.join(dataDir, "pgdata");
  const occupied = fs.existsSync(target) && fs.readdirSync(target).length > 0;
  if (occupied && !replace) {
    throw new RestoreRefused(`La cartella ${target} contiene già un database: usare --sovrascrivi per sostituirlo (il database attuale sarà spostato accanto, non cancellato).`);
  }
  // Built beside the current database and swapped in only when complete and checked.
  const building = "pgdata.ripristino";
  const buildPath = path.join(dataDir, building);
  fs.rmSync(buildPath, { recursive: true, force: true });
  let result: RestoreResult;
  try {
    const handle = await openDatabase({ dataDir, pgdata: building, holder: { command: "npm run restore" } });
    try {
      result = await restoreBackup(handle, file);
    } finally {
      await handle.close();
    }
  } catch (error) {
    fs.rmSync(buildPath, { recursive: true, force: true });
    throw error;
  }
  const release = acquireDataDirLock(dataDir, { command: "npm run restore" });
  try {
    let previous: string | null = null;
    if (fs.existsSync(target)) {
      previous = path.join(dataDir, `pgdata.prima-del-ripristino-${stamp()}`);
      fs.renameSync(target, previous);
    }
    fs.renameSync(buildPath, target);
    return { ...result, previous };
  } finally {
    release();
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parseBackupArgs(argv, HELP, ["sovrascrivi"]);
  if ("exit" in args) return args.exit;
  const { file, flags: values } = args;
  if (!fs.existsSync(file)) {
    console.error(`File non trovato: ${file}`);
    return 2;
  }
  const config = env();
  try {
    // Checked before anything is touched.
    await inspectBackup(file);
    const result = config.DATABASE_URL
      ? await restorePostgres(config.DATABASE_URL, file, Boolean(values.sovrascrivi))
      : await restorePglite(config.OSSERVATORIO_DATA_DIR, file, Boolean(values.sovrascrivi));
    const rows = totalRows(result.summary);
    if (values.json) {
      console.log(
        JSON.stringify({
          file,
          engine: config.DATABASE_URL ? "postgres" : "pglite",
          backupEngine: result.summary.engine,
          backupCreatedAt: result.summary.createdAt,
          rows,
          tables: result.summary.tables,
          upgraded: result.upgraded,
          recovered: result.recovered,
          previous: result.previous,
        }),
      );
    } else {
      console.log(
        `Ripristino completato da ${file} (copia del ${new Date(result.summary.createdAt).toLocaleString("it-IT")}, ` +
          `database ${result.summary.engine === "pglite" ? "integrato" : "PostgreSQL"}): ${rows.toLocaleString("it-IT")} righe in ` +
          `${Object.keys(result.summary.tables).length} tabelle, verificate.` +
          (result.upgraded.length ? `\nMigrazioni applicate dopo il ripristino: ${result.upgraded.join(", ")}.` : "") +
          result.recovered
            .map((b) => `\nIl caricamento ${b.batchId} (${b.fileName}) era in corso quando è stata fatta la copia: annullato, come all'avvio dopo un'interruzione.`)
            .join("") +
          (result.previous ? `\nIl database precedente è in ${result.previous}: cancellarlo quando il ripristino è verificato.` : ""),
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof RestoreRefused || error instanceof BackupError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

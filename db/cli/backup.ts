/**
 * npm run backup -- FILE [--json]
 *
 * Exit codes: 0 backup written and checked, 1 failure (nothing left under
 * FILE), 2 usage errors. With the embedded database and the web server
 * running, the server dumps the database (authenticated by the local token
 * of db/lock.ts); otherwise this process opens the database itself.
 */
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { env } from "@/lib/env";
import { openDatabase } from "../client";
import { runningServer } from "../lock";
import { parseBackupArgs } from "./backup-args";
import { saveBackupStream, totalRows, writeBackupFile, type BackupSummary } from "../backup";

const HELP = `Uso: npm run backup -- FILE [--json]

Salva in FILE una copia di sicurezza coerente di tutto il database configurato
(DATABASE_URL, oppure il database integrato in OSSERVATORIO_DATA_DIR), nello
stesso formato per i due motori: un backup del database integrato si ripristina
anche in PostgreSQL (npm run restore). Si può eseguire con il server web in
funzione: se il server usa il database integrato, è il server a preparare la
copia. Un'importazione in corso è nella copia per intero oppure non c'è affatto.

La copia contiene anche gli utenti (con gli hash delle password) e la chiave
che firma le sessioni, salvo che sia impostata BETTER_AUTH_SECRET (quella va
conservata a parte): il file è creato leggibile solo dal proprietario e va
custodito come il database stesso.

  --json   stampa un solo oggetto JSON con il risultato
  --help   questo aiuto

Non copiare la cartella dati mentre il server è in funzione: la copia può
risultare danneggiata. Vedi docs/backup.md.

Codici di uscita: 0 copia salvata e verificata, 1 errore (FILE non viene
creato), 2 errore nell'uso del comando.`;

async function viaServer(server: { port: number; token: string }, file: string): Promise<BackupSummary & { bytes: number }> {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/backup`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.token}`, origin: `http://127.0.0.1:${server.port}` },
  });
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string }; detail?: string } | null;
    throw new Error(body?.error?.message ?? body?.detail ?? `Il server ha risposto ${response.status}.`);
  }
  return saveBackupStream(Readable.fromWeb(response.body as never), file);
}

async function main(argv: string[]): Promise<number> {
  const args = parseBackupArgs(argv, HELP);
  if ("exit" in args) return args.exit;
  const { file, flags: values } = args;
  if (fs.existsSync(file)) {
    console.error(`${file} esiste già: scegliere un altro nome (una copia non ne sovrascrive un'altra).`);
    return 2;
  }
  if (!fs.existsSync(path.dirname(file))) {
    console.error(`La cartella ${path.dirname(file)} non esiste.`);
    return 2;
  }

  const config = env();
  const server = config.DATABASE_URL ? null : runningServer(config.OSSERVATORIO_DATA_DIR);
  let result: BackupSummary & { bytes: number };
  if (server) {
    result = await viaServer(server, file);
  } else {
    const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.OSSERVATORIO_DATA_DIR, holder: { command: "npm run backup" } });
    try {
      result = await writeBackupFile(handle, file);
    } finally {
      await handle.close();
    }
  }
  const rows = totalRows(result);
  if (values.json) {
    console.log(JSON.stringify({ file, bytes: result.bytes, engine: result.engine, createdAt: result.createdAt, viaServer: Boolean(server), migrations: result.migrations, rows, tables: result.tables }));
  } else {
    console.log(
      `Copia di sicurezza salvata in ${file}: ${rows.toLocaleString("it-IT")} righe in ${Object.keys(result.tables).length} tabelle, ` +
        `${(result.bytes / 1024 / 1024).toLocaleString("it-IT", { maximumFractionDigits: 1 })} MB` +
        `${server ? " (preparata dal server in funzione)" : ""}.\n` +
        `Contiene gli utenti e la chiave delle sessioni: conservarla in un luogo protetto.`,
    );
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

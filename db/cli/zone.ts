/**
 * npm run zone -- soglia --zona CODE --valore N
 * npm run zone -- list
 */
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { openDatabase } from "../client";
import { migrateToLatest } from "../migrate";
import { listZoneThresholds, setZoneDisclosureThreshold } from "../queries/zone-settings";
import { MAX_DISCLOSURE_THRESHOLD, MIN_DISCLOSURE_THRESHOLD } from "@/lib/disclosure";
import { readSubcommand, runCli } from "./subcommand";

const HELP = `Uso:
  npm run zone -- soglia --zona UMB-11 --valore N   soglia di riservatezza della zona: i conteggi di persone
                                                    inferiori a N si mostrano come «< N» alla Conferenza, all'API
                                                    e nelle esportazioni (N intero da ${MIN_DISCLOSURE_THRESHOLD} a ${MAX_DISCLOSURE_THRESHOLD}; predefinita ${MIN_DISCLOSURE_THRESHOLD})
  npm run zone -- list                              zone con la loro soglia

La modifica è registrata nel registro delle attività. Con il database integrato il server web
non deve essere in esecuzione: fermarlo, oppure usare la pagina Amministrazione › Zone.

Codici di uscita: 0 riuscito, 1 errore, 2 uso errato.`;

async function main(): Promise<number> {
  const parsed = readSubcommand(
    () => parseArgs({ allowPositionals: true, options: { zona: { type: "string" }, valore: { type: "string" }, help: { type: "boolean", default: false } } }),
    HELP,
  );
  if ("exit" in parsed) return parsed.exit;
  const { values, command } = parsed;
  if (command !== "soglia" && command !== "list") {
    console.error(`Comando sconosciuto: ${command}\n\n${HELP}`);
    return 2;
  }
  if (command === "soglia" && (!values.zona || values.valore === undefined)) {
    console.error(`Servono --zona e --valore.\n\n${HELP}`);
    return 2;
  }
  const config = env();
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.OSSERVATORIO_DATA_DIR, holder: { command: "npm run zone" } });
  try {
    await migrateToLatest(handle.db);
    if (command === "list") {
      for (const z of await listZoneThresholds(handle.db)) console.log(`${z.code}  soglia ${String(z.threshold).padStart(2)}  ${z.name}`);
      return 0;
    }
    const zoneCode = values.zona!.trim().toUpperCase();
    const { before, after } = await setZoneDisclosureThreshold(handle.db, { zoneCode, threshold: values.valore, actor: "npm run zone" });
    console.log(before === after ? `La soglia della zona ${zoneCode} era già ${after}.` : `Soglia della zona ${zoneCode}: da ${before} a ${after}.`);
    return 0;
  } finally {
    await handle.close();
  }
}

// DataDirLockedError and ZoneSettingError carry their Italian message; so does any other error.
runCli(main);

/**
 * npm run demo: migrates the database, loads the reference data and the demo
 * dataset, then serves the app. See `npm run demo -- --help`.
 */
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { openDatabase } from "../client";
import { migrateToLatest } from "../migrate";
import { loadReferenceData } from "../reference/load";
import { loadShippedBoundaries } from "../reference/boundaries";
import { loadDemoDataset } from "./load";
import { generateDemoDataset, REGION_COMUNI } from "./generate";
import { DataDirLockedError } from "../lock";
import { createDemoUsers, DEMO_USERS } from "../auth/demo-users";
import { standaloneAuth } from "../auth/users";
import { authSecret } from "../auth/secret";
import { ROLE_LABELS_IT } from "@/lib/auth/roles";

const HELP = `Uso: npm run demo [-- opzioni]

Prepara il database con i dati di riferimento (comuni italiani, zone sociali
dell'Umbria, Uffici della Cittadinanza, confini dei comuni umbri) e con i dati dimostrativi sintetici delle
zone 6 (Norcia), 10 (Terni) e 11 (Narni), 2019–2025 (territorio, servizi, bilancio, Piano), e degli
indicatori del territorio delle altre nove zone dell'Umbria (per il confronto con la regione),
con la relazione annuale 2025 delle zone 11 e 6 pubblicata come edizione; poi avvia il server web.
Rieseguirlo non duplica nulla.

Opzioni:
  --reset      cancella la cartella dati integrata (OSSERVATORIO_DATA_DIR) e riparte da zero
  --no-serve   carica i dati e termina senza avviare il server
  --help       mostra questo aiuto

Variabili: DATABASE_URL (PostgreSQL invece del database integrato),
OSSERVATORIO_DATA_DIR (cartella dati, predefinita ./data), PORT (predefinita 3000).`;

function parseCli() {
  try {
    return parseArgs({
      options: {
        reset: { type: "boolean", default: false },
        "no-serve": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
}

const SOURCE_DIRS = ["app", "lib", "db", "imports"];

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(full));
    else if (/\.(tsx?|css|mjs)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** A production build is made when none exists or the sources are newer than it. */
function buildIfStale(): void {
  const buildId = path.join(".next", "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sources = Math.max(
    ...SOURCE_DIRS.filter((d) => fs.existsSync(d)).map(newestSourceMtime),
    fs.statSync("package.json").mtimeMs,
    fs.statSync("next.config.mjs").mtimeMs,
  );
  if (builtAt > sources) return;
  console.log("Compilazione dell'applicazione (next build), solo la prima volta o dopo modifiche…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error("Compilazione non riuscita.");
    process.exit(1);
  }
}

/**
 * The demo's published report editions (db/demo/generate/report-edition.ts),
 * in a child process: composing a report reads the server's query modules,
 * which run only under the react-server condition (see tests/unit/code/server-only.test.ts).
 */
function publishEditions(): void {
  const result = spawnSync("npx", ["tsx", "--conditions=react-server", "db/demo/publish-editions.ts"], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error("Pubblicazione delle edizioni dimostrative della relazione non riuscita.");
    process.exit(1);
  }
}

async function main() {
  const args = parseCli();
  if (args.help) {
    console.log(HELP);
    return;
  }
  const config = env();
  if (args.reset) {
    if (config.DATABASE_URL) {
      console.error("--reset vale solo per il database integrato: con DATABASE_URL svuotare il database a mano.");
      process.exit(2);
    }
    fs.rmSync(path.join(config.OSSERVATORIO_DATA_DIR, "pgdata"), { recursive: true, force: true });
    console.log(`Cartella dati ${config.OSSERVATORIO_DATA_DIR} cancellata.`);
  }

  const handle = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.OSSERVATORIO_DATA_DIR,
    holder: { command: "npm run demo (caricamento dati)" },
  });
  try {
    console.log(`Database: ${handle.kind === "pglite" ? "integrato (PGlite)" : "PostgreSQL"} · ${handle.location}`);
    const applied = await migrateToLatest(handle.db);
    console.log(applied.length ? `Migrazioni applicate: ${applied.join(", ")}` : "Schema già aggiornato.");
    const ref = await loadReferenceData(handle.db);
    console.log(`Dati di riferimento: ${ref.comuni} comuni, ${ref.zones} zone sociali.`);
    const boundaries = await loadShippedBoundaries(handle);
    console.log(
      boundaries.inserted + boundaries.updated > 0
        ? `Confini dei comuni dell'Umbria caricati: ${boundaries.inserted + boundaries.updated} (© Openpolis, da ISTAT; CC BY 4.0).`
        : "Confini dei comuni dell'Umbria già presenti.",
    );
    const created = await createDemoUsers(handle.db, standaloneAuth(handle.db, await authSecret(handle.db, config.BETTER_AUTH_SECRET, config.OSSERVATORIO_DATA_DIR)));
    if (created.length) console.log(`Utenti dimostrativi creati: ${created.length}.`);
    const result = await loadDemoDataset(handle.db, generateDemoDataset({ regionComuni: REGION_COMUNI }));
    if (result.status === "unchanged") console.log("Dati dimostrativi già presenti: nessuna modifica.");
    else
      console.log(
        `Dati dimostrativi caricati: ${Object.entries(result.counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(", ")}.`,
      );
  } finally {
    await handle.close();
  }
  publishEditions();

  console.log("\nUtenti dimostrativi (solo per la demo):");
  for (const u of DEMO_USERS) console.log(`  ${ROLE_LABELS_IT[u.role].padEnd(34)} ${u.email.padEnd(38)} password: ${u.password}`);
  if (args["no-serve"]) return;
  buildIfStale();
  console.log(`\nOsservatorio in ascolto su http://localhost:${config.PORT} (Ctrl+C per fermare).`);
  const server = spawn("npx", ["next", "start", "-p", String(config.PORT)], {
    stdio: "inherit",
    env: {
      ...process.env,
      OSSERVATORIO_DEMO: "1",
      OSSERVATORIO_DEFAULT_ZONE: config.OSSERVATORIO_DEFAULT_ZONE ?? "UMB-11",
    },
  });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

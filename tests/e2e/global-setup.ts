import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import type { TestProject } from "vitest/node";

/**
 * Builds the app if needed, loads the demo into a throwaway data folder and
 * starts `next start` on a free port. Tests read the base URL with inject("baseUrl").
 */
declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    /** A read-only API token of the demo analyst (zones 6, 10, 11). */
    apiToken: string;
    /** Whether Zona 11's boundaries were imported (the reference file is beside the checkout). */
    hasBoundaries: boolean;
  }
}

const PORT = Number(process.env.E2E_PORT ?? 3199);

/** A planner of Zona 2 (Perugia): sees none of the demo zones. */
export const OTHER_ZONE_USER = { email: "pianificatore.perugia@prova.it", password: "altra-zona-password-2026" };
/** A user for the brute-force test, which locks its account. */
export const LOCKOUT_USER = { email: "bersaglio@prova.it", password: "bersaglio-password-2026" };

async function waitForServer(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`Il server è terminato con codice ${server.exitCode}`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Il server non risponde su ${url}`);
}

export default async function setup(project: TestProject) {
  if (!fs.existsSync(path.join(".next", "BUILD_ID")) || process.env.E2E_BUILD === "1") {
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build non riuscito");
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-e2e-"));
  const env = { ...process.env, OSSERVATORIO_DATA_DIR: dataDir, PORT: String(PORT), DATABASE_URL: "" };
  const load = spawnSync("npx", ["tsx", "db/demo/cli.ts", "--no-serve"], { stdio: "inherit", env });
  if (load.status !== 0) throw new Error("Caricamento dei dati dimostrativi non riuscito");
  const token = spawnSync("npx", ["tsx", "db/cli/user.ts", "token", "--email", "analista@demo.osservatorio.it", "--name", "e2e"], { env, encoding: "utf8" });
  if (token.status !== 0) throw new Error(`Creazione del token API non riuscita: ${token.stderr}`);
  const apiToken = token.stdout.trim().split("\n").pop() ?? "";
  // Real boundaries may be used in CI but not shipped: imported from the shared reference folder when present.
  const boundaries = path.resolve("..", "shared", "reference", "confini", "umbria-comuni.geojson");
  if (fs.existsSync(boundaries)) {
    const imported = spawnSync("npx", ["tsx", "imports/cli.ts", boundaries, "--kind", "confini", "--zona", "UMB-11"], { env, encoding: "utf8" });
    if (imported.status !== 0) throw new Error(`Importazione dei confini non riuscita: ${imported.stdout} ${imported.stderr}`);
  }
  project.provide("hasBoundaries", fs.existsSync(boundaries));
  // A user of another zone, for the authorization walk.
  const other = spawnSync("npx", ["tsx", "db/cli/user.ts", "create", "--email", OTHER_ZONE_USER.email, "--role", "pianificatore", "--zona", "UMB-02", "--password", OTHER_ZONE_USER.password], { env, encoding: "utf8" });
  if (other.status !== 0) throw new Error(`Creazione dell'utente di un'altra zona non riuscita: ${other.stderr}`);
  const target = spawnSync("npx", ["tsx", "db/cli/user.ts", "create", "--email", LOCKOUT_USER.email, "--role", "conferenza", "--zona", "UMB-11", "--password", LOCKOUT_USER.password], { env, encoding: "utf8" });
  if (target.status !== 0) throw new Error(`Creazione dell'utente di prova non riuscita: ${target.stderr}`);

  const server = spawn("npx", ["next", "start", "-p", String(PORT)], {
    env: {
      ...env,
      OSSERVATORIO_DEMO: "1",
      OSSERVATORIO_DEFAULT_ZONE: "UMB-11",
      // The footer's items are shown only when configured: all of them, so that the scans see them.
      OSSERVATORIO_OWNER: "Ufficio di Piano – Zona sociale 11 (prova)",
      OSSERVATORIO_CONTACT_EMAIL: "ufficiodipiano@prova.it",
      OSSERVATORIO_CONTACT_PHONE: "0744 000000",
      OSSERVATORIO_ACCESSIBILITY_URL: "https://form.agid.gov.it/",
      OSSERVATORIO_PRIVACY_URL: "https://prova.it/privacy",
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${PORT}`;
  await waitForServer(`${baseUrl}/api/v1/zones`, server, 120_000);
  project.provide("baseUrl", baseUrl);
  project.provide("dataDir", dataDir);
  project.provide("apiToken", apiToken);

  return async () => {
    // The server may have exited already (a crash is reported by the tests themselves).
    if (server.pid && server.exitCode === null) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireDataDirLock } from "@/db/lock";
import { openDatabase } from "@/db/client";
import { migrateToLatest } from "@/db/migrate";
import { listAudit } from "@/db/queries/audit";
import { listApiTokens } from "@/db/auth/users";

/** `npm run user` on a fresh embedded folder, as a user would run it. */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-user-cli-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
beforeAll(async () => {
  // One region and no zones: enough for an administrator's token, and a zone grant must fail.
  const handle = await openDatabase({ dataDir, holder: { command: "test" } });
  try {
    await migrateToLatest(handle.db);
    await handle.db.insertInto("region").values({ code: "10", name: "Umbria" }).execute();
  } finally {
    await handle.close();
  }
});

function user(...args: string[]) {
  return spawnSync("npx", ["tsx", "db/cli/user.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, OSSERVATORIO_DATA_DIR: dataDir, DATABASE_URL: "" },
  });
}

describe("npm run user", () => {
  it("explains itself", () => {
    const help = user("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("npm run user -- create --email E --role RUOLO");
    expect(help.stdout).toContain("Ruoli: admin, analista, pianificatore, conferenza");
    const wrong = user("crea");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("Comando sconosciuto: crea");
    expect(user("create", "--email", "x@prova.it", "--role", "capo").stderr).toContain("Ruolo mancante o sconosciuto");
  }, 300_000); // three runs of the CLI, slow on a busy machine

  it("creates an administrator with a generated password, lists it, gives a token once, disables it", () => {
    const created = user("create", "--email", "Capo@Prova.it", "--role", "admin");
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/Utente capo@prova\.it creato\. Password: \S{12,}/);
    const again = user("create", "--email", "capo@prova.it", "--role", "admin");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("Esiste già un utente");
    // Zones must exist (this folder has no reference data).
    const badZone = user("create", "--email", "a@prova.it", "--role", "analista", "--zona", "UMB-11");
    expect(badZone.status).toBe(1);
    expect(badZone.stderr).toContain('Zona sociale "UMB-11" sconosciuta');

    const token = user("token", "--email", "capo@prova.it", "--name", "prova");
    expect(token.status).toBe(0);
    expect(token.stdout.trim().split("\n").pop()).toMatch(/^osv_[\w-]{20,}$/);

    const list = JSON.parse(user("list", "--json").stdout) as { users: { email: string; role: string; disabled: boolean }[]; tokens: { name: string }[] };
    expect(list.users).toEqual([expect.objectContaining({ email: "capo@prova.it", role: "admin", disabled: false })]);
    expect(list.tokens.map((t) => t.name)).toEqual(["prova"]);
    expect(list.tokens[0]).toMatchObject({ unprotected_data: false, owner_email: "capo@prova.it" });
    // The only administrator cannot be disabled.
    const disable = user("disable", "--email", "capo@prova.it");
    expect(disable.status).toBe(1);
    expect(disable.stderr).toContain("unico amministratore");
  }, 300_000); // seven runs of the CLI, slow on a busy machine

  it("grants dati non protetti only with --unprotected, and never to a Conferenza user's token", async () => {
    const granted = user("token", "--email", "capo@prova.it", "--name", "sistema regionale", "--unprotected");
    expect(granted.status).toBe(0);
    expect(granted.stdout).toContain("dati non protetti");
    expect(user("create", "--email", "sindaco@prova.it", "--role", "conferenza", "--regione", "10").status).toBe(0);
    const refused = user("token", "--email", "sindaco@prova.it", "--unprotected");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("non vede i dati non protetti");
    const handle = await openDatabase({ dataDir, holder: { command: "test" } });
    try {
      const tokens = await listApiTokens(handle.db);
      expect(tokens.find((t) => t.name === "sistema regionale")?.unprotected_data).toBe(true);
      expect(tokens.some((t) => t.name.includes("sindaco"))).toBe(false);
      const events = await listAudit(handle.db, { action: "token.create" });
      expect(events.map((e) => (e.details as { unprotectedData?: boolean }).unprotectedData)).toEqual([true, false]);
    } finally {
      await handle.close();
    }
  }, 300_000); // three runs of the CLI, slow on a busy machine

  it("does not open the embedded database while the web server holds it, and says what to do", () => {
    const release = acquireDataDirLock(dataDir, { command: "server web Osservatorio", port: 3123 });
    try {
      const result = user("list");
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`processo ${process.pid}, porta 3123`);
      expect(result.stderr).toContain("http://localhost:3123/admin/utenti");
      expect(result.stderr).not.toMatch(/web server|holds the/i); // Italian only
    } finally {
      release();
    }
  });
});

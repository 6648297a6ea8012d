import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { authSecret } from "@/db/auth/secret";
import { testEngines } from "@/tests/helpers/db";

/** The session key lives in the database, never silently in the data folder. */
describe.each(testEngines())("session key on $name", (engine) => {
  let handle: DatabaseHandle;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-secret-"));
  beforeAll(async () => {
    handle = await engine.open();
  });
  beforeEach(async () => {
    await handle.db.deleteFrom("app_secret").execute();
  });
  afterAll(async () => {
    await handle.db.deleteFrom("app_secret").execute();
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("generates one key, keeps it in the database and writes nothing in the data folder", async () => {
    const first = await authSecret(handle.db, undefined, dataDir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await authSecret(handle.db, undefined, dataDir)).toBe(first);
    expect(fs.readdirSync(dataDir)).toEqual([]);
    const rows = await handle.db.selectFrom("app_secret").select("value").execute();
    expect(rows.map((r) => r.value)).toEqual([first]);
  });

  it("moves the key of an older install from the data folder into the database", async () => {
    fs.writeFileSync(path.join(dataDir, "auth-secret"), "chiave-di-una-installazione-precedente-1234\n", { mode: 0o600 });
    expect(await authSecret(handle.db, undefined, dataDir)).toBe("chiave-di-una-installazione-precedente-1234");
    expect(fs.existsSync(path.join(dataDir, "auth-secret"))).toBe(false);
    expect(await authSecret(handle.db, undefined, dataDir)).toBe("chiave-di-una-installazione-precedente-1234");
  });

  it("uses BETTER_AUTH_SECRET when set and stores nothing", async () => {
    expect(await authSecret(handle.db, "configurata-configurata-configurata-123", dataDir)).toBe("configurata-configurata-configurata-123");
    expect(await handle.db.selectFrom("app_secret").selectAll().execute()).toEqual([]);
  });
});

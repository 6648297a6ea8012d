import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { migrateToLatest } from "@/db/migrate";
import { createUser, findUserByEmail, principalOfUser, setUserComune, updateUserAccess, UserError } from "@/db/auth/users";
import { createDemoUsers } from "@/db/auth/demo-users";
import { listAudit } from "@/db/queries/audit";
import { testEngines } from "@/tests/helpers/db";
import { accountsSuite } from "@/tests/helpers/accounts-suite";

const NARNI = "055022";
const AMELIA = "055004";
const TERNI = "055032"; // Zona 10

describe.each(testEngines())("the mayor's comune on $name", (engine) => {
  const suite = accountsSuite(engine);

  it("binds a Conferenza user to a comune of their zones; the principal carries it", async () => {
    const user = await createUser(suite.handle.db, suite.auth, { email: "sindaco@amelia.it", role: "conferenza", zones: ["UMB-11"], comune: AMELIA });
    expect((await principalOfUser(suite.handle.db, user.id))?.comuneIstat).toBe(AMELIA);
    const { user: after, before } = await setUserComune(suite.handle.db, user.id, NARNI);
    expect(before).toBe(AMELIA);
    expect(after.comune).toBe(NARNI);
    expect((await principalOfUser(suite.handle.db, user.id))?.comuneIstat).toBe(NARNI);
    const removed = await setUserComune(suite.handle.db, user.id, null);
    expect(removed.user.comune).toBeNull();
    expect((await principalOfUser(suite.handle.db, user.id))?.comuneIstat).toBeUndefined();
  });

  it("refuses a comune outside the user's zones, an unknown one and a role other than Conferenza", async () => {
    const mayor = await createUser(suite.handle.db, suite.auth, { email: "sindaco@narni.it", role: "conferenza", zones: ["UMB-11"] });
    await expect(setUserComune(suite.handle.db, mayor.id, TERNI)).rejects.toThrow("non è in una zona di sindaco@narni.it");
    await expect(setUserComune(suite.handle.db, mayor.id, "999999")).rejects.toThrow('Comune con codice ISTAT "999999" sconosciuto');
    await expect(setUserComune(suite.handle.db, mayor.id, "55022")).rejects.toThrow(UserError);
    const planner = await createUser(suite.handle.db, suite.auth, { email: "piano@narni.it", role: "pianificatore", zones: ["UMB-11"] });
    await expect(setUserComune(suite.handle.db, planner.id, NARNI)).rejects.toThrow("Solo un utente della Conferenza di zona");
    await expect(createUser(suite.handle.db, suite.auth, { email: "x@terni.it", role: "conferenza", zones: ["UMB-11"], comune: TERNI })).rejects.toThrow(UserError);
    expect(await findUserByEmail(suite.handle.db, "x@terni.it")).toBeNull();
    // Through the region every comune of its zones can be chosen.
    const regional = await createUser(suite.handle.db, suite.auth, { email: "anci@umbria.it", role: "conferenza", regions: ["10"], comune: TERNI });
    expect((await principalOfUser(suite.handle.db, regional.id))?.comuneIstat).toBe(TERNI);
  });

  it("a change of zones or role that leaves the comune out ends the binding; one that keeps it does not", async () => {
    const mayor = await createUser(suite.handle.db, suite.auth, { email: "sindaco@narni.it", role: "conferenza", zones: ["UMB-11"], comune: NARNI });
    expect((await updateUserAccess(suite.handle.db, mayor.id, { role: "conferenza", zones: ["UMB-11", "UMB-10"], regions: [] })).comune).toBe(NARNI);
    expect((await updateUserAccess(suite.handle.db, mayor.id, { role: "conferenza", zones: ["UMB-10"], regions: [] })).comune).toBeNull();
    await setUserComune(suite.handle.db, mayor.id, TERNI);
    expect((await updateUserAccess(suite.handle.db, mayor.id, { role: "pianificatore", zones: ["UMB-10"], regions: [] })).comune).toBeNull();
  });

  it("the demo mayor is bound to Narni, also on a demo database made before the binding existed", async () => {
    await createDemoUsers(suite.handle.db, suite.auth);
    const mayor = await findUserByEmail(suite.handle.db, "sindaco.narni@demo.osservatorio.it");
    expect(mayor?.comune).toBe(NARNI);
    await suite.handle.db.deleteFrom("user_comune").execute();
    await createDemoUsers(suite.handle.db, suite.auth);
    expect((await findUserByEmail(suite.handle.db, "sindaco.narni@demo.osservatorio.it"))?.comune).toBe(NARNI);
  });
});

/** `npm run user` binds and unbinds, and the audit log records who changed what. */
describe("npm run user --comune", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-user-comune-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  beforeAll(async () => {
    const handle = await openDatabase({ dataDir, holder: { command: "test" } });
    try {
      await migrateToLatest(handle.db);
      await handle.db.insertInto("region").values({ code: "10", name: "Umbria" }).execute();
      await handle.db
        .insertInto("comune")
        .values([
          { istat: NARNI, name: "Narni", province: "TR", cadastral_code: null, region_code: "10", zone_code: null },
          { istat: TERNI, name: "Terni", province: "TR", cadastral_code: null, region_code: "10", zone_code: null },
        ])
        .execute();
      await handle.db.insertInto("zone").values({ code: "UMB-11", number: 11, name: "Zona sociale 11 – Narni", region_code: "10", capofila_istat: NARNI }).execute();
      await handle.db.insertInto("zone").values({ code: "UMB-10", number: 10, name: "Zona sociale 10 – Terni", region_code: "10", capofila_istat: TERNI }).execute();
      await handle.db.updateTable("comune").set({ zone_code: "UMB-11" }).where("istat", "=", NARNI).execute();
      await handle.db.updateTable("comune").set({ zone_code: "UMB-10" }).where("istat", "=", TERNI).execute();
    } finally {
      await handle.close();
    }
  });
  const user = (...args: string[]) =>
    spawnSync("npx", ["tsx", "db/cli/user.ts", ...args], { encoding: "utf8", env: { ...process.env, OSSERVATORIO_DATA_DIR: dataDir, DATABASE_URL: "" } });

  it("creates a mayor with a comune, refuses one outside the zones, removes it; each change audited", async () => {
    const created = user("create", "--email", "sindaco@narni.it", "--role", "conferenza", "--zona", "UMB-11", "--comune", NARNI);
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    const outside = user("update", "--email", "sindaco@narni.it", "--comune", TERNI);
    expect(outside.status).toBe(1);
    expect(outside.stderr).toContain("Il comune di Terni (055032) non è in una zona di sindaco@narni.it");
    expect(user("update", "--email", "sindaco@narni.it", "--comune", "Narni").status).toBe(2);
    const removed = user("update", "--email", "sindaco@narni.it", "--comune", "nessuno");
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain("comune -.");
    const handle = await openDatabase({ dataDir, holder: { command: "test" } });
    try {
      const audit = await listAudit(handle.db, {});
      const create = audit.find((e) => e.action === "user.create");
      expect(create?.details).toMatchObject({ comune: NARNI });
      const comune = audit.find((e) => e.action === "user.comune");
      expect(comune).toMatchObject({ actor: "npm run user", subject: "sindaco@narni.it", details: { before: NARNI, after: null } });
      expect(audit.some((e) => e.action === "user.update")).toBe(false);
    } finally {
      await handle.close();
    }
  }, 300_000);
});

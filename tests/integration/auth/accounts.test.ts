import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import {
  createApiToken,
  createUser,
  lockedUntil,
  LOCKOUT_FAILURES,
  LOCKOUT_MINUTES,
  principalOfToken,
  principalOfUser,
  recordLoginAttempt,
  revokeApiToken,
  endOtherSessions,
  setPassword,
  setUserDisabled,
  updateUserAccess,
  UserError,
  listApiTokens,
} from "@/db/auth/users";
import { can, seesUnprotectedCounts } from "@/lib/auth/roles";
import { testEngines } from "@/tests/helpers/db";
import { accountsSuite } from "@/tests/helpers/accounts-suite";

describe.each(testEngines())("accounts on $name", (engine) => {
  const suite = accountsSuite(engine);

  const signIn = async (email: string, password: string) => {
    const response = await suite.auth.api.signInEmail({ body: { email, password }, asResponse: true });
    return { ok: response.ok, cookie: response.headers.get("set-cookie")?.split(";")[0] ?? "" };
  };

  it("creates a user with zones; the password works, a wrong one does not", async () => {
    const user = await createUser(suite.handle.db, suite.auth, { email: "Ana@Esempio.it", role: "analista", zones: ["UMB-11"], password: "una-password-lunga" });
    expect(user.email).toBe("ana@esempio.it");
    expect((await signIn("ana@esempio.it", "una-password-lunga")).ok).toBe(true);
    expect((await signIn("ana@esempio.it", "sbagliata-sbagliata")).ok).toBe(false);
    const principal = await principalOfUser(suite.handle.db, user.id);
    expect(principal).toMatchObject({ role: "analista", zones: ["UMB-11"], readOnly: false });
    await expect(createUser(suite.handle.db, suite.auth, { email: "x@y.it", role: "conferenza", zones: ["UMB-99"] })).rejects.toThrow(UserError);
    await expect(createUser(suite.handle.db, suite.auth, { email: "x@y.it", role: "conferenza" })).rejects.toThrow("almeno una zona");
  });

  it("ends a session when it expires", async () => {
    await createUser(suite.handle.db, suite.auth, { email: "s@esempio.it", role: "conferenza", zones: ["UMB-11"], password: "una-password-lunga" });
    const { cookie } = await signIn("s@esempio.it", "una-password-lunga");
    const headers = new Headers({ cookie });
    expect((await suite.auth.api.getSession({ headers }))?.user.email).toBe("s@esempio.it");
    await sql`update "auth_session" set "expiresAt" = now() - interval '1 minute'`.execute(suite.handle.db);
    expect(await suite.auth.api.getSession({ headers })).toBeNull();
  });

  it("an admin reset changes the password and closes the user's sessions", async () => {
    const user = await createUser(suite.handle.db, suite.auth, { email: "r@esempio.it", role: "conferenza", zones: ["UMB-11"], password: "vecchia-password-1" });
    const { cookie } = await signIn("r@esempio.it", "vecchia-password-1");
    await setPassword(suite.handle.db, suite.auth, user.id, "nuova-password-12345");
    expect(await suite.auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
    expect((await signIn("r@esempio.it", "vecchia-password-1")).ok).toBe(false);
    expect((await signIn("r@esempio.it", "nuova-password-12345")).ok).toBe(true);
  });

  it(`locks an account after ${LOCKOUT_FAILURES} failures in ${LOCKOUT_MINUTES} minutes; a success resets the count`, async () => {
    const email = "b@esempio.it";
    for (let i = 0; i < LOCKOUT_FAILURES - 1; i++) await recordLoginAttempt(suite.handle.db, email, false, "127.0.0.1");
    expect(await lockedUntil(suite.handle.db, email)).toBeNull();
    await recordLoginAttempt(suite.handle.db, email, false, "127.0.0.1");
    const until = await lockedUntil(suite.handle.db, email);
    expect(until).not.toBeNull();
    expect(until!.getTime() - Date.now()).toBeGreaterThan((LOCKOUT_MINUTES - 1) * 60_000);
    // After the window the lock lapses.
    expect(await lockedUntil(suite.handle.db, email, new Date(Date.now() + (LOCKOUT_MINUTES + 1) * 60_000))).toBeNull();
    await recordLoginAttempt(suite.handle.db, email, true, "127.0.0.1");
    expect(await lockedUntil(suite.handle.db, email)).toBeNull();
  });

  const makeOwner = (email: string, role: "admin" | "pianificatore" | "conferenza", zones: string[] = []) =>
    createUser(suite.handle.db, suite.auth, { email, role, zones, password: "una-password-lunga" });

  it("stores API tokens hashed; a revoked token stops working", async () => {
    const owner = await makeOwner("capo@esempio.it", "admin");
    const { id, token } = await createApiToken(suite.handle.db, { name: "regione", zones: ["UMB-11"], regions: [], createdBy: owner.id });
    const stored = await suite.handle.db.selectFrom("api_token").select("token_hash").where("id", "=", id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(await principalOfToken(suite.handle.db, token)).toMatchObject({ kind: "token", readOnly: true, zones: ["UMB-11"], unprotectedData: false });
    expect(await principalOfToken(suite.handle.db, token + "x")).toBeNull();
    await revokeApiToken(suite.handle.db, id);
    expect(await principalOfToken(suite.handle.db, token)).toBeNull();
  });

  it("checks a token against its user at every request: disabled, re-enabled, deleted", async () => {
    await makeOwner("altro@esempio.it", "admin"); // so that the owner is not the last administrator
    const owner = await makeOwner("capo@esempio.it", "admin");
    const { token } = await createApiToken(suite.handle.db, { name: "regione", zones: ["UMB-11"], regions: [], createdBy: owner.id });
    expect(await principalOfToken(suite.handle.db, token)).not.toBeNull();
    await setUserDisabled(suite.handle.db, owner.id, true);
    expect(await principalOfToken(suite.handle.db, token)).toBeNull();
    await setUserDisabled(suite.handle.db, owner.id, false);
    expect(await principalOfToken(suite.handle.db, token)).not.toBeNull();
    await sql`delete from "auth_user" where "id" = ${owner.id}`.execute(suite.handle.db);
    expect(await principalOfToken(suite.handle.db, token)).toBeNull();
  });

  it("narrows a token to its user's zones of today, and follows the user's role", async () => {
    const owner = await makeOwner("pia@esempio.it", "pianificatore", ["UMB-11", "UMB-10"]);
    const { token } = await createApiToken(suite.handle.db, { name: "comune", zones: ["UMB-11", "UMB-10"], regions: [], createdBy: owner.id });
    expect(await principalOfToken(suite.handle.db, token)).toMatchObject({ role: "pianificatore", zones: ["UMB-10", "UMB-11"], regions: [] });
    await updateUserAccess(suite.handle.db, owner.id, { role: "pianificatore", zones: ["UMB-10", "UMB-02"], regions: [] });
    // UMB-11 is gone with the user's grant; UMB-02 was never given to the token.
    expect(await principalOfToken(suite.handle.db, token)).toMatchObject({ zones: ["UMB-10"], regions: [] });
    await updateUserAccess(suite.handle.db, owner.id, { role: "conferenza", zones: [], regions: ["10"] });
    const asConferenza = await principalOfToken(suite.handle.db, token);
    expect(asConferenza).toMatchObject({ role: "conferenza", zones: ["UMB-10", "UMB-11"], regions: [] });
    expect(can(asConferenza!, "imports.read", { code: "UMB-11", regionCode: "10" })).toBe(false);
  });

  it("grants dati non protetti only when asked, never to a Conferenza user's token, and only while the user sees them", async () => {
    const admin = await makeOwner("capo@esempio.it", "admin");
    const plain = await createApiToken(suite.handle.db, { name: "protetto", zones: ["UMB-11"], regions: [], createdBy: admin.id });
    const granted = await createApiToken(suite.handle.db, { name: "non protetto", zones: ["UMB-11"], regions: [], createdBy: admin.id, unprotectedData: true });
    expect(seesUnprotectedCounts((await principalOfToken(suite.handle.db, plain.token))!)).toBe(false);
    expect(seesUnprotectedCounts((await principalOfToken(suite.handle.db, granted.token))!)).toBe(true);
    const listed = await listApiTokens(suite.handle.db);
    expect(listed.map((t) => [t.name, t.unprotected_data, t.owner_email])).toEqual([
      ["non protetto", true, "capo@esempio.it"],
      ["protetto", false, "capo@esempio.it"],
    ]);
    const sindaco = await makeOwner("sindaco@esempio.it", "conferenza", ["UMB-11"]);
    await expect(createApiToken(suite.handle.db, { name: "sindaco", zones: ["UMB-11"], regions: [], createdBy: sindaco.id, unprotectedData: true })).rejects.toThrow(
      "non vede i dati non protetti",
    );
    const pia = await makeOwner("pia@esempio.it", "pianificatore", ["UMB-11"]);
    const piaToken = await createApiToken(suite.handle.db, { name: "pia", zones: ["UMB-11"], regions: [], createdBy: pia.id, unprotectedData: true });
    await updateUserAccess(suite.handle.db, pia.id, { role: "conferenza", zones: ["UMB-11"], regions: [] });
    expect(seesUnprotectedCounts((await principalOfToken(suite.handle.db, piaToken.token))!)).toBe(false);
    await expect(createApiToken(suite.handle.db, { name: "oltre", zones: ["UMB-11", "UMB-02"], regions: ["10"], createdBy: sindaco.id })).rejects.toThrow(
      "sindaco@esempio.it non vede UMB-02, regione 10: il suo token non può averle.",
    );
    await setUserDisabled(suite.handle.db, sindaco.id, true);
    await expect(createApiToken(suite.handle.db, { name: "x", zones: ["UMB-11"], regions: [], createdBy: sindaco.id })).rejects.toThrow("disattivato");
  });

  it("changes role and zones; the principal follows at once", async () => {
    const user = await createUser(suite.handle.db, suite.auth, { email: "c@esempio.it", role: "conferenza", zones: ["UMB-11"], password: "una-password-lunga" });
    const updated = await updateUserAccess(suite.handle.db, user.id, { role: "pianificatore", zones: [], regions: ["10"] });
    expect(updated).toMatchObject({ role: "pianificatore", zones: [], regions: ["10"] });
    expect(await principalOfUser(suite.handle.db, user.id)).toMatchObject({ role: "pianificatore", zones: [], regions: ["10"] });
    await expect(updateUserAccess(suite.handle.db, user.id, { role: "analista", zones: [], regions: [] })).rejects.toThrow("almeno una zona");
    await expect(updateUserAccess(suite.handle.db, user.id, { role: "analista", zones: ["UMB-99"], regions: [] })).rejects.toThrow(UserError);
    // A failed update changes nothing.
    expect(await principalOfUser(suite.handle.db, user.id)).toMatchObject({ role: "pianificatore", regions: ["10"] });
  });

  it("disabling ends the sessions and the principal; the last administrator cannot be disabled or demoted", async () => {
    const admin = await createUser(suite.handle.db, suite.auth, { email: "capo@esempio.it", role: "admin", password: "una-password-lunga" });
    const user = await createUser(suite.handle.db, suite.auth, { email: "d@esempio.it", role: "analista", zones: ["UMB-11"], password: "una-password-lunga" });
    const { cookie } = await signIn("d@esempio.it", "una-password-lunga");
    await setUserDisabled(suite.handle.db, user.id, true);
    expect(await suite.auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
    expect(await principalOfUser(suite.handle.db, user.id)).toBeNull();
    expect((await signIn("d@esempio.it", "una-password-lunga")).ok).toBe(false);
    await expect(setUserDisabled(suite.handle.db, admin.id, true)).rejects.toThrow("unico amministratore");
    await expect(updateUserAccess(suite.handle.db, admin.id, { role: "analista", zones: ["UMB-11"], regions: [] })).rejects.toThrow("unico amministratore");
    await createUser(suite.handle.db, suite.auth, { email: "vice@esempio.it", role: "admin", password: "una-password-lunga" });
    await expect(setUserDisabled(suite.handle.db, admin.id, true)).resolves.toMatchObject({ disabled: true });
  });

  it("after a password change the other sessions end and this one stays", async () => {
    const user = await createUser(suite.handle.db, suite.auth, { email: "p@esempio.it", role: "conferenza", zones: ["UMB-11"], password: "una-password-lunga" });
    const here = new Headers({ cookie: (await signIn("p@esempio.it", "una-password-lunga")).cookie });
    const there = new Headers({ cookie: (await signIn("p@esempio.it", "una-password-lunga")).cookie });
    const current = await suite.auth.api.getSession({ headers: here });
    expect(await endOtherSessions(suite.handle.db, user.id, current!.session.token)).toBe(1);
    expect((await suite.auth.api.getSession({ headers: here }))?.user.email).toBe("p@esempio.it");
    expect(await suite.auth.api.getSession({ headers: there })).toBeNull();
  });
});

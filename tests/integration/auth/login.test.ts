import { beforeAll, describe, expect, it } from "vitest";
import { attemptLogin, MAX_FAILURES_PER_IP, type SignIn } from "@/db/auth/login";
import { createUser, KNOWN_ADDRESS_DAYS, LOCKOUT_FAILURES, LOCKOUT_MINUTES, setPassword, setUserDisabled } from "@/db/auth/users";
import { createDemoUsers, DEMO_USERS } from "@/db/auth/demo-users";
import { listAudit } from "@/db/queries/audit";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { clientAddress } from "@/lib/auth/client-address";
import { testEngines } from "@/tests/helpers/db";
import { accountsSuite } from "@/tests/helpers/accounts-suite";

/**
 * The headers a route handler or server action sees for a request from `socket`
 * carrying `sent`: proxy.ts runs, Next applies its request-header overrides and
 * then, as `next start` does, fills X-Forwarded-For from the socket when absent.
 */
function asSeenByRoute(sent: Record<string, string>, socket: string): Headers {
  const response = proxy(new NextRequest("http://localhost:3000/accesso", { method: "POST", headers: { host: "localhost:3000", ...sent } }));
  const seen = new Headers();
  for (const name of (response.headers.get("x-middleware-override-headers") ?? "").split(",").filter(Boolean)) {
    seen.set(name, response.headers.get(`x-middleware-request-${name}`) ?? "");
  }
  if (!seen.has("x-forwarded-for")) seen.set("x-forwarded-for", socket);
  return seen;
}
const PASSWORD = "una-password-lunga";

/** The login page's own decision (db/auth/login.ts) against a real better-auth on each engine. */
describe.each(testEngines())("login on $name", (engine) => {
  const suite = accountsSuite(engine);
  let signIn: SignIn;
  beforeAll(() => {
    signIn = (email, password) => suite.auth.api.signInEmail({ body: { email, password } });
  });

  const login = (email: string, password: string, extra: { ip?: string; demoMode?: boolean; now?: Date } = {}) =>
    attemptLogin(suite.handle.db, { email, password, ip: extra.ip ?? "10.0.0.1", demoMode: extra.demoMode ?? false, now: extra.now }, signIn);

  it("signs in with the right password and audits success and failure with the same message for unknown users", async () => {
    await createUser(suite.handle.db, suite.auth, { email: "ana@esempio.it", role: "analista", zones: ["UMB-11"], password: PASSWORD });
    expect(await login("Ana@Esempio.it ", PASSWORD)).toEqual({ ok: true });
    const wrong = await login("ana@esempio.it", "sbagliata-sbagliata");
    const unknown = await login("nessuno@esempio.it", "sbagliata-sbagliata");
    expect(wrong).toMatchObject({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    const events = await listAudit(suite.handle.db, { action: "login" });
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ["login.failure", "nessuno@esempio.it"],
      ["login.failure", "ana@esempio.it"],
      ["login.success", "ana@esempio.it"],
    ]);
    expect(events[0]?.details).toMatchObject({ ip: "10.0.0.1", reason: "invalid" });
  });

  it(`brute force: after ${LOCKOUT_FAILURES} failures even the right password is refused until the window ends`, async () => {
    const email = "bersaglio@esempio.it";
    await createUser(suite.handle.db, suite.auth, { email, role: "conferenza", zones: ["UMB-11"], password: PASSWORD });
    for (let i = 0; i < LOCKOUT_FAILURES; i++) expect((await login(email, `tentativo-${i}-sbagliato`)).ok).toBe(false);
    const locked = await login(email, PASSWORD);
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    expect(!locked.ok && locked.message).toContain("bloccato fino alle");
    // Another account from another address is not affected.
    await createUser(suite.handle.db, suite.auth, { email: "altro@esempio.it", role: "conferenza", zones: ["UMB-11"], password: PASSWORD });
    expect(await login("altro@esempio.it", PASSWORD, { ip: "10.0.0.2" })).toEqual({ ok: true });
    // When the window has passed the right password works again.
    const later = new Date(Date.now() + (LOCKOUT_MINUTES + 1) * 60_000);
    expect(await login(email, PASSWORD, { now: later })).toEqual({ ok: true });
    expect((await listAudit(suite.handle.db, { action: "login.locked" })).length).toBe(1);
  });

  it(`a burst of 60 parallel guesses from 60 addresses reaches the password check only ${LOCKOUT_FAILURES} times`, async () => {
    const email = "raffica@esempio.it";
    await createUser(suite.handle.db, suite.auth, { email, role: "conferenza", zones: ["UMB-11"], password: PASSWORD });
    let checks = 0;
    const counting: SignIn = (e, p) => {
      checks++;
      return signIn(e, p);
    };
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => attemptLogin(suite.handle.db, { email, password: `sbagliata-${i}-sbagliata`, ip: `198.51.100.${i}`, demoMode: false }, counting)),
    );
    expect(checks).toBe(LOCKOUT_FAILURES);
    const reasons = outcomes.map((o) => (o.ok ? "ok" : o.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(LOCKOUT_FAILURES);
    expect(reasons.filter((r) => r === "locked")).toHaveLength(60 - LOCKOUT_FAILURES);
    const rows = await suite.handle.db.selectFrom("login_attempt").select("success").where("email", "=", email).execute();
    expect(rows.map((r) => r.success)).toEqual(Array(LOCKOUT_FAILURES).fill(false));
    expect(await login(email, PASSWORD, { ip: "198.51.100.200" })).toMatchObject({ reason: "locked" });
  });

  it("a right password among parallel guesses signs in and is recorded as the success it was", async () => {
    const email = "misto@esempio.it";
    await createUser(suite.handle.db, suite.auth, { email, role: "conferenza", zones: ["UMB-11"], password: PASSWORD });
    const outcomes = await Promise.all([
      login(email, PASSWORD),
      ...Array.from({ length: 3 }, (_, i) => login(email, `sbagliata-${i}-sbagliata`)),
    ]);
    expect(outcomes[0]).toEqual({ ok: true });
    const rows = await suite.handle.db.selectFrom("login_attempt").select("success").where("email", "=", email).execute();
    expect(rows.map((r) => r.success).sort()).toEqual([false, false, false, true]);
  });

  it("guesses from many addresses cannot keep a user out of an address the user signed in from", async () => {
    const email = "sindaco@esempio.it";
    await createUser(suite.handle.db, suite.auth, { email, role: "conferenza", zones: ["UMB-11"], password: PASSWORD });
    expect(await login(email, PASSWORD, { ip: "10.1.1.1" })).toEqual({ ok: true });
    for (let i = 0; i < 20; i++) await login(email, `tentativo-${i}-sbagliato`, { ip: `203.0.113.${i}` });
    // Anywhere else the account is locked, even with the right password…
    expect(await login(email, PASSWORD, { ip: "198.51.100.7" })).toMatchObject({ ok: false, reason: "locked" });
    // …but not from the address the user signed in from, which has its own limit.
    expect(await login(email, PASSWORD, { ip: "10.1.1.1" })).toEqual({ ok: true });
    for (let i = 0; i < LOCKOUT_FAILURES; i++) await login(email, `tentativo-${i}-sbagliato`, { ip: "10.1.1.1" });
    expect(await login(email, PASSWORD, { ip: "10.1.1.1" })).toMatchObject({ ok: false, reason: "locked" });
    // A success older than the window of known addresses does not count.
    const later = new Date(Date.now() + (KNOWN_ADDRESS_DAYS + 1) * 86_400_000);
    for (let i = 0; i < LOCKOUT_FAILURES; i++) await login(email, `tentativo-${i}-sbagliato`, { ip: `203.0.113.${i}`, now: later });
    expect(await login(email, PASSWORD, { ip: "10.1.1.1", now: later })).toMatchObject({ ok: false, reason: "locked" });
  });

  it("an administrator's password reset unlocks the account", async () => {
    const email = "dimentico@esempio.it";
    const user = await createUser(suite.handle.db, suite.auth, { email, role: "conferenza", zones: ["UMB-11"], password: PASSWORD });
    for (let i = 0; i < LOCKOUT_FAILURES; i++) await login(email, `tentativo-${i}-sbagliato`);
    expect(await login(email, PASSWORD)).toMatchObject({ reason: "locked" });
    await setPassword(suite.handle.db, suite.auth, user.id, "password-nuova-di-zecca");
    expect(await login(email, "password-nuova-di-zecca")).toEqual({ ok: true });
  });

  it(`blocks an address after ${MAX_FAILURES_PER_IP} failures over many accounts (password spraying)`, async () => {
    await createUser(suite.handle.db, suite.auth, { email: "vittima@esempio.it", role: "conferenza", zones: ["UMB-11"], password: PASSWORD });
    await suite.handle.db
      .insertInto("login_attempt")
      .values(Array.from({ length: MAX_FAILURES_PER_IP }, (_, i) => ({ email: `utente${i}@esempio.it`, success: false, ip: "10.9.9.9" })))
      .execute();
    expect(await login("vittima@esempio.it", PASSWORD, { ip: "10.9.9.9" })).toMatchObject({ ok: false, reason: "address_locked" });
    expect(await login("vittima@esempio.it", PASSWORD, { ip: "10.0.0.3" })).toEqual({ ok: true });
  });

  it("counts the socket address, not a forged X-Forwarded-For, toward the per-address limit", async () => {
    await createUser(suite.handle.db, suite.auth, { email: "vittima@esempio.it", role: "conferenza", zones: ["UMB-11"], password: PASSWORD });
    const refuse: SignIn = () => Promise.reject(new Error("password sbagliata"));
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      const headers = asSeenByRoute({ "x-forwarded-for": `10.${i}.0.1`, "x-real-ip": `10.${i}.0.2` }, "198.51.100.9");
      const ip = clientAddress(headers, null);
      expect(ip).toBe("198.51.100.9");
      await attemptLogin(suite.handle.db, { email: `utente${i}@esempio.it`, password: "sbagliata-sbagliata", ip, demoMode: false }, refuse);
    }
    const counted = await suite.handle.db.selectFrom("login_attempt").select("ip").distinct().execute();
    expect(counted.map((r) => r.ip)).toEqual(["198.51.100.9"]);
    // The attacker's address is blocked, whatever it claims next; the victim, from its own address, is not.
    const next = clientAddress(asSeenByRoute({ "x-forwarded-for": "10.200.0.1" }, "198.51.100.9"), null);
    expect(await login("vittima@esempio.it", PASSWORD, { ip: next ?? undefined })).toMatchObject({ ok: false, reason: "address_locked" });
    expect(await login("vittima@esempio.it", PASSWORD, { ip: clientAddress(asSeenByRoute({}, "192.0.2.44"), null) ?? undefined })).toEqual({ ok: true });
  });

  it("a disabled account cannot sign in (and is told so only with the right password); re-enabled it can", async () => {
    const user = await createUser(suite.handle.db, suite.auth, { email: "via@esempio.it", role: "pianificatore", zones: ["UMB-11"], password: PASSWORD });
    await setUserDisabled(suite.handle.db, user.id, true);
    expect(await login("via@esempio.it", "sbagliata-sbagliata")).toMatchObject({ reason: "invalid" });
    expect(await login("via@esempio.it", PASSWORD)).toMatchObject({ ok: false, reason: "disabled" });
    await setUserDisabled(suite.handle.db, user.id, false);
    expect(await login("via@esempio.it", PASSWORD)).toEqual({ ok: true });
  });

  it("creates one demo user per role once; demo accounts sign in only in demo mode", async () => {
    const created = await createDemoUsers(suite.handle.db);
    expect(created.map((u) => u.role).sort()).toEqual(["admin", "analista", "conferenza", "pianificatore"]);
    for (const u of created) expect(u).toMatchObject({ email: expect.stringContaining("@"), password: expect.any(String) });
    expect(await createDemoUsers(suite.handle.db)).toEqual([]);
    for (const u of DEMO_USERS) {
      expect(await login(u.email, u.password, { demoMode: true })).toEqual({ ok: true });
    }
    const analista = DEMO_USERS.find((u) => u.role === "analista")!;
    expect(await login(analista.email, analista.password, { demoMode: false })).toMatchObject({ ok: false, reason: "demo_only" });
    const grants = await suite.handle.db.selectFrom("user_zone").innerJoin("auth_user", "auth_user.id", "user_zone.user_id").select(["email", "zone_code"]).execute();
    expect(grants.filter((g) => g.email.startsWith("sindaco")).map((g) => g.zone_code)).toEqual(["UMB-11"]);
  });
});

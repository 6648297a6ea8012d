import { sql } from "kysely";
import type { Db } from "../queries/zones";
import { recordAudit } from "../queries/audit";
import { isDemoAccount } from "./demo-users";
import { lockedUntil, LOCKOUT_MINUTES, recordLoginAttempt } from "./users";

/**
 * The whole sign-in decision, outside Next so that the integration tests run
 * the same code as the login page: per-account lockout, per-address limit,
 * demo accounts refused outside demo mode, the attempt and the audit event
 * recorded, and one message for "unknown user" and "wrong password" (no
 * account enumeration). better-auth's own rate limiter only guards its HTTP
 * handler, which Osservatorio does not mount, so this is the limiter.
 */

/** Failed logins from one address (any account) in the lockout window that block the address. */
export const MAX_FAILURES_PER_IP = 30;

export type LoginOutcome =
  | { ok: true }
  | { ok: false; reason: "invalid" | "locked" | "address_locked" | "disabled" | "demo_only"; message: string };

export interface LoginInput {
  email: string;
  password: string;
  ip: string | null;
  /** Whether the server runs in demo mode (OSSERVATORIO_DEMO): demo accounts work only there. */
  demoMode: boolean;
  now?: Date;
}

/** Signs in through better-auth (it sets the session cookie); throws when the credentials are refused. */
export type SignIn = (email: string, password: string) => Promise<unknown>;

const INVALID = "E-mail o password non corrette.";

function isBannedError(error: unknown): boolean {
  const body = (error as { body?: { code?: unknown } } | null)?.body;
  return body?.code === "BANNED_USER";
}

function timeIt(date: Date): string {
  return date.toLocaleTimeString("it-IT", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Rome" });
}

/** Serialises the reservation of login attempts (both engines): see reserveAttempt. */
const LOGIN_LOCK = "osservatorio.login";

type Reservation = { kind: "locked"; until: Date } | { kind: "address_locked" } | { kind: "reserved"; id: number };

/**
 * Checks the limits and records the attempt as a failure in one transaction under
 * an advisory lock, before the password is checked: of a burst of parallel
 * attempts at most LOCKOUT_FAILURES reach the password check, because each one
 * counts the ones reserved before it. A right password turns its row into a success.
 */
async function reserveAttempt(db: Db, email: string, ip: string | null, now: Date, at: Date | undefined): Promise<Reservation> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${LOGIN_LOCK}))`.execute(trx);
    const until = await lockedUntil(trx, email, now, ip);
    if (until) return { kind: "locked", until };
    if (ip) {
      const since = new Date(now.getTime() - LOCKOUT_MINUTES * 60_000);
      const failures = await trx
        .selectFrom("login_attempt")
        .select(({ fn }) => fn.countAll<string | number>().as("n"))
        .where("ip", "=", ip)
        .where("success", "=", false)
        .where("at", ">", since)
        .executeTakeFirstOrThrow();
      if (Number(failures.n) >= MAX_FAILURES_PER_IP) return { kind: "address_locked" };
    }
    return { kind: "reserved", id: await recordLoginAttempt(trx, email, false, ip, at) };
  });
}

export async function attemptLogin(db: Db, input: LoginInput, signIn: SignIn): Promise<LoginOutcome> {
  const email = input.email.trim().toLowerCase();
  const now = input.now ?? new Date();
  const audit = (action: string, details: Record<string, unknown> = {}) =>
    recordAudit(db, { actor: email, action, subject: email, details: { ip: input.ip, ...details } });

  const reservation = await reserveAttempt(db, email, input.ip, now, input.now);
  if (reservation.kind === "locked") {
    await audit("login.locked");
    return {
      ok: false,
      reason: "locked",
      message: `Troppi tentativi non riusciti: l'accesso per questo utente è bloccato fino alle ${timeIt(reservation.until)}. Per sbloccarlo prima, l'amministratore può reimpostare la password.`,
    };
  }
  if (reservation.kind === "address_locked") {
    await audit("login.locked", { byAddress: true });
    return { ok: false, reason: "address_locked", message: "Troppi tentativi non riusciti da questo indirizzo: riprovare più tardi." };
  }
  if (!input.demoMode && isDemoAccount(email)) {
    await audit("login.failure", { demoAccount: true });
    return {
      ok: false,
      reason: "demo_only",
      message: "Gli utenti dimostrativi funzionano solo con la demo (npm run demo): le loro password sono pubbliche.",
    };
  }

  let outcome: LoginOutcome;
  try {
    await signIn(email, input.password);
    outcome = { ok: true };
  } catch (error) {
    // better-auth refuses a banned user only after checking the password, so saying so reveals nothing to a guesser.
    outcome = isBannedError(error)
      ? { ok: false, reason: "disabled", message: "Questo account è disattivato: rivolgersi all'amministratore dell'Osservatorio." }
      : { ok: false, reason: "invalid", message: INVALID };
  }
  if (outcome.ok) await db.updateTable("login_attempt").set({ success: true }).where("id", "=", reservation.id).execute();
  await audit(outcome.ok ? "login.success" : "login.failure", outcome.ok ? {} : { reason: outcome.reason });
  return outcome;
}

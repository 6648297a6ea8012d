import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { BetterAuthOptions } from "better-auth";
import { admin } from "better-auth/plugins";

/**
 * better-auth on the project's own database (PGlite or PostgreSQL through the
 * same kysely instance). Its tables are prefixed auth_ (db/migrations/0002_auth.ts).
 * Users are created by an admin: no public sign-up.
 */
export const SESSION_SECONDS = 8 * 60 * 60;
export const MIN_PASSWORD_LENGTH = 12;

export function authOptions(db: Kysely<Database>, secret: string, baseURL: string | undefined, secureCookies: boolean) {
  return {
    appName: "Osservatorio",
    secret,
    baseURL,
    database: { db, type: "postgres" },
    user: { modelName: "auth_user" },
    session: { modelName: "auth_session", expiresIn: SESSION_SECONDS, updateAge: 30 * 60 },
    account: { modelName: "auth_account" },
    verification: { modelName: "auth_verification" },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: 256, autoSignIn: false },
    // better-auth applies its limiter in its HTTP handler only, which Osservatorio does not
    // mount (sign-in goes through a server action): the real limiter is db/auth/login.ts.
    // Kept so that mounting the handler one day would not open an unlimited endpoint.
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "auth_rate_limit",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: 60, max: 10 } },
    },
    advanced: {
      useSecureCookies: secureCookies,
      cookiePrefix: "osservatorio",
      defaultCookieAttributes: { sameSite: "lax", httpOnly: true },
    },
    telemetry: { enabled: false },
    plugins: [admin({ defaultRole: "conferenza", adminRoles: ["admin"] })],
  } satisfies BetterAuthOptions;
}

import "server-only";
import { betterAuth } from "better-auth";
import { nextCookies } from "better-auth/next-js";
import { env } from "@/lib/env";
import { serverDatabase } from "../server";
import { authOptions } from "./config";
import { authSecret } from "./secret";

/** The web server's better-auth instance, on the server's database handle. */
async function createAuth(db: Parameters<typeof authOptions>[0]) {
  const config = env();
  const secure = config.OSSERVATORIO_SECURE_COOKIES
    ? config.OSSERVATORIO_SECURE_COOKIES === "1"
    : (config.BETTER_AUTH_URL ?? "").startsWith("https:");
  const options = authOptions(db, await authSecret(db, config.BETTER_AUTH_SECRET, config.OSSERVATORIO_DATA_DIR), config.BETTER_AUTH_URL, secure);
  // nextCookies lets server actions set the session cookie.
  return betterAuth({ ...options, plugins: [...options.plugins, nextCookies()] });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;

const store = globalThis as unknown as { __osservatorioAuth?: Promise<Auth> };

export function serverAuth(): Promise<Auth> {
  store.__osservatorioAuth ??= serverDatabase().then((handle) => createAuth(handle.db));
  return store.__osservatorioAuth;
}

import { z } from "zod";
import "./zod-it"; // Italian validation messages for the whole process (see lib/zod-it.ts)
import { ZONE_CODE } from "./territory/zone-code";
import { parseTrustedProxies, type TrustedProxies } from "./auth/client-address";

/**
 * The one place where configuration is read. Invalid settings fail at start-up
 * with a message that names the variable, never later with a confusing error.
 */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "deve iniziare con postgres:// oppure postgresql://")
    .optional(),
  OSSERVATORIO_DATA_DIR: z.string().min(1).default("./data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  OSSERVATORIO_DEMO: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /** Zone shown at `/`; when unset, the first zone that has data. */
  OSSERVATORIO_DEFAULT_ZONE: z
    .string()
    .regex(ZONE_CODE, "codice zona nel formato UMB-11")
    .optional(),
  /** Signs session cookies; generated into the data folder when unset. */
  BETTER_AUTH_SECRET: z.string().min(32, "almeno 32 caratteri").optional(),
  /** Public address of the app (for cookies and origin checks behind a proxy). */
  BETTER_AUTH_URL: z.url().optional(),
  /** Cookies marked Secure (HTTPS only). Default: on when BETTER_AUTH_URL is https. */
  OSSERVATORIO_SECURE_COOKIES: z.enum(["0", "1"]).optional(),
  /**
   * The reverse proxies whose X-Forwarded-For / X-Real-IP are believed (addresses or CIDR ranges,
   * comma-separated). Unset: none, the client address is the socket's (lib/auth/client-address.ts).
   */
  OSSERVATORIO_TRUSTED_PROXY: z
    .string()
    .superRefine((value, ctx) => {
      const parsed = parseTrustedProxies(value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error });
    })
    .optional(),
  OSSERVATORIO_MAX_UPLOAD_MB: z.coerce.number().positive().max(2048).default(200),
  /** API requests allowed per client (token, session or address) in each window; 429 beyond (lib/api/rate-limit.ts). */
  OSSERVATORIO_API_RATE_LIMIT: z.coerce.number().int("numero intero").min(1, "almeno 1").max(1_000_000, "al massimo 1000000").default(600),
  /** Length of the rate-limit window, in seconds. */
  OSSERVATORIO_API_RATE_WINDOW_S: z.coerce.number().int("numero intero").min(1, "almeno 1").max(86_400, "al massimo 86400").default(60),
  /** Files uploaded for a preview and not yet confirmed, per user (imports/uploads.ts). */
  OSSERVATORIO_UPLOAD_QUOTA_MB: z.coerce.number().positive().max(100_000).default(500),
  /**
   * The footer that AgID guidelines expect, set by the body that runs the app:
   * its dichiarazione di accessibilità (published on form.agid.gov.it), its privacy notice,
   * and how to reach the Ufficio di Piano. Each item is shown only when set.
   */
  OSSERVATORIO_ACCESSIBILITY_URL: z.url("indirizzo web completo (https://…)").optional(),
  OSSERVATORIO_PRIVACY_URL: z.url("indirizzo web completo (https://…)").optional(),
  /** Who runs this instance, e.g. "Ufficio di Piano – Zona sociale 11, Comune di Narni". */
  OSSERVATORIO_OWNER: z.string().max(200).optional(),
  OSSERVATORIO_CONTACT_EMAIL: z.email("indirizzo e-mail non valido").optional(),
  OSSERVATORIO_CONTACT_PHONE: z.string().max(40).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset: shells and .env files often leave `VAR=`.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Configurazione non valida (variabili d'ambiente):\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

let trusted: { proxies: TrustedProxies | null } | undefined;
/** The configured trusted reverse proxies, or null when none is configured. */
export function trustedProxies(): TrustedProxies | null {
  if (!trusted) {
    const value = env().OSSERVATORIO_TRUSTED_PROXY;
    const parsed = value ? parseTrustedProxies(value) : null;
    trusted = { proxies: parsed?.ok ? parsed.proxies : null };
  }
  return trusted.proxies;
}

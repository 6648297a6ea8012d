"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { serverAuth } from "@/db/auth/server";
import { serverDb } from "@/db/server";
import { lockedUntil, recordLoginAttempt, LOCKOUT_MINUTES } from "@/db/auth/users";
import { recordAudit } from "@/db/queries/audit";
import { requirePage } from "./access";

export interface FormState {
  error?: string;
  ok?: string;
}

const Login = z.object({
  email: z.string().trim().toLowerCase().email("Indirizzo e-mail non valido."),
  password: z.string().min(1, "Inserire la password."),
  next: z.string().regex(/^\/(?!\/)[\w\-/.%?=&]*$/).optional().catch(undefined),
});

/** Too many failures from one address (any account) in the lockout window. */
const MAX_FAILURES_PER_IP = 30;

async function clientIp(): Promise<string | null> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? h.get("x-real-ip") ?? null;
}

export async function login(_state: FormState, form: FormData): Promise<FormState> {
  const parsed = Login.safeParse({ email: form.get("email"), password: form.get("password"), next: form.get("next") ?? undefined });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Dati non validi." };
  const { email, password, next } = parsed.data;
  const db = await serverDb();
  const ip = await clientIp();

  const until = await lockedUntil(db, email);
  if (until) {
    await recordAudit(db, { actor: email, action: "login.locked", subject: email, details: { ip } });
    return { error: `Troppi tentativi non riusciti: l'accesso per questo utente è bloccato fino alle ${until.toLocaleTimeString("it-IT", { hour: "2-digit", minute: "2-digit" })}.` };
  }
  if (ip) {
    const since = new Date(Date.now() - LOCKOUT_MINUTES * 60_000);
    const failures = await db.selectFrom("login_attempt").select(({ fn }) => fn.countAll<number>().as("n")).where("ip", "=", ip).where("success", "=", false).where("at", ">", since).executeTakeFirstOrThrow();
    if (Number(failures.n) >= MAX_FAILURES_PER_IP) return { error: "Troppi tentativi non riusciti da questo indirizzo: riprovare più tardi." };
  }

  const auth = await serverAuth();
  let ok = false;
  try {
    const result = await auth.api.signInEmail({ body: { email, password }, headers: await headers() });
    ok = Boolean(result?.user);
  } catch {
    ok = false;
  }
  await recordLoginAttempt(db, email, ok, ip);
  await recordAudit(db, { actor: email, action: ok ? "login.success" : "login.failure", subject: email, details: { ip } });
  // The same message for an unknown user and a wrong password: no account enumeration.
  if (!ok) return { error: "E-mail o password non corrette." };
  redirect(next ?? "/");
}

export async function logout(): Promise<void> {
  const auth = await serverAuth();
  try {
    await auth.api.signOut({ headers: await headers() });
  } finally {
    redirect("/accesso");
  }
}

const PasswordChange = z
  .object({
    current: z.string().min(1, "Inserire la password attuale."),
    password: z.string().min(12, "La nuova password deve avere almeno 12 caratteri.").max(256),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: "Le due password nuove non coincidono.", path: ["confirm"] });

export async function changePassword(_state: FormState, form: FormData): Promise<FormState> {
  const principal = await requirePage("zone.read");
  const parsed = PasswordChange.safeParse({ current: form.get("current"), password: form.get("password"), confirm: form.get("confirm") });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Dati non validi." };
  const auth = await serverAuth();
  try {
    await auth.api.changePassword({
      body: { currentPassword: parsed.data.current, newPassword: parsed.data.password, revokeOtherSessions: true },
      headers: await headers(),
    });
  } catch {
    return { error: "Password attuale non corretta." };
  }
  await recordAudit(await serverDb(), { actor: principal.label, action: "user.password_change", subject: principal.label, details: {} });
  return { ok: "Password cambiata. Le altre sessioni aperte sono state chiuse." };
}



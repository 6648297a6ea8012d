"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { serverAuth } from "@/db/auth/server";
import { serverDb } from "@/db/server";
import { attemptLogin } from "@/db/auth/login";
import { endOtherSessions } from "@/db/auth/users";
import { MIN_PASSWORD_LENGTH } from "@/db/auth/config";
import { env, trustedProxies } from "@/lib/env";
import { clientAddress } from "@/lib/auth/client-address";
import { safeNextPath } from "@/lib/auth/request";
import { recordAudit } from "@/db/queries/audit";
import { requirePage } from "./access";

export interface FormState {
  error?: string;
  ok?: string;
  /** The e-mail as typed, returned with a refused login so that the form keeps it. */
  email?: string;
}

const Login = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Indirizzo e-mail non valido.")),
  password: z.string().min(1, "Inserire la password."),
  next: z.string().optional().transform(safeNextPath).catch(undefined),
});

export async function login(_state: FormState, form: FormData): Promise<FormState> {
  const parsed = Login.safeParse({ email: form.get("email"), password: form.get("password"), next: form.get("next") ?? undefined });
  const sent = form.get("email");
  const typed = typeof sent === "string" ? sent.slice(0, 320) : "";
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Dati non validi.", email: typed };
  const { email, password, next } = parsed.data;
  const auth = await serverAuth();
  const requestHeaders = await headers();
  const outcome = await attemptLogin(
    await serverDb(),
    { email, password, ip: clientAddress(requestHeaders, trustedProxies()), demoMode: env().OSSERVATORIO_DEMO },
    (e, p) => auth.api.signInEmail({ body: { email: e, password: p }, headers: requestHeaders }),
  );
  if (!outcome.ok) return { error: outcome.message, email: typed };
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
    password: z.string().min(MIN_PASSWORD_LENGTH, `La nuova password deve avere almeno ${MIN_PASSWORD_LENGTH} caratteri.`).max(256),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { error: "Le due password nuove non coincidono.", path: ["confirm"] });

export async function changePassword(_state: FormState, form: FormData): Promise<FormState> {
  const principal = await requirePage("zone.read");
  const parsed = PasswordChange.safeParse({ current: form.get("current"), password: form.get("password"), confirm: form.get("confirm") });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Dati non validi." };
  const auth = await serverAuth();
  const requestHeaders = await headers();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return { error: "Sessione scaduta: accedere di nuovo." };
  try {
    // better-auth's revokeOtherSessions would also replace this session mid-request, and the
    // page re-rendered by the action would see the old one gone; the others are closed below.
    await auth.api.changePassword({
      body: { currentPassword: parsed.data.current, newPassword: parsed.data.password, revokeOtherSessions: false },
      headers: requestHeaders,
    });
  } catch {
    await recordAudit(await serverDb(), { actor: principal.label, action: "user.password_change_failure", subject: principal.label });
    return { error: "Password attuale non corretta." };
  }
  await endOtherSessions(await serverDb(), session.user.id, session.session.token);
  await recordAudit(await serverDb(), { actor: principal.label, action: "user.password_change", subject: principal.label, details: {} });
  return { ok: "Password cambiata. Le altre sessioni aperte sono state chiuse." };
}



"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverDb } from "@/db/server";
import { serverAuth } from "@/db/auth/server";
import {
  createApiToken,
  createUser,
  generatePassword,
  listUsers,
  revokeApiToken,
  setPassword,
  setUserComune,
  setUserDisabled,
  updateUserAccess,
  UserError,
} from "@/db/auth/users";
import { recordAudit } from "@/db/queries/audit";
import { DisclosureThreshold, setZoneDisclosureThreshold, ZoneSettingError } from "@/db/queries/zone-settings";
import { ROLES } from "@/lib/auth/roles";
import { ZONE_CODE } from "@/lib/territory/zone-code";
import { requirePage } from "@/app/_auth/access";
import { listZonedComuni } from "@/db/queries/comuni";
import { newUserForm } from "@/lib/auth/user-form";

export interface AdminState {
  error?: string;
  ok?: string;
  /** A password or token shown once. */
  secret?: string;
}

/** A form field's text; a file where text is expected counts as empty. */
const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

const codes = (value: FormDataEntryValue | null) =>
  text(value)
    .split(/[\s,;]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);

/** Role, zones and regions of a user, as the edit form sends them. */
const AccessFields = z.object({
  role: z.enum(ROLES, { error: "Scegliere un ruolo." }),
  zones: z.array(z.string().regex(ZONE_CODE, "Zone nel formato UMB-11, separate da virgole.")),
  regions: z.array(z.string().regex(/^\d{2}$/, "Regioni con il codice ISTAT a 2 cifre (10 = Umbria).")),
});

function fail(error: unknown): AdminState {
  if (error instanceof UserError || error instanceof ZoneSettingError) return { error: error.message };
  console.error("[admin]", error);
  return { error: "Operazione non riuscita. Il problema è stato registrato." };
}

export async function createUserAction(_state: AdminState, form: FormData): Promise<AdminState> {
  const admin = await requirePage("admin");
  try {
    const db = await serverDb();
    const parsed = newUserForm(await listZonedComuni(db)).safeParse({
      email: form.get("email"),
      name: form.get("name") || undefined,
      role: form.get("role"),
      zones: codes(form.get("zones")),
      regions: codes(form.get("regions")),
      comune: text(form.get("comune")),
    });
    if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Dati non validi." };
    const user = await createUser(db, await serverAuth(), parsed.data);
    await recordAudit(db, {
      actor: admin.label,
      action: "user.create",
      subject: user.email,
      details: { role: parsed.data.role, zones: parsed.data.zones, regions: parsed.data.regions, ...("comune" in parsed.data ? { comune: parsed.data.comune } : {}) },
    });
    revalidatePath("/admin/utenti");
    return { ok: `Utente ${user.email} creato. Comunicargli la password iniziale, mostrata una sola volta:`, secret: user.password };
  } catch (error) {
    return fail(error);
  }
}

export async function resetPasswordAction(_state: AdminState, form: FormData): Promise<AdminState> {
  const admin = await requirePage("admin");
  const userId = text(form.get("userId"));
  try {
    const db = await serverDb();
    const user = (await listUsers(db, userId))[0];
    if (!user) return { error: "Utente non trovato." };
    const password = generatePassword();
    await setPassword(db, await serverAuth(), user.id, password);
    await recordAudit(db, { actor: admin.label, action: "user.password_reset", subject: user.email });
    return { ok: `Nuova password di ${user.email} (le sue sessioni sono state chiuse):`, secret: password };
  } catch (error) {
    return fail(error);
  }
}

const AccessForm = AccessFields.extend({ userId: z.string().min(1) });

export async function updateAccessAction(_state: AdminState, form: FormData): Promise<AdminState> {
  const admin = await requirePage("admin");
  const parsed = AccessForm.safeParse({ userId: form.get("userId"), role: form.get("role"), zones: codes(form.get("zones")), regions: codes(form.get("regions")) });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Dati non validi." };
  try {
    const db = await serverDb();
    const before = (await listUsers(db, parsed.data.userId))[0];
    const user = await updateUserAccess(db, parsed.data.userId, parsed.data);
    await recordAudit(db, {
      actor: admin.label,
      action: "user.update",
      subject: user.email,
      details: {
        before: before && { role: before.role, zones: before.zones, regions: before.regions, comune: before.comune },
        after: { role: user.role, zones: user.zones, regions: user.regions, comune: user.comune },
      },
    });
    revalidatePath("/admin/utenti");
    return { ok: `Profilo e zone di ${user.email} aggiornati: valgono dalla sua prossima pagina.` };
  } catch (error) {
    return fail(error);
  }
}

const ComuneForm = z.object({
  userId: z.string().min(1),
  comune: z.union([z.literal(""), z.string().regex(/^\d{6}$/, "Scegliere un comune dall'elenco.")]),
});

/** Binds a Conferenza user to a comune of their zones ("" removes the binding). */
export async function setComuneAction(_state: AdminState, form: FormData): Promise<AdminState> {
  const admin = await requirePage("admin");
  const parsed = ComuneForm.safeParse({ userId: form.get("userId"), comune: text(form.get("comune")) });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Dati non validi." };
  try {
    const db = await serverDb();
    const { user, before } = await setUserComune(db, parsed.data.userId, parsed.data.comune || null);
    await recordAudit(db, { actor: admin.label, action: "user.comune", subject: user.email, details: { before, after: user.comune } });
    revalidatePath("/admin/utenti");
    return { ok: user.comune ? `${user.email} apre ora la pagina del comune ${user.comune} dopo l'accesso.` : `${user.email} non ha più un comune: apre la zona.` };
  } catch (error) {
    return fail(error);
  }
}

export async function setDisabledAction(_state: AdminState, form: FormData): Promise<AdminState> {
  const admin = await requirePage("admin");
  const userId = text(form.get("userId"));
  const disabled = form.get("disabled") === "1";
  if (admin.kind === "user" && admin.id === userId && disabled) return { error: "Non è possibile disattivare il proprio account." };
  try {
    const db = await serverDb();
    const user = await setUserDisabled(db, userId, disabled);
    await recordAudit(db, { actor: admin.label, action: disabled ? "user.disable" : "user.enable", subject: user.email });
    revalidatePath("/admin/utenti");
    return { ok: disabled ? `Account ${user.email} disattivato; le sue sessioni sono state chiuse.` : `Account ${user.email} riattivato.` };
  } catch (error) {
    return fail(error);
  }
}

export async function createTokenAction(_state: AdminState, form: FormData): Promise<AdminState> {
  const admin = await requirePage("admin");
  const name = text(form.get("name")).trim();
  if (name.length < 3) return { error: "Dare al token un nome di almeno 3 caratteri (per esempio il sistema che lo usa)." };
  const zones = codes(form.get("zones"));
  const regions = codes(form.get("regions"));
  const unprotectedData = form.get("unprotected") === "1";
  try {
    const db = await serverDb();
    // The token belongs to the administrator who creates it: it stops when that account is disabled.
    const { id, token } = await createApiToken(db, { name, zones, regions, createdBy: admin.id, unprotectedData });
    await recordAudit(db, { actor: admin.label, action: "token.create", subject: `api_token:${id}`, details: { name, zones, regions, unprotectedData } });
    revalidatePath("/admin/token");
    const grant = unprotectedData ? "con dati non protetti" : "con i dati protetti dal segreto statistico";
    return { ok: `Token n. ${id} creato (sola lettura, ${grant}). Copiarlo ora: non sarà più mostrato.`, secret: token };
  } catch (error) {
    return fail(error);
  }
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const admin = await requirePage("admin");
  const id = Number(form.get("id"));
  const db = await serverDb();
  if (Number.isInteger(id) && (await revokeApiToken(db, id))) {
    await recordAudit(db, { actor: admin.label, action: "token.revoke", subject: `api_token:${id}` });
  }
  revalidatePath("/admin/token");
}

const ThresholdForm = z.object({
  zone: z.string().regex(ZONE_CODE, "Zona nel formato UMB-11."),
  threshold: DisclosureThreshold,
});

/** Sets a zone's disclosure threshold (an administrator of that zone only); audited with the value before. */
export async function setZoneThresholdAction(_state: AdminState, form: FormData): Promise<AdminState> {
  const parsed = ThresholdForm.safeParse({ zone: text(form.get("zone")), threshold: text(form.get("threshold")).trim() });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Dati non validi." };
  const admin = await requirePage("admin", parsed.data.zone);
  try {
    const db = await serverDb();
    const { before, after } = await setZoneDisclosureThreshold(db, { zoneCode: parsed.data.zone, threshold: parsed.data.threshold, actor: admin.label });
    revalidatePath("/admin/zone");
    return {
      ok:
        before === after
          ? `La soglia della zona ${parsed.data.zone} era già ${after}.`
          : `Soglia della zona ${parsed.data.zone} portata da ${before} a ${after}: da ora i conteggi di persone inferiori a ${after} si mostrano come «< ${after}» alla Conferenza, all'API e nelle esportazioni.`,
    };
  } catch (error) {
    return fail(error);
  }
}

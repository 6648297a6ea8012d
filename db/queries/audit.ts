import type { Db } from "./zones";
import { toNumber } from "./convert";

export interface AuditInput {
  actor: string | null;
  action: string;
  zoneCode?: string | null;
  subject?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one audit event: who, when (now), what. Call with the transaction of the change it records. */
export async function recordAudit(db: Db, event: AuditInput): Promise<void> {
  await db
    .insertInto("audit_event")
    .values({
      actor: event.actor,
      action: event.action,
      zone_code: event.zoneCode ?? null,
      subject: event.subject ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  zoneCode: string | null;
  subject: string | null;
  details: unknown;
}

/** Audit events, newest first, optionally filtered by action prefix and actor. */
export async function listAudit(db: Db, filter: { action?: string; actor?: string; limit?: number; before?: number }): Promise<AuditRow[]> {
  let query = db.selectFrom("audit_event").selectAll().orderBy("id", "desc").limit(filter.limit ?? 100);
  if (filter.action) query = query.where("action", "like", `${filter.action}%`);
  if (filter.actor) query = query.where("actor", "ilike", `%${filter.actor}%`);
  if (filter.before) query = query.where("id", "<", filter.before);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: toNumber(r.id),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    zoneCode: r.zone_code,
    subject: r.subject,
    details: r.details,
  }));
}

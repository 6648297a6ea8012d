import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "./users";

/**
 * One user per role for the demo, with passwords that the README and
 * `npm run demo` print: demo data only, never for real use.
 */
export const DEMO_USERS: { email: string; role: Role; zones: string[]; password: string; name: string }[] = [
  { email: "admin@demo.osservatorio.it", role: "admin", zones: [], password: "demo-admin-2026", name: "Amministratore (demo)" },
  { email: "analista@demo.osservatorio.it", role: "analista", zones: ["UMB-11", "UMB-06", "UMB-10"], password: "demo-analista-2026", name: "Analista (demo)" },
  { email: "pianificatore@demo.osservatorio.it", role: "pianificatore", zones: ["UMB-11", "UMB-06", "UMB-10"], password: "demo-pianificatore-2026", name: "Pianificatore (demo)" },
  { email: "sindaco.narni@demo.osservatorio.it", role: "conferenza", zones: ["UMB-11"], password: "demo-conferenza-2026", name: "Conferenza di zona 11 (demo)" },
];

/** Creates the demo users that do not exist yet; returns the ones created. */
export async function createDemoUsers(db: Kysely<Database>, auth: Parameters<typeof createUser>[1]): Promise<typeof DEMO_USERS> {
  const created: typeof DEMO_USERS = [];
  for (const user of DEMO_USERS) {
    const exists = await db.selectFrom("auth_user").select("id").where("email", "=", user.email).executeTakeFirst();
    if (exists) continue;
    await createUser(db, auth, user);
    created.push(user);
  }
  return created;
}

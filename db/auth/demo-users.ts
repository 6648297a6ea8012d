import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { Role } from "@/lib/auth/roles";
import { createUser, standaloneAuth } from "./users";

/**
 * One user per role for the demo, with passwords that the README and
 * `npm run demo` print: demo data only. Their passwords are public, so the
 * login refuses these accounts unless the server runs in demo mode
 * (OSSERVATORIO_DEMO, set by `npm run demo`): see db/auth/login.ts.
 */
export interface DemoUser {
  email: string;
  role: Role;
  zones: string[];
  password: string;
  name: string;
  /** Conferenza only: the comune whose page the user lands on. */
  comune?: string;
}

const DEMO_DOMAIN = "@demo.osservatorio.it";

export const DEMO_USERS: readonly DemoUser[] = [
  { email: `admin${DEMO_DOMAIN}`, role: "admin", zones: [], password: "demo-admin-2026", name: "Amministratore (demo)" },
  { email: `analista${DEMO_DOMAIN}`, role: "analista", zones: ["UMB-11", "UMB-06", "UMB-10"], password: "demo-analista-2026", name: "Analista (demo)" },
  { email: `pianificatore${DEMO_DOMAIN}`, role: "pianificatore", zones: ["UMB-11", "UMB-06", "UMB-10"], password: "demo-pianificatore-2026", name: "Pianificatore (demo)" },
  { email: `sindaco.narni${DEMO_DOMAIN}`, role: "conferenza", zones: ["UMB-11"], password: "demo-conferenza-2026", name: "Sindaco di Narni (demo)", comune: "055022" },
];

/** Whether an e-mail belongs to a demo account (whose password is public). */
export function isDemoAccount(email: string): boolean {
  return email.trim().toLowerCase().endsWith(DEMO_DOMAIN);
}

/**
 * Creates the demo users that do not exist yet and returns the ones created
 * ({email, role, password, …}); running it again creates nothing. Call it
 * from the demo loader only. `auth` defaults to a standalone better-auth on
 * `db` (only its password hashing is used, so its signing secret does not matter).
 */
export async function createDemoUsers(db: Kysely<Database>, auth?: Parameters<typeof createUser>[1]): Promise<DemoUser[]> {
  const withAuth = auth ?? standaloneAuth(db, randomBytes(32).toString("base64url"));
  const created: DemoUser[] = [];
  for (const user of DEMO_USERS) {
    const exists = await db.selectFrom("auth_user").select("id").where("email", "=", user.email).executeTakeFirst();
    if (exists) {
      // A demo database made before migration 0023: the mayor gets their comune once.
      if (user.comune && !(await db.selectFrom("user_comune").select("user_id").where("user_id", "=", exists.id).executeTakeFirst())) {
        await db.insertInto("user_comune").values({ user_id: exists.id, comune_istat: user.comune }).execute();
      }
      continue;
    }
    await createUser(db, withAuth, user);
    created.push(user);
  }
  return created;
}

import { sql, type Kysely } from "kysely";

/**
 * Runs a block of DDL one statement at a time: PGlite's extended-protocol
 * `query` accepts a single statement only. Statements are separated by a
 * semicolon at the end of a line; keep `$$` bodies out of these blocks.
 */
export async function executeStatements(db: Kysely<any>, block: string): Promise<void> {
  const statements = block
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

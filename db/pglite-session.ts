import { Kysely, PGliteDialect } from "kysely";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { Database } from "./schema";

/**
 * kysely over an embedded PGlite, with kysely's own PGliteDialect.
 *
 * PGlite has a single session. The dialect serializes kysely's queries and runs
 * each kysely transaction inside `pglite.transaction()`, which holds the instance
 * until it ends: a direct `pglite.query` from inside a kysely transaction (the
 * import's COPY FROM a blob, which kysely cannot send) would wait for itself.
 * The instance returned here routes `query` and `exec` to the open transaction,
 * so that they run in it, as on PostgreSQL's single import client.
 */
export function pgliteKysely(instance: PGlite): { db: Kysely<Database>; pglite: PGlite } {
  let open: Transaction | undefined;
  const routed: Pick<PGlite, "query" | "exec" | "transaction"> = {
    query: (query, params, options) => (open ?? instance).query(query, params, options),
    exec: (query, options) => (open ?? instance).exec(query, options),
    transaction: (callback) =>
      instance.transaction(async (tx) => {
        open = tx;
        try {
          return await callback(tx);
        } finally {
          open = undefined;
        }
      }),
  };
  const pglite = new Proxy(instance, {
    get(target, property) {
      if (property === "query" || property === "exec" || property === "transaction") return routed[property];
      const value: unknown = Reflect.get(target, property, target);
      // PGlite's methods use private fields: they must run on the instance itself.
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) }), pglite };
}

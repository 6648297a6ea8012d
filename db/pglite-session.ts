import { Kysely, PGliteAdapter, PGliteDialect, PGliteDriver, type DatabaseConnection, type DialectAdapter, type Driver } from "kysely";
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
/** First come, first served: waiters get the lock in the order they asked for it. */
class FifoLock {
  private tail: Promise<void> = Promise.resolve();
  private holder: (() => void) | null = null;

  async acquire(): Promise<void> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((resolve) => (release = resolve));
    await previous;
    this.holder = release;
  }

  release(): void {
    const release = this.holder;
    this.holder = null;
    release?.();
  }
}

/**
 * kysely guards PGlite's single connection with a lock that does not keep the
 * order of the waiters: a reader that asks again at once can overtake an
 * import that waits (and, with a busy page, starve it). This driver hands the
 * connection out in the order it was asked for, so the import's short
 * statements and the readers' queries take turns.
 */
class FairPGliteDriver implements Driver {
  private readonly lock = new FifoLock();
  constructor(private readonly inner: PGliteDriver) {}
  init(): Promise<void> {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.acquire();
    return this.inner.acquireConnection();
  }
  async releaseConnection(): Promise<void> {
    try {
      await this.inner.releaseConnection();
    } finally {
      this.lock.release();
    }
  }
  /** PGlite has no isolation levels to set: the settings are not passed on. */
  beginTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.beginTransaction(connection as never);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection as never);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection as never);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** The connection is still one: the fair driver above serialises it, so kysely's own lock is not needed. */
class FairPGliteAdapter extends PGliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

class FairPGliteDialect extends PGliteDialect {
  constructor(private readonly fairConfig: ConstructorParameters<typeof PGliteDialect>[0]) {
    super(fairConfig);
  }
  override createAdapter(): DialectAdapter {
    return new FairPGliteAdapter();
  }
  override createDriver(): Driver {
    return new FairPGliteDriver(new PGliteDriver(this.fairConfig));
  }
}

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
  return { db: new Kysely<Database>({ dialect: new FairPGliteDialect({ pglite }) }), pglite };
}

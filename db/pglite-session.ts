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
/** Who asks for the connection: a chunked import, or anyone else (pages, API, short imports). */
export type Lane = "import" | "reader";

/** How long one lane keeps the connection while it has more to ask, before the other lane's turn. */
export const TURN_MS = 100;
/** Within its turn, how long the connection waits for the same lane's next statement (it usually comes at the next tick). */
const GRACE_MS = 3;

/**
 * PGlite's one connection, handed out in turns between two lanes. Within a
 * lane, first come first served. A lane keeps the connection for up to
 * TURN_MS while it keeps asking (an import's chunk is many short statements;
 * a page is a few dozen queries); then, if the other lane waits, it gets a
 * turn. Without turns an import that alternates one statement with one
 * reader query took 22 minutes beside a busy page instead of 86 s, and with
 * the import given long turns every page waited for each of its queries.
 */
export class TurnLock {
  private held = false;
  private lane: Lane = "reader";
  private turnEnds = 0;
  private grace: ReturnType<typeof setTimeout> | null = null;
  private readonly waiting: Record<Lane, (() => void)[]> = { import: [], reader: [] };

  constructor(private readonly now: () => number = () => performance.now()) {}

  acquire(lane: Lane): Promise<void> {
    return new Promise((resolve) => {
      this.waiting[lane].push(resolve);
      this.dispatch();
    });
  }

  release(): void {
    this.held = false;
    this.dispatch();
  }

  private dispatch(): void {
    if (this.held) return;
    const now = this.now();
    if (now < this.turnEnds) {
      if (this.waiting[this.lane].length > 0) {
        this.grant(this.lane);
        return;
      }
      // The turn is not over: keep the connection a moment for the same lane's next statement.
      if (this.grace === null) {
        this.grace = setTimeout(() => {
          this.grace = null;
          this.turnEnds = 0;
          this.dispatch();
        }, GRACE_MS);
        this.grace.unref();
      }
      return;
    }
    const other: Lane = this.lane === "import" ? "reader" : "import";
    const next = this.waiting[other].length > 0 ? other : this.waiting[this.lane].length > 0 ? this.lane : null;
    if (next === null) return;
    this.lane = next;
    this.turnEnds = now + TURN_MS;
    this.grant(next);
  }

  private grant(lane: Lane): void {
    if (this.grace !== null) {
      clearTimeout(this.grace);
      this.grace = null;
    }
    this.held = true;
    this.waiting[lane].shift()!();
  }
}

/**
 * kysely guards PGlite's single connection with a lock that does not keep the
 * order of the waiters: a reader that asks again at once can overtake an
 * import that waits (and, with a busy page, starve it). This driver hands the
 * connection out through the TurnLock shared by the two kysely instances of
 * the database (one per lane), so that an import and the readers take turns.
 */
class FairPGliteDriver implements Driver {
  constructor(
    private readonly inner: PGliteDriver,
    private readonly lock: TurnLock,
    private readonly lane: Lane,
  ) {}
  init(): Promise<void> {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.acquire(this.lane);
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
  constructor(
    private readonly fairConfig: ConstructorParameters<typeof PGliteDialect>[0],
    private readonly lock: TurnLock,
    private readonly lane: Lane,
  ) {
    super(fairConfig);
  }
  override createAdapter(): DialectAdapter {
    return new FairPGliteAdapter();
  }
  override createDriver(): Driver {
    return new FairPGliteDriver(new PGliteDriver(this.fairConfig), this.lock, this.lane);
  }
}

/**
 * `db` for everyone, `importDb` for a chunked import (the same database and
 * connection, in the import lane of the shared TurnLock). Only `db` is
 * destroyed: it closes the instance.
 */
export function pgliteKysely(instance: PGlite): { db: Kysely<Database>; importDb: Kysely<Database>; pglite: PGlite } {
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
  const lock = new TurnLock();
  return {
    db: new Kysely<Database>({ dialect: new FairPGliteDialect({ pglite }, lock, "reader") }),
    importDb: new Kysely<Database>({ dialect: new FairPGliteDialect({ pglite }, lock, "import") }),
    pglite,
  };
}

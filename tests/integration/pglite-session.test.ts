import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { openDatabase, type DatabaseHandle } from "@/db/client";

// kysely's PGliteDialect holds PGlite inside pglite.transaction(); the handle's
// instance must reach that transaction (the import's COPY) instead of waiting for it.
describe("PGlite session shared by kysely and direct queries", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({ memory: true });
    await sql`create table t (n int)`.execute(handle.db);
  });
  afterAll(() => handle.close());

  const count = async () => (await sql<{ n: number }>`select count(*)::int as n from t`.execute(handle.db)).rows[0]?.n;

  it("runs a direct query inside the open kysely transaction, and rolls it back with it", async () => {
    const pglite = handle.pglite!;
    const seen = await handle.db
      .transaction()
      .execute(async (trx) => {
        await pglite.query("insert into t values (1)");
        const inside = await sql<{ n: number }>`select count(*)::int as n from t`.execute(trx);
        throw Object.assign(new Error("rollback"), { inside: inside.rows[0]?.n });
      })
      .catch((e: unknown) => (e as { inside?: number }).inside);
    expect(seen).toBe(1);
    expect(await count()).toBe(0);
  });

  it("commits a direct query made inside the transaction; outside one it runs on its own", async () => {
    const pglite = handle.pglite!;
    await handle.db.transaction().execute(async () => {
      await pglite.exec("insert into t values (2)");
    });
    await pglite.query("insert into t values (3)");
    expect(await count()).toBe(2);
  });

  it("makes other kysely queries wait for the open transaction instead of joining it", async () => {
    let inserted!: () => void;
    let release!: () => void;
    const started = new Promise<void>((r) => (inserted = r));
    const held = new Promise<void>((r) => (release = r));
    const writer = handle.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into t values (4)`.execute(trx);
        inserted();
        await held;
        throw new Error("rollback");
      })
      .catch(() => undefined);
    await started;
    const reader = count();
    release();
    await writer;
    // Inside the transaction the reader would have counted 3; after its rollback, 2.
    expect(await reader).toBe(2);
  });

  it("runs an import's COPY on the import lane: never inside another user's open transaction", async () => {
    const pglite = handle.pglite!;
    const before = await count();
    let opened!: () => void;
    let release!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const held = new Promise<void>((r) => (release = r));
    const other = handle.db
      .transaction()
      .execute(async (trx) => {
        await sql`select 1`.execute(trx);
        opened();
        await held;
        throw new Error("rollback");
      })
      .catch(() => undefined);
    await open;
    const copy = handle.importDb!.connection().execute(() => pglite.query("copy t (n) from '/dev/blob' with (format csv)", [], { blob: new Blob(["7\n8\n"]) }));
    release();
    await Promise.all([other, copy]);
    // Run inside the other transaction, its two rows would have been rolled back with it.
    expect(await count()).toBe(before! + 2);
  });
});

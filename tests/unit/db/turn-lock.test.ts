import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TurnLock, TURN_MS, type Lane } from "@/db/pglite-session";

/**
 * The turns of PGlite's one connection between a chunked import and the
 * readers: a lane keeps the connection while it keeps asking, up to TURN_MS,
 * then the other lane goes; within a lane, first come first served.
 */
describe("TurnLock", () => {
  let clock = 0;
  let lock: TurnLock;
  let granted: string[];
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
    lock = new TurnLock(() => clock);
    granted = [];
  });
  afterEach(() => vi.useRealTimers());

  const ask = (lane: Lane, name: string) => lock.acquire(lane).then(() => void granted.push(name));
  const settle = () => vi.advanceTimersByTimeAsync(0);

  it("serves one lane first come, first served", async () => {
    void ask("reader", "a");
    void ask("reader", "b");
    void ask("reader", "c");
    await settle();
    expect(granted).toEqual(["a"]);
    lock.release();
    await settle();
    lock.release();
    await settle();
    expect(granted).toEqual(["a", "b", "c"]);
  });

  it("keeps the connection for the import while it keeps asking within its turn, then lets the waiting reader in", async () => {
    void ask("import", "import 1");
    await settle();
    void ask("reader", "page");
    await settle();
    // The import's next statement, asked at once: still its turn.
    lock.release();
    void ask("import", "import 2");
    await settle();
    expect(granted).toEqual(["import 1", "import 2"]);
    // The turn is over: the reader goes before the import's next statement.
    clock += TURN_MS + 1;
    lock.release();
    void ask("import", "import 3");
    await settle();
    expect(granted).toEqual(["import 1", "import 2", "page"]);
    // The reader's turn: nothing more to ask, so after a short wait the import goes on.
    lock.release();
    await settle();
    expect(granted).toEqual(["import 1", "import 2", "page"]);
    await vi.advanceTimersByTimeAsync(5);
    expect(granted).toEqual(["import 1", "import 2", "page", "import 3"]);
  });

  it("never leaves a waiter behind when the lock is free", async () => {
    void ask("reader", "page");
    await settle();
    lock.release();
    void ask("import", "import");
    await vi.advanceTimersByTimeAsync(5);
    expect(granted).toEqual(["page", "import"]);
    lock.release();
    clock += TURN_MS * 3;
    void ask("reader", "later");
    await settle();
    expect(granted).toEqual(["page", "import", "later"]);
  });
});

import type { Db } from "./zones";

/**
 * Reads that every part of a page repeats (the catalogue, a zone's comuni and
 * years) are done once per request. db/ knows nothing about React: the app
 * installs the store of the current request (app/_auth/access.ts, with React's
 * `cache`, which gives one store per server render and none elsewhere). With
 * no store — command line, tests, route handlers, server actions — and inside
 * a transaction (which may have just written what it reads) every call reads.
 */
type Store = Map<string, Promise<unknown>>;
let currentStore: () => Store | null = () => null;

export function installRequestStore(getter: () => Store | null): void {
  currentStore = getter;
}

export function oncePerRequest<T>(db: Db, key: string, read: () => Promise<T>): Promise<T> {
  const store = db.isTransaction ? null : currentStore();
  if (!store) return read();
  const hit = store.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const promise = read();
  store.set(key, promise);
  // A failed read is not kept: the next caller tries again.
  promise.catch(() => store.delete(key));
  return promise;
}

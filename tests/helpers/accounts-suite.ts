import { afterAll, beforeAll, beforeEach } from "vitest";
import { sql } from "kysely";
import type { DatabaseHandle } from "@/db/client";
import { standaloneAuth } from "@/db/auth/users";
import { resetData, type TestEngine } from "./db";

export const TEST_AUTH_SECRET = "test-secret-test-secret-test-secret-1234";

/**
 * What a describe block of account tests sets up: the engine's database and
 * an auth instance on it, opened once for the block; before each test the
 * data, the users, the login attempts and the API tokens are emptied.
 */
export function accountsSuite(engine: TestEngine): { readonly handle: DatabaseHandle; readonly auth: ReturnType<typeof standaloneAuth> } {
  let opened: DatabaseHandle | undefined;
  let auth: ReturnType<typeof standaloneAuth> | undefined;
  beforeAll(async () => {
    opened = await engine.open();
    auth = standaloneAuth(opened.db, TEST_AUTH_SECRET);
  });
  afterAll(async () => opened?.close());
  beforeEach(async () => {
    const db = opened!.db;
    await resetData(db);
    await sql`delete from "auth_user"`.execute(db);
    await sql`delete from login_attempt`.execute(db);
    await sql`delete from api_token`.execute(db);
  });
  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error("database not open yet: use the suite inside a test or hook");
    return v;
  };
  return {
    get handle() {
      return ready(opened);
    },
    get auth() {
      return ready(auth);
    },
  };
}

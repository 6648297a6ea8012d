import { afterAll, beforeAll, expect } from "vitest";
import { sql } from "kysely";
import type { z } from "zod";
import type { DatabaseHandle } from "@/db/client";
import { resetData, type TestEngine } from "@/tests/helpers/db";
import { loadDemoDataset } from "@/db/demo/load";
import { generateDemoDataset } from "@/db/demo/generate";
import { createApiToken, createUser, principalOfUser, standaloneAuth } from "@/db/auth/users";
import { ProblemSchema } from "@/lib/api/problem";
import type { Principal } from "@/lib/auth/roles";

/** The tokens of an API suite: a mayor's (protected), an analyst's without and with "dati non protetti". */
export type SuiteToken = "conferenza" | "analyst" | "analystGranted";

export interface ApiSuite {
  readonly handle: DatabaseHandle;
  readonly tokens: Readonly<Record<SuiteToken, string>>;
  /** The users behind the tokens, as the pages see them. */
  readonly users: Readonly<Record<"conferenza" | "analyst", Principal>>;
}

const serverHolder = globalThis as { __osservatorioDb?: Promise<DatabaseHandle> };

/**
 * What a test of the API's route handlers sets up, inside its describe block:
 * the engine's database with the demo data, a Conferenza member and an analyst
 * of `zone` with their API tokens, and the server's database handle
 * (db/server.ts) pointed at the test database, so that the handlers called as
 * functions read what the test wrote. Everything is removed after the block.
 */
export function apiSuite(engine: TestEngine, zone: string, secret: string): ApiSuite {
  let handle: DatabaseHandle | undefined;
  const tokens: Record<SuiteToken, string> = { conferenza: "", analyst: "", analystGranted: "" };
  const users = {} as Record<"conferenza" | "analyst", Principal>;

  beforeAll(async () => {
    handle = await engine.open();
    const db = handle.db;
    await resetData(db);
    await loadDemoDataset(db, generateDemoDataset());
    await sql`delete from api_token`.execute(db);
    await sql`delete from "auth_user"`.execute(db);
    const auth = standaloneAuth(db, secret);
    const mayor = await createUser(db, auth, { email: "sindaco@esempio.it", role: "conferenza", zones: [zone], password: "una-password-lunga" });
    const analyst = await createUser(db, auth, { email: "analista@esempio.it", role: "analista", zones: [zone], password: "una-password-lunga" });
    tokens.conferenza = (await createApiToken(db, { name: "conferenza", zones: [zone], regions: [], createdBy: mayor.id })).token;
    tokens.analyst = (await createApiToken(db, { name: "senza", zones: [zone], regions: [], createdBy: analyst.id })).token;
    tokens.analystGranted = (await createApiToken(db, { name: "con", zones: [zone], regions: [], createdBy: analyst.id, unprotectedData: true })).token;
    users.conferenza = (await principalOfUser(db, mayor.id))!;
    users.analyst = (await principalOfUser(db, analyst.id))!;
    serverHolder.__osservatorioDb = Promise.resolve(handle);
  }, 120_000);

  afterAll(async () => {
    serverHolder.__osservatorioDb = undefined;
    if (!handle) return;
    await sql`delete from api_token`.execute(handle.db);
    await sql`delete from "auth_user"`.execute(handle.db);
    await resetData(handle.db);
    await handle.close();
  });

  return {
    get handle() {
      if (!handle) throw new Error("database not open yet: use the suite inside a test or hook");
      return handle;
    },
    tokens,
    users,
  };
}

/** A GET of `path` with a bearer token, as a client sends it. */
export function bearerRequest(path: string, token: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
}

/**
 * Every page of a list answer, following `next` as a client does; each page is
 * checked against the OpenAPI document's schema (`published`) before it is read.
 */
export async function allPages<Item>(
  first: string,
  call: (query: string) => Promise<Response>,
  published: z.ZodType,
  list: z.ZodType<{ items: Item[]; next: string | null }>,
): Promise<Item[]> {
  const items: Item[] = [];
  let next: string | null = first;
  while (next) {
    const response = await call(next.includes("?") ? next.slice(next.indexOf("?")) : "");
    expect(response.status, next).toBe(200);
    const body: unknown = await response.json();
    const checked = published.safeParse(body);
    expect(checked.success ? [] : checked.error.issues.slice(0, 3)).toEqual([]);
    const page = list.parse(body);
    items.push(...page.items);
    next = page.next;
  }
  return items;
}

/** A problem+json answer with `status`, parsed. */
export async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  return ProblemSchema.parse(await response.json());
}

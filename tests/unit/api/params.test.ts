import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidInputError } from "@/lib/errors";
import { BatchPath, parseParams, queryObject, ZonePath } from "@/lib/api/params";
import { decodeCursor, encodeCursor, Limit, MAX_LIMIT, pageInMemory, pageOf } from "@/lib/api/pagination";
import { matchesEtag } from "@/lib/api/respond";

function problemOf(run: () => unknown): InvalidInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error("no error");
}

describe("API parameters", () => {
  it("refuses ids beyond bigint and malformed zone codes (a NUL byte) before any query", () => {
    expect(parseParams(BatchPath, { id: "42" })).toEqual({ id: 42 });
    expect(parseParams(BatchPath, { id: String(Number.MAX_SAFE_INTEGER) }).id).toBe(Number.MAX_SAFE_INTEGER);
    for (const id of ["9999999999999999999999", "9223372036854775808", "9007199254740993", "0", "-1", "1e3", "abc", ""]) {
      const error = problemOf(() => parseParams(BatchPath, { id }));
      expect(error.status, id).toBe(400);
      expect(error.errors[0]?.field).toBe("id");
    }
    const nul = problemOf(() => parseParams(ZonePath, { code: "UMB-11\u0000" }));
    expect(nul.message).toContain('Parametro "code" non valido');
  });

  it("speaks Italian for zod's own checks too", () => {
    const error = problemOf(() => parseParams(z.object({ indicator: z.string() }), {}));
    expect(error.message).toMatch(/Parametro "indicator" non valido: .*atteso/);
  });

  it("reads lists as comma-separated or repeated parameters", () => {
    const search = new URLSearchParams("indicators=A,B&indicators=C&year=2024");
    expect(queryObject(search, ["indicators"])).toEqual({ indicators: ["A", "B", "C"], year: "2024" });
  });
});

describe("pagination", () => {
  const request = new Request("http://localhost/api/v1/observations?zona=UMB-11&limit=2");

  it("caps the limit", () => {
    expect(Limit.parse(undefined)).toBe(100);
    expect(Limit.safeParse(String(MAX_LIMIT + 1)).success).toBe(false);
    expect(Limit.safeParse("0").success).toBe(false);
  });

  it("gives a next link while rows remain, carrying an opaque cursor", () => {
    const page = pageOf(request, [{ id: 1 }, { id: 2 }, { id: 3 }], 2, (last) => ({ id: last.id }));
    expect(page.items).toEqual([{ id: 1 }, { id: 2 }]);
    const next = new URL(page.next!, "http://localhost");
    expect(next.pathname).toBe("/api/v1/observations");
    expect(next.searchParams.get("zona")).toBe("UMB-11");
    expect(decodeCursor(z.object({ id: z.int() }), next.searchParams.get("cursor")!)).toEqual({ id: 2 });
    expect(pageOf(request, [{ id: 1 }], 2, (last) => ({ id: last.id })).next).toBeNull();
  });

  it("walks a list in memory page by page, without gaps or repeats", () => {
    const all = Array.from({ length: 7 }, (_, i) => i);
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = pageInMemory(request, all, 3, cursor);
      seen.push(...page.items);
      if (!page.next) break;
      cursor = new URL(page.next, "http://localhost").searchParams.get("cursor") ?? undefined;
    }
    expect(seen).toEqual(all);
  });

  it("refuses a tampered cursor with a 400", () => {
    expect(problemOf(() => decodeCursor(z.object({ id: z.int() }), "bm9wZQ")).status).toBe(400);
    expect(problemOf(() => decodeCursor(z.object({ id: z.int() }), encodeCursor({ id: "x" }))).status).toBe(400);
  });
});

describe("ETag", () => {
  it("matches strong, weak, listed and * validators", () => {
    expect(matchesEtag('"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('W/"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('"x", "abc"', '"abc"')).toBe(true);
    expect(matchesEtag("*", '"abc"')).toBe(true);
    expect(matchesEtag('"abd"', '"abc"')).toBe(false);
    expect(matchesEtag(null, '"abc"')).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { KINDS, type ColumnSpec } from "@/imports/csv/kinds";
import { parseCell, parseRow } from "@/imports/csv/cells";
import { parseDecimal } from "@/imports/csv/number";
import { shownValue } from "@/imports/csv/rows";
import { storableReport } from "@/imports/report";
import { cleanFileName } from "@/imports/run";
import { stageBreaches } from "@/lib/budget/stages";
import { budgetLineIssues } from "@/lib/budget/execution";

/**
 * Every check the database makes (db/migrations/0001_core.ts) is made by
 * validation first, so that the preview reports it on its row: one test per
 * constraint the cell level can see. Constraints that need the whole file or
 * the database (unique keys, foreign keys) are in
 * tests/integration/preview-commit.test.ts.
 */
function column(kind: keyof typeof KINDS, field: string): ColumnSpec {
  const c = KINDS[kind].columns.find((x: ColumnSpec) => x.field === field);
  if (!c) throw new Error(`no column ${field} in ${kind}`);
  return c;
}

const ok = (spec: ColumnSpec, raw: string) => {
  const r = parseCell(spec, raw, "it");
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const refused = (spec: ColumnSpec, raw: string) => {
  const r = parseCell(spec, raw, "it");
  expect(r.ok, `${raw} should be refused`).toBe(false);
  return r.ok ? "" : r.message;
};

describe("exact numbers", () => {
  it("keeps every digit: 9007199254740993 stays …993", () => {
    expect(parseDecimal("9007199254740993", "it")).toEqual({ ok: true, value: { text: "9007199254740993", value: 9007199254740992 } });
    expect(parseDecimal("1.234,50", "it")).toMatchObject({ ok: true, value: { text: "1234.5" } });
    expect(parseDecimal("-0,0", "it")).toMatchObject({ ok: true, value: { text: "0" } });
    expect(parseDecimal("007", "it")).toMatchObject({ ok: true, value: { text: "7" } });
  });

  it("refuses the exponent form with a message that says so", () => {
    const r = parseDecimal("1E+12", "it");
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.message).toMatch(/esponenziale/);
  });

  it("refuses absurdly long numbers before any arithmetic", () => {
    expect(parseDecimal("9".repeat(100), "it").ok).toBe(false);
  });

  it("numeric without precision (observation.value): at most 20 integer digits and 10 decimals", () => {
    const value = column("valori", "value");
    expect(ok(value, "12345678901234567890")).toEqual({ text: "12345678901234567890", value: 12345678901234567890 });
    expect(refused(value, "123456789012345678901")).toMatch(/troppo grande/);
    expect(refused(value, "0,12345678901")).toMatch(/decimali/);
  });
});

describe("budget_line: numeric(14,2) not null check (… >= 0)", () => {
  const stanziato = column("bilancio", "stanziato");
  it("accepts 999.999.999.999,99 and refuses 10¹²", () => {
    expect(ok(stanziato, "999.999.999.999,99")).toMatchObject({ text: "999999999999.99" });
    expect(refused(stanziato, "1.000.000.000.000")).toMatch(/al massimo 12 cifre/);
  });
  it("refuses a negative amount", () => expect(refused(stanziato, "-1")).toMatch(/negativ/));
  it("refuses a third decimal rather than let the database round it", () => expect(refused(stanziato, "10,005")).toMatch(/2 cifre decimali/));
  it("refuses an empty required amount (not null)", () => expect(refused(stanziato, "")).toMatch(/obbligatorio/));
});

describe("resource: capacity integer check (capacity >= 0)", () => {
  const capacity = column("risorse", "capacity");
  it("accepts 2.147.483.647 and refuses 2³¹", () => {
    expect(ok(capacity, "2.147.483.647")).toMatchObject({ text: "2147483647" });
    expect(refused(capacity, "2147483648")).toMatch(/al massimo 2\.147\.483\.647/);
  });
  it("refuses a negative capacity", () => expect(refused(capacity, "-3")).toMatch(/negativ/));
  it("refuses a fraction", () => expect(refused(capacity, "2,5")).toMatch(/intero/));
  it("refuses the exponent form", () => expect(refused(capacity, "3e9")).toMatch(/esponenziale/));
});

describe("resource_current_idx (btree): the name is at most 300 characters", () => {
  it("refuses a 2.8 KB name", () => expect(refused(column("risorse", "name"), "x".repeat(2800))).toMatch(/troppo lungo/));
  it("accepts 300 characters", () => expect(ok(column("risorse", "name"), "à".repeat(300))).toBe("à".repeat(300)));
});

describe("codes in unique indexes (service_current_idx, observation_current_idx, …) are short", () => {
  it("refuses a 51-character code", () => expect(refused(column("servizi", "code"), "A".repeat(51))).toMatch(/troppo lungo/));
});

describe("text columns: PostgreSQL refuses NUL", () => {
  it.each(["risorse:name", "servizi:name", "valori:indicator", "indicatori:description"])("%s refuses a NUL", (where) => {
    const [kind, field] = where.split(":") as [keyof typeof KINDS, string];
    expect(refused(column(kind, field), "ab\u0000c")).toMatch(/caratteri di controllo/);
  });
  it("every text gets a length limit", () => {
    for (const spec of Object.values(KINDS)) {
      for (const c of spec.columns as readonly ColumnSpec[]) if (c.type === "text" || c.type === "code" || c.type === "comune") expect(c.maxLength, `${spec.kind}.${c.field}`).toBeGreaterThan(0);
    }
  });
});

describe("indicator: polarity smallint check (polarity in (-1, 0, 1)), read with its sign", () => {
  const polarity = column("indicatori", "polarity");
  it.each([
    ["1", 1],
    ["+1", 1],
    ["-1", -1],
    ["\u22121", -1],
    ["–1", -1],
    ["negativa", -1],
    ["Più basso è meglio", -1],
    ["piu basso e meglio", -1],
    ["positiva", 1],
    ["più alto è meglio", 1],
    ["0", 0],
    ["neutra", 0],
  ])("%s → %d", (raw, expected) => expect(ok(polarity, raw)).toBe(expected));
  it.each(["2", "-2", "11", "sì"])("refuses %s", (raw) => expect(refused(polarity, raw)).toMatch(/polarità/));
});

describe("indicator: decimals smallint check (decimals between 0 and 6)", () => {
  const decimals = column("indicatori", "decimals");
  it("accepts 0 and 6, refuses 7 and -1", () => {
    expect(ok(decimals, "6")).toMatchObject({ text: "6" });
    expect(refused(decimals, "7")).toMatch(/al massimo 6/);
    expect(refused(decimals, "-1")).toMatch(/negativ/);
  });
});

describe("enums (theme, aggregation, area, spending_type, kind)", () => {
  it.each([
    ["indicatori", "theme"],
    ["indicatori", "aggregation"],
    ["servizi", "area"],
    ["servizi", "spendingType"],
    ["risorse", "kind"],
  ] as const)("%s.%s refuses a value outside the check", (kind, field) => {
    expect(refused(column(kind, field), "qualcosaltro")).toMatch(/valore non ammesso/);
  });
});

describe("observation: period check and smallint year", () => {
  it("refuses a period the check would refuse", () => {
    expect(refused(column("valori", "period"), "2024-13")).toMatch(/periodo/);
    expect(refused(column("valori", "period"), "40000")).toMatch(/periodo/);
  });
  it("refuses a year outside 1900–2100 (smallint, and a real year)", () => expect(refused(column("bilancio", "year"), "32768")).toMatch(/anno/));
});

describe("typed rows", () => {
  it("a required column the file lacks is an error, so required fields are never null", () => {
    const errors: string[] = [];
    const row = parseRow(KINDS.servizi, (field) => (field === "code" ? { raw: "SAD", convention: "it" } : undefined), (_f, _r, m) => errors.push(m));
    expect(row).toBeNull();
    expect(errors).toContain("manca la colonna obbligatoria «nome»");
  });
  it("parses a whole row into its kind's types", () => {
    const cells: Record<string, string> = { code: "sad", name: "Assistenza", area: "anziani", spendingType: "strutture" };
    const row = parseRow(KINDS.servizi, (f) => (f in cells ? { raw: cells[f] ?? "", convention: "it" } : undefined), () => undefined);
    expect(row).toEqual({ code: "SAD", name: "Assistenza", area: "anziani", spendingType: "strutture", managingBody: null, category: null, nomenclatoreCode: null, nomenclatoreFrom: null, nomenclatoreTo: null, managementMode: null, comuni: null, sedi: null });
  });
});

describe("budget stage rules (one set for the import and the pages)", () => {
  it("checks all three stages", () => {
    expect(stageBreaches({ stanziato: 100, impegnato: 90, liquidato: 95, pagato: 50 }).map((b) => b.message)).toEqual(["il liquidato supera l'impegnato"]);
    expect(stageBreaches({ stanziato: 100, impegnato: 101, liquidato: 50, pagato: 51 }).map((b) => b.stage)).toEqual(["impegnato", "pagato"]);
    expect(stageBreaches({ stanziato: 0.1 + 0.2, impegnato: 0.3, liquidato: 0.3, pagato: 0.3 })).toEqual([]);
  });
  it("the pages' consistency check uses the same rules", () => {
    expect(budgetLineIssues({ stanziato: 100, impegnato: 90, liquidato: 95, pagato: 50 })).toEqual(["Il liquidato supera l'impegnato"]);
  });
});

describe("messages and stored reports", () => {
  it("a row error never repeats a huge cell, and shows control characters", () => {
    expect(shownValue("x".repeat(100_000)).length).toBeLessThan(120);
    expect(shownValue("a\u0000b")).toBe("a\ufffdb");
  });
  it("a stored report has no NUL (jsonb refuses it)", () => {
    expect(JSON.stringify(storableReport({ e: ["a\u0000b"] }))).not.toContain("\\u0000");
  });
  it("a file name keeps no control characters", () => {
    expect(cleanFileName("da\u0000ti.csv")).toBe("dati.csv");
    expect(cleanFileName("\u0000")).toBe("file");
  });
});

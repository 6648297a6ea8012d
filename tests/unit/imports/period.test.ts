import { describe, expect, it } from "vitest";
import { parseItalianDate, parsePeriod } from "@/imports/parse/period";

describe("parsePeriod", () => {
  it.each([
    ["2024", "2024", "year", "2024-01-01", "2024-12-31"],
    ["anno 2024", "2024", "year", "2024-01-01", "2024-12-31"],
    ["2024-03", "2024-03", "month", "2024-03-01", "2024-03-31"],
    ["2024/3", "2024-03", "month", "2024-03-01", "2024-03-31"],
    ["03/2024", "2024-03", "month", "2024-03-01", "2024-03-31"],
    ["02-2024", "2024-02", "month", "2024-02-01", "2024-02-29"],
    ["marzo 2024", "2024-03", "month", "2024-03-01", "2024-03-31"],
    ["Feb-2023", "2023-02", "month", "2023-02-01", "2023-02-28"],
    ["2024-T1", "2024-Q1", "quarter", "2024-01-01", "2024-03-31"],
    ["2024-Q4", "2024-Q4", "quarter", "2024-10-01", "2024-12-31"],
    ["2024T2", "2024-Q2", "quarter", "2024-04-01", "2024-06-30"],
    ["T3 2024", "2024-Q3", "quarter", "2024-07-01", "2024-09-30"],
    ["I trimestre 2024", "2024-Q1", "quarter", "2024-01-01", "2024-03-31"],
    ["IV trimestre 2024", "2024-Q4", "quarter", "2024-10-01", "2024-12-31"],
    ["1° trimestre 2024", "2024-Q1", "quarter", "2024-01-01", "2024-03-31"],
    ["3º trim. 2024", "2024-Q3", "quarter", "2024-07-01", "2024-09-30"],
    ["secondo trimestre 2024", "2024-Q2", "quarter", "2024-04-01", "2024-06-30"],
    ["15/03/2024", "2024-03", "month", "2024-03-01", "2024-03-31"],
    ["2024-03-15", "2024-03", "month", "2024-03-01", "2024-03-31"],
  ])("%j → %s", (raw, period, type, start, end) => {
    expect(parsePeriod(raw)).toMatchObject({ period, type, start, end, year: Number(period.slice(0, 4)) });
  });

  it.each(["", "24", "2024-13", "13/2024", "2024-T5", "V trimestre 2024", "31/02/2024", "1850", "abc 2024", "2024.5"])("%j is not a period", (raw) => {
    expect(parsePeriod(raw)).toBeNull();
  });
});

describe("parseItalianDate", () => {
  it("reads dd/mm/yyyy and ISO, and rejects impossible dates", () => {
    expect(parseItalianDate("31/12/2025")).toBe("2025-12-31");
    expect(parseItalianDate("1/2/2024")).toBe("2024-02-01");
    expect(parseItalianDate("29.02.2024")).toBe("2024-02-29");
    expect(parseItalianDate("2025-06-30")).toBe("2025-06-30");
    expect(parseItalianDate("30/06/2026 00:00")).toBe("2026-06-30");
    expect(parseItalianDate("29/02/2023")).toBeNull();
    expect(parseItalianDate("12/31/2025")).toBeNull();
    expect(parseItalianDate("2024")).toBeNull();
  });
});

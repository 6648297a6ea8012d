import { describe, expect, it } from "vitest";
import { MINUS, NA, formatBigInt, formatDate, formatDateLong, formatEuro, formatNumber, formatPer1000, formatPercent, formatPeriod, formatShare, formatSigned, formatSignedEuro, formatSignedPercent, formatUpTo, formatValue } from "@/lib/format";

describe("it-IT numbers", () => {
  it("uses full ICU with Italian separators", () => {
    expect(new Intl.NumberFormat("it-IT").resolvedOptions().locale).toBe("it-IT");
    expect(formatNumber(1234.5, 1)).toBe("1.234,5");
    expect(formatNumber(1234567.891, 2)).toBe("1.234.567,89");
    expect(formatNumber(999)).toBe("999");
    expect(formatNumber(1234)).toBe("1.234");
    expect(formatNumber(-0.04, 1)).toBe("0,0");
    expect(formatNumber(2.5)).toBe("3");
  });
  it("prints n.d. for missing values", () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatNumber(v)).toBe(NA);
      expect(formatPercent(v)).toBe("n.d.");
      expect(formatEuro(v)).toBe("n.d.");
    }
    expect(formatDate(null)).toBe("n.d.");
    expect(formatPeriod(null)).toBe("n.d.");
  });
  it("percent, euro, per 1.000, signed", () => {
    expect(formatPercent(23.456)).toBe("23,5%");
    expect(formatShare(0.33)).toBe("33,0%");
    expect(formatEuro(1234.5)).toBe("1.234,50 €");
    expect(formatEuro(130, 0)).toBe("130 €");
    expect(formatPer1000(6.234)).toBe("6,2 per 1.000 ab.");
    expect(formatSigned(1.25)).toBe("+1,3");
    expect(formatSigned(-0.5)).toBe("−0,5");
    expect(formatSigned(0.01)).toBe("0,0");
    expect(formatValue(18.2, "%", 1)).toBe("18,2%");
    expect(formatValue(4321, "ab. per AS", 0)).toBe("4.321");
    expect(formatValue(4321, "persone", 0, { withUnit: true })).toBe("4.321 persone");
  });
});

describe("minus signs", () => {
  it("writes a negative number with U+2212, never the ASCII hyphen", () => {
    expect(MINUS).toBe("\u2212");
    expect(formatNumber(-2.25, 1)).toBe("\u22122,3");
    expect(formatNumber(-1234.5, 1)).toBe("−1.234,5");
    expect(formatNumber(-1234567)).toBe("−1.234.567");
    expect(formatPercent(-2.2)).toBe("−2,2%");
    expect(formatEuro(-130, 0)).toBe("−130 €");
    expect(formatValue(-3.45, "per 1.000 ab.", 1, { withUnit: true })).toBe("−3,5 per 1.000 ab.");
    expect(formatUpTo(-0.125, 6)).toBe("−0,125");
    expect(formatUpTo(-1234, 2)).toBe("−1.234");
    for (const s of [formatNumber(-7), formatPercent(-0.5), formatEuro(-1), formatUpTo(-2.5, 3), formatSigned(-4)]) expect(s).not.toContain("-");
  });
  it("prints zero without a sign: -0 and values that round to zero", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(-0, 2)).toBe("0,00");
    expect(formatNumber(-0.4)).toBe("0");
    expect(formatNumber(-0.04, 1)).toBe("0,0");
    expect(formatPercent(-0.01)).toBe("0,0%");
    expect(formatUpTo(-0, 3)).toBe("0");
    expect(formatUpTo(-0.0001, 3)).toBe("0");
    expect(formatSigned(-0)).toBe("0,0");
    expect(formatSigned(-0.04)).toBe("0,0");
    expect(formatSignedPercent(-0.04)).toBe("0,0%");
  });
  it("signs changes: +1,2% / −2,2%", () => {
    expect(formatSignedPercent(1.2)).toBe("+1,2%");
    expect(formatSignedPercent(-2.2)).toBe("−2,2%");
    expect(formatSignedPercent(-2.25)).toBe("−2,3%");
    expect(formatSignedPercent(null)).toBe(NA);
    expect(formatSigned(1234.5, 1)).toBe("+1.234,5");
    expect(formatSigned(-1234.5, 1)).toBe("−1.234,5");
    expect(formatSignedEuro(12.5)).toBe("+12,50 €");
    expect(formatSignedEuro(-3)).toBe("−3,00 €");
    expect(formatSignedEuro(undefined)).toBe(NA);
  });
  it("keeps the grouping and decimals of positive numbers", () => {
    expect(formatUpTo(2.5, 2)).toBe("2,5");
    expect(formatUpTo(1234, 2)).toBe("1.234");
    expect(formatUpTo(null, 2)).toBe(NA);
    expect(formatBigInt(BigInt("-9007199254740993"))).toBe("−9.007.199.254.740.993");
  });
});

describe("it-IT dates and periods", () => {
  it("formats dates without time-zone shifts", () => {
    expect(formatDate("2026-11-24")).toBe("24/11/2026");
    expect(formatDate(new Date(Date.UTC(2026, 0, 5)))).toBe("05/01/2026");
    expect(formatDateLong("2026-11-24")).toBe("24 novembre 2026");
    expect(formatDateLong("2026-03-01")).toBe("1º marzo 2026");
    expect(formatDate("2026-02-30")).toBe("n.d.");
    expect(formatDate("ieri")).toBe("n.d.");
  });
  it("formats periods", () => {
    expect(formatPeriod("2024")).toBe("2024");
    expect(formatPeriod("2024-Q1")).toBe("I trim. 2024");
    expect(formatPeriod("2024-Q4")).toBe("IV trim. 2024");
    expect(formatPeriod("2024-03")).toBe("marzo 2024");
  });
});

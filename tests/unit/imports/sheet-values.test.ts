import { describe, expect, it } from "vitest";
import { dateShapeOf, dateText, decimalText, serialDate } from "@/imports/sheets/values";

describe("spreadsheet cell values as the CSV path reads them", () => {
  it("writes stored doubles with at most 15 significant digits, Italian decimal comma, no exponent", () => {
    expect(decimalText("19313")).toBe("19313");
    expect(decimalText("0.30000000000000004")).toBe("0,3");
    expect(decimalText("-1234.5")).toBe("-1234,5");
    expect(decimalText("1.234")).toBe("1,234");
    expect(decimalText("1E-7")).toBe("0,0000001");
    expect(decimalText("1.5E+20")).toBe("150000000000000000000");
    expect(decimalText("0.284", 2)).toBe("28,4");
    expect(decimalText("0.125", 2)).toBe("12,5");
    expect([decimalText("0.001"), decimalText("007"), decimalText("-0"), decimalText("12.500"), decimalText("1234567890.123456789")]).toEqual(["0,001", "7", "0", "12,5", "1234567890,12346"]);
    expect(decimalText("abc")).toBeNull();
    expect(decimalText("")).toBeNull();
  });

  it("reads date serial numbers in both date systems, with Excel's 1900 leap day", () => {
    expect(serialDate(45292, false)?.toISOString().slice(0, 10)).toBe("2024-01-01");
    expect(serialDate(1, false)?.toISOString().slice(0, 10)).toBe("1900-01-01");
    expect(serialDate(61, false)?.toISOString().slice(0, 10)).toBe("1900-03-01");
    expect(serialDate(0, true)?.toISOString().slice(0, 10)).toBe("1904-01-01");
    expect(serialDate(45292.5, false)?.toISOString()).toBe("2024-01-01T12:00:00.000Z");
    expect(serialDate(-1, false)).toBeNull();
  });

  it("tells dates from numbers by the format code, and which parts a date shows", () => {
    expect(dateShapeOf("dd/mm/yyyy")).toBe("day");
    expect(dateShapeOf("[$-410]d mmmm yyyy")).toBe("day");
    expect(dateShapeOf("[$-410]mmm\\-yy;@")).toBe("month");
    expect(dateShapeOf("mm/yyyy")).toBe("month");
    expect(dateShapeOf("yyyy")).toBe("year");
    expect(dateShapeOf("hh:mm:ss")).toBeNull();
    expect(dateShapeOf("[h]:mm")).toBeNull();
    expect(dateShapeOf("#,##0.00")).toBeNull();
    expect(dateShapeOf("General")).toBeNull();
    expect(dateShapeOf('0.0" mesi"')).toBeNull();
    const d = new Date(Date.UTC(2024, 2, 5, 0, 0, 0));
    expect([dateText(d, "day"), dateText(d, "month"), dateText(d, "year")]).toEqual(["05/03/2024", "03/2024", "2024"]);
    expect(dateText(new Date(Date.UTC(2024, 2, 5, 9, 30)), "day", true)).toBe("05/03/2024 09:30:00");
  });
});

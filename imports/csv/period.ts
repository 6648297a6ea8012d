import type { PeriodType } from "@/lib/periods";

/**
 * Periods as files write them: 2024 · 2024-03 · 03/2024 · 2024-T1 · 2024-Q1 ·
 * "I trimestre 2024" · "1° trimestre 2024" · dd/mm/yyyy (the month of the
 * date). Canonical forms: "2024", "2024-Q1", "2024-03".
 */
export interface Period {
  period: string;
  type: PeriodType;
  start: string;
  end: string;
  year: number;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function yearPeriod(year: number): Period {
  return { period: String(year), type: "year", start: `${year}-01-01`, end: `${year}-12-31`, year };
}

export function quarterPeriod(year: number, q: number): Period {
  const first = (q - 1) * 3 + 1;
  return {
    period: `${year}-Q${q}`,
    type: "quarter",
    start: `${year}-${pad(first)}-01`,
    end: `${year}-${pad(first + 2)}-${lastDay(year, first + 2)}`,
    year,
  };
}

export function monthPeriod(year: number, month: number): Period {
  return { period: `${year}-${pad(month)}`, type: "month", start: `${year}-${pad(month)}-01`, end: `${year}-${pad(month)}-${lastDay(year, month)}`, year };
}

const validYear = (y: number) => y >= 1900 && y <= 2100;

export function parsePeriod(raw: string): Period | null {
  const s = raw.trim().toLowerCase().replace(/\s+/g, " ");
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})(?:\.0+)?$/))) {
    const y = Number(m[1]);
    return validYear(y) ? yearPeriod(y) : null;
  }
  if ((m = s.match(/^(\d{4})[-/](\d{1,2})$/))) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return validYear(y) && mo >= 1 && mo <= 12 ? monthPeriod(y, mo) : null;
  }
  if ((m = s.match(/^(\d{1,2})[-/](\d{4})$/))) {
    const [mo, y] = [Number(m[1]), Number(m[2])];
    return validYear(y) && mo >= 1 && mo <= 12 ? monthPeriod(y, mo) : null;
  }
  if ((m = s.match(/^(\d{4}) ?[-/ ]? ?[tq] ?([1-4])$/))) {
    const y = Number(m[1]);
    return validYear(y) ? quarterPeriod(y, Number(m[2])) : null;
  }
  if ((m = s.match(/^([1-4]|i{1,3}|iv)(?:°|º|o)? ?trim(?:estre|\.)? ?(\d{4})$/))) {
    const q = ROMAN[m[1] as string] ?? Number(m[1]);
    const y = Number(m[2]);
    return validYear(y) ? quarterPeriod(y, q) : null;
  }
  const date = parseItalianDate(raw);
  if (date) return monthPeriod(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
  return null;
}

/** dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or ISO yyyy-mm-dd → ISO date; null if not a real date. */
export function parseItalianDate(raw: string): string | null {
  const s = raw.trim();
  let y: number;
  let mo: number;
  let d: number;
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/))) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = s.match(/^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  if (!validYear(y) || mo < 1 || mo > 12 || d < 1 || d > lastDay(y, mo)) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

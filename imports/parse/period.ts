/**
 * Periods as files write them → one canonical form:
 *   year     2024 · "anno 2024"                                   → "2024"
 *   quarter  2024-T1 · 2024-Q1 · 2024T1 · T1 2024 · I trimestre 2024 ·
 *            1° trimestre 2024 · primo trimestre 2024             → "2024-Q1"
 *   month    2024-03 · 2024/03 · 03/2024 · 03-2024 · marzo 2024 · mar-2024 → "2024-03"
 *   date     dd/mm/yyyy (also - or .) and ISO yyyy-mm-dd          → its month
 *
 * Decision: a full date in a period column stands for the month that contains
 * it (monthly series are often dated on the first or last day of the month).
 * A date column proper (a deadline) uses parseItalianDate instead.
 */
export type PeriodType = "year" | "quarter" | "month";

export interface Period {
  period: string;
  type: PeriodType;
  /** ISO date of the first day. */
  start: string;
  /** ISO date of the last day. */
  end: string;
  year: number;
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const validYear = (y: number) => y >= 1900 && y <= 2100;

export function yearPeriod(year: number): Period {
  return { period: String(year), type: "year", start: `${year}-01-01`, end: `${year}-12-31`, year };
}

export function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  return { period: `${year}-Q${quarter}`, type: "quarter", start: `${year}-${pad(first)}-01`, end: `${year}-${pad(first + 2)}-${lastDay(year, first + 2)}`, year };
}

export function monthPeriod(year: number, month: number): Period {
  return { period: `${year}-${pad(month)}`, type: "month", start: `${year}-${pad(month)}-01`, end: `${year}-${pad(month)}-${lastDay(year, month)}`, year };
}

const QUARTER_WORDS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, primo: 1, secondo: 2, terzo: 3, quarto: 4, "1": 1, "2": 2, "3": 3, "4": 4 };
const MONTHS = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];

function monthFromName(word: string): number | null {
  const w = word.replace(/\.$/, "");
  if (w.length < 3) return null;
  const i = MONTHS.findIndex((m) => m === w || (w.length === 3 && m.startsWith(w)));
  return i >= 0 ? i + 1 : null;
}

function month(y: number, mo: number): Period | null {
  return validYear(y) && mo >= 1 && mo <= 12 ? monthPeriod(y, mo) : null;
}

function quarter(y: number, q: number | undefined): Period | null {
  return validYear(y) && q !== undefined && q >= 1 && q <= 4 ? quarterPeriod(y, q) : null;
}

/** The canonical period, or null when the text is not one. */
export function parsePeriod(raw: string): Period | null {
  const s = raw.trim().toLowerCase().replace(/\s+/g, " ").replace(/^anno /, "");
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})$/))) {
    const y = Number(m[1]);
    return validYear(y) ? yearPeriod(y) : null;
  }
  if ((m = s.match(/^(\d{4})[-/](\d{1,2})$/))) return month(Number(m[1]), Number(m[2]));
  if ((m = s.match(/^(\d{1,2})[-/.](\d{4})$/))) return month(Number(m[2]), Number(m[1]));
  if ((m = s.match(/^(\d{4}) ?[-/ ]? ?[tq] ?([1-4])$/))) return quarter(Number(m[1]), Number(m[2]));
  if ((m = s.match(/^[tq] ?([1-4]) ?[-/ ]? ?(\d{4})$/))) return quarter(Number(m[2]), Number(m[1]));
  if ((m = s.match(/^(iv|i{1,3}|[1-4]|primo|secondo|terzo|quarto) ?(?:°|º|o|\^)? ?trim(?:estre|\.)? ?(?:del |-)?(\d{4})$/))) {
    return quarter(Number(m[2]), QUARTER_WORDS[m[1] as string]);
  }
  if ((m = s.match(/^([a-z]+\.?) ?[-/ ]? ?(\d{4})$/))) {
    const mo = monthFromName(m[1] as string);
    return mo ? month(Number(m[2]), mo) : null;
  }
  const date = parseItalianDate(raw);
  return date ? monthPeriod(Number(date.slice(0, 4)), Number(date.slice(5, 7))) : null;
}

export const PERIOD_HINT_IT = "esempi validi: 2024, 2024-T1, I trimestre 2024, 2024-03, 03/2024";

/**
 * dd/mm/yyyy (also dd-mm-yyyy, dd.mm.yyyy, d/m/yyyy) or ISO yyyy-mm-dd → ISO
 * date; null when the text is not a real calendar date (31/02/2024).
 */
export function parseItalianDate(raw: string): string | null {
  const s = raw.trim();
  let y: number;
  let mo: number;
  let d: number;
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: 0?0[:.]00(?:[:.]00)?)?$/))) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = s.match(/^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?(?:\.0+)?Z?)?$/))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  if (!validYear(y) || mo < 1 || mo > 12 || d < 1 || d > lastDay(y, mo)) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

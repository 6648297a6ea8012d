import type { Db } from "@/db/queries/zones";
import { zoneMemberHistory } from "@/db/queries/membership";
import type { ExportTable } from "@/lib/export/table";
import { countedYearsText, historyNotes } from "@/lib/territory/membership-text";

/** The «Comuni della zona» tables as one table: every membership, today's first, with its dates (AAAA-MM-GG) and history. */
export async function membershipsExport(db: Db, code: string): Promise<ExportTable> {
  const entries = await zoneMemberHistory(db, code);
  return {
    fileBase: `comuni-della-zona-${code}`,
    sheet: "Comuni della zona",
    header: ["codice ISTAT", "comune", "provincia", "parte", "quota", "dal", "al", "di oggi", "anni nei valori della zona", "soppresso dal", "confluito in (codice ISTAT)", "confluito in", "note"],
    rows: entries.map((m) => [
      m.istat,
      m.name,
      m.province,
      m.part,
      m.share,
      m.validFrom,
      m.validTo,
      m.current ? "sì" : "no",
      countedYearsText(m.firstYear, m.lastYear),
      m.suppressedOn,
      m.successor?.istat ?? null,
      m.successor?.name ?? null,
      historyNotes(m).join("; "),
    ]),
    notes: ["Date nel formato AAAA-MM-GG; vuoto: da sempre (dal) o a oggi (al). I valori di un anno si calcolano con i comuni della zona al 31 dicembre."],
  };
}

import type { Db } from "../../queries/zones";
import { listEditions, approveReport, publishEdition } from "../../queries/report-editions";
import { saveReportText } from "../../queries/report-texts";

/**
 * The demo's published editions: the 2025 annual report of Zona 11 – Narni
 * (and of Zona 6 – Norcia, where Poggiodomo's small counts print «< 3»),
 * with an introduction and conclusions, approved by a (fictitious)
 * deliberation of the Conferenza and published, so the demo shows an
 * edition, its exports and the open data catalogue. Run by `npm run demo`
 * after the demo data: an edition already there is left as it is.
 */
export const DEMO_EDITIONS = [
  { zoneCode: "UMB-11", year: 2025, deliberation: { number: "4/2026", date: "2026-03-12" } },
  { zoneCode: "UMB-06", year: 2025, deliberation: { number: "2/2026", date: "2026-03-19" } },
] as const;

const AUTHOR = "Ufficio di Piano (dati dimostrativi)";
const PUBLISHER = "pianificatore@demo.osservatorio.it";

const TEXTS = {
  introduzione:
    "Questa relazione riferisce alla Conferenza di zona sull'anno 2025: la popolazione e i suoi bisogni, la fragilità dei comuni, lo stato del Piano sociale di zona, i livelli essenziali, la qualità dei servizi e il personale.\n\nI dati sono dimostrativi: servono a mostrare come si legge la relazione.",
  conclusioni:
    "La Conferenza è invitata a confermare le priorità del Piano per il 2026, con attenzione ai comuni più piccoli e al rafforzamento del servizio sociale professionale.",
} as const;

/** Publishes the demo editions that are not there yet; returns how many it published. */
export async function publishDemoEditions(db: Db, now: Date = new Date("2026-03-20T10:00:00Z")): Promise<number> {
  let published = 0;
  for (const e of DEMO_EDITIONS) {
    if ((await listEditions(db, e.zoneCode, e.year)).length > 0) continue;
    for (const [key, body] of Object.entries(TEXTS)) await saveReportText(db, e.zoneCode, e.year, key, body, AUTHOR);
    await approveReport(db, e.zoneCode, e.year, e.deliberation, PUBLISHER);
    await publishEdition(db, e.zoneCode, e.year, PUBLISHER, { now });
    published++;
  }
  return published;
}

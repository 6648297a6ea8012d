import type { Db } from "@/db/queries/zones";
import { comuneProfile } from "@/db/queries/comune-profile";
import { THEME_LABELS_IT } from "@/lib/catalog/schema";
import { RESOURCE_KIND_LABELS_IT } from "@/lib/catalog/resource-kinds";
import { serviceAreaLabel, spendingTypeLabel } from "@/lib/catalog/service-areas";
import type { CsvValue } from "@/lib/export/csv";
import { roundTo, type ExportTable } from "@/lib/export/table";
import type { Principal } from "@/lib/auth/roles";
import { exportNote, exportValue } from "@/lib/territory/shown";

/**
 * The scheda comune's tables for download: `tabella=indicatori` (default: every
 * indicator by year, with zone, region and rank), `fragilita`, `risorse`, `servizi`.
 * Values are those the scheda shows the same reader (withheld counts as "< 3").
 */
export async function comuneExport(db: Db, istat: string, searchParams: URLSearchParams, principal: Principal): Promise<ExportTable | null> {
  const p = await comuneProfile(db, istat, principal);
  if (!p) return null;
  const base = `comune-${istat}`;
  switch (searchParams.get("tabella")) {
    case "fragilita":
      if (!p.fragility) return null;
      return {
        fileBase: `${base}-fragilita-${p.latestYear}`,
        sheet: "Fragilità",
        header: ["codice indicatore", "indicatore", "unità", "valore", "punteggio (100 = zona)"],
        rows: [
          ...p.fragility.components.map((c) => [c.indicator, c.name, c.unit, c.withheld ? p.mark : roundTo(c.value, c.decimals), c.withheld ? p.mark : roundTo(c.normalized, 1)]),
          ...(p.fragility.withheld && p.footnote ? [["", p.footnote]] : []),
        ],
      };
    case "risorse":
      return {
        fileBase: `${base}-risorse`,
        sheet: "Risorse",
        header: ["nome", "tipo", "indirizzo", "CAP", "telefono", "fax", "e-mail", "orari", "posti"],
        rows: p.resources.map((r) => [r.name, RESOURCE_KIND_LABELS_IT[r.kind], r.address, r.postalCode, r.phone, r.fax, r.email, r.openingHours, r.capacity]),
      };
    case "servizi":
      return {
        fileBase: `${base}-servizi`,
        sheet: "Servizi",
        header: ["codice", "servizio", "area di utenza", "tipo", "gestione"],
        rows: p.services.map((s) => [
          s.code,
          s.name,
          serviceAreaLabel(s.area),
          spendingTypeLabel(s.spendingType),
          s.managingBody,
        ]),
      };
    default: {
      const round = (d: number) => (x: number | null) => roundTo(x, d);
      const rows: CsvValue[][] = p.indicators.map((i) => [
        THEME_LABELS_IT[i.def.theme],
        i.def.code,
        i.def.name,
        i.def.unit,
        ...p.years.map((y) => exportValue(i.cells[y], round(i.def.decimals), p.mark)),
        exportValue(i.zoneCell, round(i.def.decimals), p.mark),
        roundTo(i.region, i.def.decimals),
        i.rank,
        i.of,
        [...p.years.map((y) => [y, exportNote(i.cells[y], i.def.decimals, p.mark)] as const), ["zona", exportNote(i.zoneCell, i.def.decimals, p.mark)] as const]
          .filter(([, n]) => n !== "")
          .map(([k, n]) => `${k}: ${n}`)
          .join(" · "),
      ]);
      if (p.footnote) rows.push(["", p.footnote]);
      const y = p.latestYear ?? "";
      return {
        fileBase: `${base}-indicatori`,
        sheet: p.name,
        header: ["tema", "codice", "indicatore", "unità", ...p.years.map(String), `zona ${y}`, `${p.regionName} ${y}`.trim(), "posizione nella zona", "comuni con il dato", "note"],
        rows,
      };
    }
  }
}

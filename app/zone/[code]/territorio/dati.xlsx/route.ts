import { zoneTableRoute } from "@/app/_export/routes";
import { territoryExport } from "../export";

/** The Territorio tables as an Excel workbook, with the same filters as the page. */
export const GET = zoneTableRoute("xlsx", territoryExport);

import { zoneTableRoute } from "@/app/_export/routes";
import { fragilityExport } from "../view";

/** The Fragilità tables as an Excel workbook, with the same filters as the page. */
export const GET = zoneTableRoute("xlsx", fragilityExport);

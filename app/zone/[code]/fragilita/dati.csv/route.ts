import { zoneTableRoute } from "@/app/_export/routes";
import { fragilityExport } from "../view";

/** The Fragilità tables as CSV (`;`, UTF-8 with BOM), with the same filters as the page. */
export const GET = zoneTableRoute("csv", fragilityExport);

import { zoneTableRoute } from "@/app/_export/routes";
import { mapExport } from "../view";

/** The map's data as CSV (`;`, UTF-8 with BOM), with the same filters as the page. */
export const GET = zoneTableRoute("csv", mapExport);

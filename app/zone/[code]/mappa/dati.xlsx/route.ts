import { zoneTableRoute } from "@/app/_export/routes";
import { mapExport } from "../view";

/** The map's data as an Excel workbook, with the same filters as the page. */
export const GET = zoneTableRoute("xlsx", mapExport);

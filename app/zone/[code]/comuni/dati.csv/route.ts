import { zoneTableRoute } from "@/app/_export/routes";
import { membershipsExport } from "../export";

/** The comuni of the zone over time as CSV (`;`, UTF-8 with BOM), as the page lists them. */
export const GET = zoneTableRoute("csv", membershipsExport);

import { zoneTableRoute } from "@/app/_export/routes";
import { membershipsExport } from "../export";

/** The comuni of the zone over time as an Excel workbook, as the page lists them. */
export const GET = zoneTableRoute("xlsx", membershipsExport);

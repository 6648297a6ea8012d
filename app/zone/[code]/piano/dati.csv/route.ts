import { zoneTableRoute } from "@/app/_export/routes";
import { planExport } from "../export";

/** The Piano scorecard as CSV (`;`, UTF-8 with BOM), with the same filters as the page. */
export const GET = zoneTableRoute("csv", planExport);

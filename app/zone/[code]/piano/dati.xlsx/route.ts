import { zoneTableRoute } from "@/app/_export/routes";
import { planExport } from "../export";

/** The Piano scorecard as XLSX, with the same filters as the page. */
export const GET = zoneTableRoute("xlsx", planExport);

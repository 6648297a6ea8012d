import { zoneTableRoute } from "@/app/_export/routes";
import { qualityExport } from "../export";

/** The quality table as CSV, with the same filters as the page (and the same disclosure control). */
export const GET = zoneTableRoute("csv", qualityExport);

import { zoneTableRoute } from "@/app/_export/routes";
import { servicesExport } from "../export";

/** The service catalogue as CSV (`;`, UTF-8 with BOM), with the same filters as the page. */
export const GET = zoneTableRoute("csv", servicesExport);

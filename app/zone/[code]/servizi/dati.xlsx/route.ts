import { zoneTableRoute } from "@/app/_export/routes";
import { servicesExport } from "../export";

/** The service catalogue as XLSX, with the same filters as the page. */
export const GET = zoneTableRoute("xlsx", servicesExport);

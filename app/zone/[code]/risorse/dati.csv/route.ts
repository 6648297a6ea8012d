import { zoneTableRoute } from "@/app/_export/routes";
import { resourcesExport } from "../export";

/** The resources directory as CSV (`;`, UTF-8 with BOM), with the same filters as the page. */
export const GET = zoneTableRoute("csv", resourcesExport);

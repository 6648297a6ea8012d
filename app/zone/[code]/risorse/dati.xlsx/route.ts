import { zoneTableRoute } from "@/app/_export/routes";
import { resourcesExport } from "../export";

/** The resources directory as an Excel workbook, with the same filters as the page. */
export const GET = zoneTableRoute("xlsx", resourcesExport);

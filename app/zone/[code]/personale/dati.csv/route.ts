import { zoneTableRoute } from "@/app/_export/routes";
import { staffExport } from "../export";

/** The staff at the chosen year's date as CSV. */
export const GET = zoneTableRoute("csv", staffExport);

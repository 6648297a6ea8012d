import { comuneTableRoute } from "@/app/_export/routes";
import { comuneExport } from "../export";

/** The scheda comune's tables as CSV (`;`, UTF-8 with BOM). */
export const GET = comuneTableRoute("csv", comuneExport);

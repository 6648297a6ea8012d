import { comuneTableRoute } from "@/app/_export/routes";
import { comuneExport } from "../export";

/** The scheda comune's tables as an Excel workbook. */
export const GET = comuneTableRoute("xlsx", comuneExport);

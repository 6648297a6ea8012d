import { zoneTableRoute } from "@/app/_export/routes";
import { budgetExport } from "../export";

/** The budget page's tables as XLSX, with the page's filters (tabella=totali|ripartizione|rischio). */
export const GET = zoneTableRoute("xlsx", budgetExport);

import { CONCLUSIONS_KEY, INTRODUCTION_KEY } from "./model";

/** The texts planners write in a report: the introduction, the conclusions, and a comment per section. */
export const REPORT_TEXT_KEYS = [INTRODUCTION_KEY, CONCLUSIONS_KEY, "demografia", "fragilita", "psz", "leps", "qualita", "personale", "bilancio"] as const;
export type ReportTextKey = (typeof REPORT_TEXT_KEYS)[number];

export const REPORT_TEXT_LABELS_IT: Record<ReportTextKey, string> = {
  introduzione: "Introduzione",
  conclusioni: "Conclusioni",
  demografia: "Commento alla sezione «Popolazione e bisogni»",
  fragilita: "Commento alla sezione «Fragilità dei comuni»",
  psz: "Commento alla sezione «Piano sociale di zona»",
  leps: "Commento alla sezione «Livelli essenziali (LEPS)»",
  qualita: "Commento alla sezione «Qualità dei servizi»",
  personale: "Commento alla sezione «Personale»",
  bilancio: "Commento alla sezione «Bilancio»",
};

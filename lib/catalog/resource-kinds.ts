/** Kinds of resources of the territory, with Italian labels. */
export const RESOURCE_KIND_LABELS_IT: Record<string, string> = {
  ufficio_cittadinanza: "Ufficio della Cittadinanza",
  struttura: "Struttura",
  associazione: "Associazione",
  volontariato: "Servizio di volontariato",
  sportello: "Sportello o punto di accesso",
  altro: "Altro",
};

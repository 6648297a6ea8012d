/** Kinds of resources of the territory (resource.kind), with Italian labels. */
export const RESOURCE_KINDS = ["ufficio_cittadinanza", "struttura", "associazione", "volontariato", "sportello", "altro"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const RESOURCE_KIND_LABELS_IT: Record<ResourceKind, string> = {
  ufficio_cittadinanza: "Ufficio della Cittadinanza",
  struttura: "Struttura",
  associazione: "Associazione",
  volontariato: "Servizio di volontariato",
  sportello: "Sportello o punto di accesso",
  altro: "Altro",
};

/**
 * The qualitative LEPS a zone reports on (DOMAIN.md): the six priority ones
 * of L. 234/2021 c.170, the integrated path for non-self-sufficient people
 * and the home-care LEPS for older non-self-sufficient people. Each item is
 * set by a planner to one of three states, with its evidence.
 */
export const LEPS_ITEMS = [
  { code: "pronto_intervento", label: "Pronto intervento sociale (24 ore su 24)", source: "L. 234/2021, art. 1, c. 170" },
  { code: "supervisione", label: "Supervisione del personale dei servizi sociali", source: "L. 234/2021, art. 1, c. 170" },
  { code: "dimissioni_protette", label: "Dimissioni protette", source: "L. 234/2021, art. 1, c. 170" },
  { code: "prevenzione_allontanamento", label: "Prevenzione dell'allontanamento familiare (P.I.P.P.I.)", source: "L. 234/2021, art. 1, c. 170" },
  { code: "residenza_fittizia", label: "Servizi per la residenza fittizia", source: "L. 234/2021, art. 1, c. 170" },
  { code: "dopo_di_noi", label: "Progetti «Dopo di noi» e vita indipendente", source: "L. 234/2021, art. 1, c. 170" },
  { code: "percorso_integrato", label: "Percorso integrato PUA → valutazione → UVM → PAI → monitoraggio", source: "L. 234/2021, art. 1, c. 163" },
  { code: "domiciliare_anziani", label: "Assistenza domiciliare sociale, sollievo e supporto agli anziani non autosufficienti", source: "L. 234/2021, art. 1, c. 162" },
] as const;

export type LepsItemCode = (typeof LEPS_ITEMS)[number]["code"];
export const LEPS_ITEM_CODES = LEPS_ITEMS.map((i): LepsItemCode => i.code);

export const LEPS_ITEM_STATES = ["attivo", "in_avvio", "non_attivo"] as const;
export type LepsItemState = (typeof LEPS_ITEM_STATES)[number];
export const LEPS_ITEM_STATE_LABELS_IT: Record<LepsItemState, { label: string; symbol: string }> = {
  attivo: { label: "Attivo", symbol: "✓" },
  in_avvio: { label: "In avvio", symbol: "…" },
  non_attivo: { label: "Non attivo", symbol: "✗" },
};

export function isLepsItemCode(v: string): v is LepsItemCode {
  return (LEPS_ITEM_CODES as string[]).includes(v);
}

/** Nidi (L. 234/2021): places for 33% of children under 3 by 2027, 28.9% on the way. */
export const NIDI_TARGET = 33;
export const NIDI_INTERMEDIATE = 28.9;
export const NIDI_TARGET_YEAR = 2027;
export const NIDI_SOURCE = "L. 234/2021, art. 1, c. 172";

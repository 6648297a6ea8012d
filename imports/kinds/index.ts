import { bilancio } from "./bilancio";
import { comuni } from "./comuni";
import { indicatori } from "./indicatori";
import { obiettivi } from "./obiettivi";
import { risorse } from "./risorse";
import { servizi } from "./servizi";
import type { KindName } from "./types";
import { valori } from "./valori";

/** Every dataset kind, by name; the row type of each comes from its zod schema. */
export const KINDS = { comuni, indicatori, valori, obiettivi, servizi, bilancio, risorse } as const;
export type Kinds = typeof KINDS;

export type { ComuniRow } from "./comuni";
export type { IndicatoriRow } from "./indicatori";
export type { ValoriRow } from "./valori";
export type { ObiettiviRow } from "./obiettivi";
export type { ServiziRow } from "./servizi";
export type { BilancioRow } from "./bilancio";
export type { RisorseRow } from "./risorse";

export { KIND_NAMES, type KindName, type ColumnDef, type KindDefinition } from "./types";

export function isKindName(s: string): s is KindName {
  return Object.hasOwn(KINDS, s);
}

import { z } from "zod";
import { RESOURCE_KIND_LABELS_IT } from "@/lib/catalog/resource-kinds";
import { comuneRef } from "./row-schemas";
import { column, type KindDefinition } from "./types";

/** Access points and resources of the territory (Uffici della Cittadinanza, facilities, associations…). */
const KIND_SPELLINGS: Record<string, readonly string[]> = {
  ufficio_cittadinanza: ["ufficio cittadinanza", "UdC"],
  struttura: ["strutture", "residenza", "centro diurno"],
  associazione: ["associazioni", "APS", "ODV"],
  volontariato: ["servizio di volontariato", "volontari"],
  sportello: ["punto di accesso", "PUA"],
  altro: [],
};
const kindValues = Object.fromEntries(Object.entries(RESOURCE_KIND_LABELS_IT).map(([code, label]) => [code, [label, ...(KIND_SPELLINGS[code] ?? [])]]));

export const risorseRowSchema = z.object({
  kind: z.enum(Object.keys(RESOURCE_KIND_LABELS_IT) as [string, ...string[]]),
  name: z.string().min(3, "nome troppo corto"),
  comune: comuneRef,
  address: z.string().nullable(),
  postalCode: z.string().regex(/^\d{5}$/, "non è un CAP (5 cifre)").nullable(),
  phone: z.string().regex(/^[+\d][\d\s./()-]{4,}$/, "non è un numero di telefono").nullable(),
  email: z.email("non è un indirizzo e-mail valido").nullable(),
  openingHours: z.string().nullable(),
  capacity: z.number().int().min(0).nullable(),
});
export type RisorseRow = z.infer<typeof risorseRowSchema>;

export const risorse: KindDefinition<typeof risorseRowSchema> = {
  name: "risorse",
  label: "Risorse e punti di accesso",
  allowExtraColumns: false,
  needsZone: true,
  schema: risorseRowSchema,
  columns: [
    column("kind", "tipo", "enum", true, "ufficio_cittadinanza, struttura, associazione, volontariato, sportello o altro.", ["tipologia", "tipo risorsa"], { values: kindValues }),
    column("name", "nome", "text", true, "Nome della risorsa o della sede.", ["denominazione"]),
    column("comune", "comune", "comune", true, "Comune della sede.", ["comune sede"]),
    column("address", "indirizzo", "text", false, "Via e numero civico.", ["sede", "via"]),
    column("postalCode", "cap", "text", false, "Codice di avviamento postale.", ["c.a.p."]),
    column("phone", "telefono", "text", false, "Telefono.", ["tel", "recapito telefonico"]),
    column("email", "email", "text", false, "Posta elettronica.", ["e-mail", "mail", "pec", "posta elettronica"]),
    column("openingHours", "orari", "text", false, "Orari di apertura.", ["orario", "orari di apertura"]),
    column("capacity", "capienza", "integer", false, "Posti disponibili (strutture).", ["posti", "capacità", "posti disponibili"]),
  ],
  examples: [
    ["ufficio_cittadinanza", "Ufficio della Cittadinanza – sede di Narni", "Narni", "Piazza dei Priori, 1", "05035", "0744 747111", "udc.narni@example.it", "lun. e gio. 9.00–12.00", ""],
    ["struttura", "Centro diurno Il Girasole", "Amelia", "Via Roma, 10", "05022", "", "", "lun.–ven. 8.30–16.30", "20"],
  ],
};

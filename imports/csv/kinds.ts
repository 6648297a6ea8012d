import type { DatasetKind } from "../report";
import { SERVICE_AREAS, SPENDING_TYPES } from "@/lib/catalog/service-areas";
import { THEMES, AGGREGATIONS, type Polarity } from "@/lib/catalog/schema";
import type { Period } from "./period";
import type { Decimal } from "./number";
import type { ResourceKind } from "@/lib/catalog/resource-kinds";
import { LEPS_ITEMS } from "@/lib/leps/items";
import { ISTAT_SERVICE_CATEGORIES, MANAGEMENT_MODES } from "@/lib/services/categories";
import { STAFF_EMPLOYERS, STAFF_PROFILES } from "@/lib/services/staff";

/**
 * The dataset kinds: documented columns with Italian names and accepted
 * aliases (matched ignoring case, accents, spacing and punctuation), their
 * types, and example rows for the downloadable templates. docs/formati-dati.md
 * describes the same columns for people.
 */
export type ColumnType = "text" | "code" | "number" | "integer" | "year" | "period" | "comune" | "date" | "boolean" | "enum" | "polarity";

/** The parsed value of each column type. */
export interface CellTypes {
  text: string;
  code: string;
  number: Decimal;
  integer: Decimal;
  year: number;
  period: Period;
  comune: string;
  date: string;
  boolean: boolean;
  enum: string;
  polarity: Polarity;
}

/**
 * What the database accepts for a numeric column (db/migrations): digits
 * before and after the decimal point, and bounds. Validation checks them, so
 * the preview reports on its row what the commit would otherwise fail on.
 */
export interface NumericLimits {
  integerDigits: number;
  fractionDigits: number;
  min?: number;
  max?: number;
  /** Why the bound exists, in Italian, for the row message. */
  reason?: string;
}

export interface ColumnSpec<F extends string = string, T extends ColumnType = ColumnType, R extends boolean = boolean> {
  field: F;
  /** The header written in templates. */
  label: string;
  aliases: readonly string[];
  required: R;
  type: T;
  /** enum: canonical value → accepted spellings. */
  values?: Readonly<Record<string, readonly string[]>>;
  description: string;
  /** Longest accepted text (characters), for text, code and comune cells. */
  maxLength?: number;
  /** number and integer cells. */
  numeric?: NumericLimits;
  /**
   * A required number that may instead be a conventional sign saying why it
   * is missing ("....", "..", "*", "x"): the row is kept with no value and
   * the reason (observation.missing_reason).
   */
  missingWithReason?: boolean;
  /** Highest match score of the aliases (header-match.ts), below the code aliases: a name column loses the field to a code column. */
  cap?: number;
  /** Spellings of a code column, not capped: where a file has a code and a name, the code fills the comune field. */
  codeAliases?: readonly string[];
}

/** A column's parsed value: null only where the column is optional. */
export type CellOf<C> = C extends ColumnSpec<string, infer T, infer R> ? CellTypes[T] | (R extends true ? never : null) : never;

/** The row type of a kind, derived from its column list. */
export type RowOf<S extends { columns: readonly ColumnSpec[] }> = { [C in S["columns"][number] as C["field"]]: CellOf<C> };

export interface KindSpec<C extends readonly ColumnSpec[] = readonly ColumnSpec[]> {
  kind: Exclude<DatasetKind, "confini">;
  columns: C;
  /** Rows belong to a zone: the import needs one (--zona or the page's zone). */
  needsZone: boolean;
  /** Extra columns are ignored (ISTAT's own files have many); otherwise they are an error. */
  allowExtraColumns: boolean;
  examples: readonly (readonly string[])[];
}

/** Limits of the database columns, from db/migrations/0001_core.ts. */
const NUMERIC_ANY: NumericLimits = { integerDigits: 20, fractionDigits: 10 };
/** numeric(14,2) with check (… >= 0): budget amounts. */
const MONEY: NumericLimits = { integerDigits: 12, fractionDigits: 2, min: 0, reason: "gli importi del bilancio sono in euro, con al massimo 2 decimali" };
/** integer with check (capacity >= 0). */
const CAPACITY: NumericLimits = { integerDigits: 10, fractionDigits: 0, min: 0, max: 2_147_483_647, reason: "i posti sono un numero intero non negativo" };
/** smallint check (decimals between 0 and 6). */
const DECIMALS: NumericLimits = { integerDigits: 1, fractionDigits: 0, min: 0, max: 6 };
/** A zone's number in its region (lib/territory/zone-code.ts). */
const ZONE_NUMBER: NumericLimits = { integerDigits: 3, fractionDigits: 0, min: 1, max: 999, reason: "il numero della zona va da 1 a 999" };
/** numeric(5,4) check (share > 0 and share <= 1): a part's share of its comune. */
const SHARE: NumericLimits = { integerDigits: 1, fractionDigits: 4, min: 0, max: 1, reason: "la quota è una frazione del comune, da 0 a 1, con al massimo 4 decimali" };
/** Codes are keys of unique indexes: short. */
const CODE_LENGTH = 50;
/** Names that are part of a unique index (btree entries must stay well below 2.7 KB). */
const KEY_TEXT_LENGTH = 300;
/** Any other text. */
const TEXT_LENGTH = 2000;
/** A comune cell: a code or a name, never longer than this. */
const COMUNE_LENGTH = 100;

const defaultLength: Partial<Record<ColumnType, number>> = { text: TEXT_LENGTH, code: CODE_LENGTH, comune: COMUNE_LENGTH };

const col = <F extends string, T extends ColumnType, R extends boolean>(
  field: F,
  label: string,
  type: T,
  required: R,
  description: string,
  aliases: string[] = [],
  values?: Record<string, string[]>,
): ColumnSpec<F, T, R> => ({
  field,
  label,
  type,
  required,
  description,
  aliases: [label, field, ...aliases],
  values,
  maxLength: defaultLength[type],
  numeric: type === "number" || type === "integer" ? NUMERIC_ANY : undefined,
});

/** The same column with other limits. */
const limited = <C extends ColumnSpec>(column: C, limits: { maxLength?: number; numeric?: NumericLimits }): C => ({ ...column, ...limits });

const kind = <const C extends readonly ColumnSpec[]>(spec: KindSpec<C>): KindSpec<C> => spec;

/** How ISTAT, the regions and analysts head a column of comune codes. */
const COMUNE_CODE_ALIASES = [
  "codice istat",
  "cod_istat",
  "istat",
  "codice comune",
  "codice istat comune",
  "codice comune formato alfanumerico",
  "codice comune formato numerico",
  "pro_com_t",
  "pro_com",
  "procom",
  "itter107",
  "ref_area",
];
/** How they head a column of comune names. */
const COMUNE_NAME_ALIASES = ["comune", "denominazione", "denominazione comune", "nome comune", "nome del comune", "territorio", "denominazione in italiano"];

/**
 * The comune column (a code or a name) and beside it the optional name column
 * that is checked against the code: where a file has both, the code column
 * fills "comune" (code aliases score higher than names, capped at 90) and the
 * name column "comuneName" (capped at 89), so the code decides.
 */
const comuneColumn = <R extends boolean>(required: R, description: string) => ({
  ...col("comune", "comune", "comune", required, description, COMUNE_NAME_ALIASES.slice(1)),
  cap: 90,
  codeAliases: COMUNE_CODE_ALIASES,
});
const comuneNameColumn = () => ({
  ...col("comuneName", "nome_comune", "text", false, "Nome del comune, quando la colonna «comune» ha il codice: il codice decide, il nome è controllato (una differenza è un avviso).", COMUNE_NAME_ALIASES),
  cap: 89,
});

const AREA_ALIASES: Record<string, string[]> = {
  famiglia_minori: ["famiglia e minori", "famiglie e minori", "minori", "famiglia"],
  disabili: ["disabilità", "persone con disabilità"],
  dipendenze: ["dipendenza"],
  anziani: ["anziani (65 anni e più)", "anziani non autosufficienti"],
  immigrati: ["immigrati, rom, sinti e caminanti", "immigrati e nomadi", "stranieri"],
  poverta: ["povertà", "povertà, disagio adulti e senza dimora", "disagio adulti", "povertà e disagio adulti"],
  multiutenza: ["multiutenza", "multi utenza"],
};

const AREA_VALUES = Object.fromEntries(
  SERVICE_AREAS.map((a) => [a.code, [a.code, a.label, ...(AREA_ALIASES[a.code] ?? [])]]),
) as Record<string, string[]>;
const SPENDING_VALUES = Object.fromEntries(SPENDING_TYPES.map((t) => [t.code, [t.code, t.label]])) as Record<string, string[]>;

export const RESOURCE_KIND_VALUES: Record<ResourceKind, string[]> = {
  ufficio_cittadinanza: ["ufficio_cittadinanza", "Ufficio della Cittadinanza", "ufficio cittadinanza", "UdC"],
  struttura: ["struttura", "strutture", "residenza", "centro diurno"],
  associazione: ["associazione", "associazioni", "APS", "ODV"],
  volontariato: ["volontariato", "servizio di volontariato", "volontari"],
  sportello: ["sportello", "punto di accesso", "PUA"],
  altro: ["altro"],
};

/** Read with the sign kept (cells.ts): "-1" is never "1". The minus sign U+2212 and dashes count as "-". */
const POLARITY_VALUES: Record<string, string[]> = {
  "1": ["1", "+1", "1,0", "1.0", "+1,0", "+1.0", "+", "positiva", "positivo", "più alto è meglio", "alto è meglio", "alto meglio", "crescente"],
  "-1": ["-1", "-1,0", "-1.0", "-", "negativa", "negativo", "più basso è meglio", "basso è meglio", "basso meglio", "decrescente"],
  "0": ["0", "+0", "-0", "neutra", "neutro", "neutrale", "nessuna"],
};

const TARGET_KIND_VALUES: Record<string, string[]> = {
  trajectory: ["traiettoria", "trajectory", "percorso"],
  floor: ["soglia_minima", "soglia minima", "minimo", "floor"],
  ceiling: ["soglia_massima", "soglia massima", "massimo", "ceiling"],
};
const PROVENANCE_VALUES: Record<string, string[]> = {
  psz: ["psz", "delibera psz", "delibera del psz", "piano sociale di zona", "delibera"],
  leps: ["leps", "leps nazionale", "livello essenziale", "nazionale"],
  regionale: ["regionale", "norma regionale", "regione"],
  lavoro: ["lavoro", "valore di lavoro", "ufficio di piano", "interno"],
};
const OBJECTIVE_AREA_VALUES: Record<string, string[]> = {
  ...AREA_VALUES,
  sistema_governance: ["sistema_governance", "sistema e governance", "governance", "sistema"],
};
const ACT_TYPE_VALUES: Record<string, string[]> = {
  accordo_di_programma: ["accordo_di_programma", "accordo di programma", "adp"],
  deliberazione: ["deliberazione", "delibera", "delibera della conferenza di zona"],
};

const CATEGORY_VALUES: Record<string, string[]> = Object.fromEntries(ISTAT_SERVICE_CATEGORIES.map((c) => [c.code, [c.code, c.label]]));
const MANAGEMENT_ALIASES: Record<string, string[]> = {
  diretta: ["gestione diretta", "in economia", "diretta"],
  appalto: ["appalto", "affidamento", "in appalto"],
  convenzione: ["convenzione", "in convenzione", "coprogettazione"],
  accreditamento: ["accreditamento", "voucher", "accreditamento/voucher", "accreditamento / voucher", "buono servizio"],
};
const MANAGEMENT_VALUES: Record<string, string[]> = Object.fromEntries(MANAGEMENT_MODES.map((m) => [m.code, [m.code, m.label, ...(MANAGEMENT_ALIASES[m.code] ?? [])]]));
const STAFF_PROFILE_ALIASES: Record<string, string[]> = {
  assistente_sociale: ["assistente sociale", "assistenti sociali", "as"],
  educatore: ["educatore", "educatore professionale", "educatrice"],
  psicologo: ["psicologo", "psicologa"],
  amministrativo: ["amministrativo", "amministrativa", "istruttore amministrativo"],
  mediatore: ["mediatore", "mediatore culturale", "mediatore linguistico-culturale"],
  oss: ["oss", "operatore socio sanitario", "operatore socio-sanitario"],
  altro: ["altro"],
};
const STAFF_PROFILE_VALUES: Record<string, string[]> = Object.fromEntries(STAFF_PROFILES.map((p) => [p.code, [p.code, p.label, ...(STAFF_PROFILE_ALIASES[p.code] ?? [])]]));
const STAFF_EMPLOYER_ALIASES: Record<string, string[]> = {
  comune: ["comune", "comunale"],
  ats: ["ats", "ambito", "capofila", "comune capofila", "zona sociale", "ats/capofila"],
  asl: ["asl", "usl", "azienda sanitaria", "azienda usl"],
  terzo_settore: ["terzo settore", "cooperativa", "cooperativa sociale", "ets"],
  altro: ["altro"],
};
const STAFF_EMPLOYER_VALUES: Record<string, string[]> = Object.fromEntries(STAFF_EMPLOYERS.map((e) => [e.code, [e.code, e.label, ...(STAFF_EMPLOYER_ALIASES[e.code] ?? [])]]));
/** numeric(8,2) check (fte >= 0): one row's full-time equivalents. */
const FTE: NumericLimits = { integerDigits: 6, fractionDigits: 2, min: 0, reason: "i tempi pieni equivalenti sono un numero non negativo con al massimo 2 decimali" };

/** numeric(12,2) check (isee_from >= 0): an ISEE in euros. */
const ISEE: NumericLimits = { integerDigits: 10, fractionDigits: 2, min: 0, reason: "l'ISEE è in euro, non negativo, con al massimo 2 decimali" };
/** integer check (users >= 0): a count of users. */
const USERS: NumericLimits = { integerDigits: 10, fractionDigits: 0, min: 0, max: 2_147_483_647, reason: "gli utenti sono un numero intero non negativo" };

const LEPS_ITEM_VALUES: Record<string, string[]> = Object.fromEntries(LEPS_ITEMS.map((i) => [i.code, [i.code, i.label, i.code.replace(/_/g, " ")]]));
const LEPS_STATE_VALUES: Record<string, string[]> = {
  attivo: ["attivo", "attiva", "sì", "si", "presente"],
  in_avvio: ["in_avvio", "in avvio", "avviato", "in corso", "in attivazione"],
  non_attivo: ["non_attivo", "non attivo", "non attiva", "no", "assente"],
};

/** The value column of "valori", also read alone in the wide layouts. */
export const VALORI_VALUE_COLUMN = {
  ...col(
    "value",
    "valore",
    "number",
    true,
    "Il valore. Segni convenzionali ISTAT: «-» vale 0 (il fenomeno non esiste); «....» dato non noto, «..» inferiore alla metà dell'unità, «*» o «x» riservato dalla fonte: il valore manca e il motivo resta registrato (un dato riservato è indicato come tale nelle pagine).",
    ["dato", "valore indicatore"],
  ),
  missingWithReason: true,
};

export const KINDS = {
  comuni: kind({
    kind: "comuni",
    needsZone: false,
    allowExtraColumns: true,
    columns: [
      col("istat", "Codice Comune formato alfanumerico", "text", true, "Codice ISTAT di 6 cifre.", ["codice istat", "codice comune", "pro_com_t", "cod_istat", "codice istat comune", "codice", "codice comune formato numerico", "pro_com"]),
      col("name", "Denominazione in italiano", "text", true, "Nome ufficiale del comune (se il file ha anche «Denominazione (Italiana e straniera)», vale «Denominazione in italiano», più specifica).", ["denominazione", "comune", "nome", "denominazione comune", "denominazione (italiana e straniera)"]),
      col("province", "Sigla automobilistica", "text", true, "Sigla della provincia (PG, TR…).", ["sigla", "provincia", "sigla provincia"]),
      col("cadastral", "Codice Catastale del comune", "text", false, "Codice catastale (Belfiore): una lettera e tre cifre.", ["codice catastale", "belfiore"]),
      col("regionCode", "Codice Regione", "text", true, "Codice ISTAT della regione (2 cifre).", ["codice regione", "cod_reg"]),
      col("regionName", "Denominazione Regione", "text", true, "Nome della regione.", ["regione", "denominazione regione"]),
    ],
    examples: [
      ["055022", "Narni", "TR", "F844", "10", "Umbria"],
      ["054039", "Perugia", "PG", "G478", "10", "Umbria"],
    ],
  }),
  indicatori: kind({
    kind: "indicatori",
    needsZone: false,
    allowExtraColumns: false,
    columns: [
      col("code", "codice", "code", true, "Codice dell'indicatore: lettere maiuscole, cifre e _ (es. POP_TOT).", ["codice indicatore", "indicatore"]),
      col("name", "nome", "text", true, "Nome in italiano.", ["denominazione", "descrizione breve"]),
      col("theme", "tema", "enum", true, `Uno tra: ${THEMES.join(", ")}.`, ["area", "ambito"], Object.fromEntries(THEMES.map((t) => [t, [t, t === "fragilita" ? "fragilità" : t === "qualita" ? "qualità" : t]]))),
      col("unit", "unita", "text", true, "Unità di misura (persone, %, per 1.000 ab., €…).", ["unità", "unità di misura", "unita di misura"]),
      col("polarity", "polarita", "polarity", true, "+1 se più alto è meglio, -1 se più basso è meglio, 0 se neutro.", ["polarità", "verso"], POLARITY_VALUES),
      col("aggregation", "aggregazione", "enum", true, `Regola per la zona: ${AGGREGATIONS.join(", ")}.`, ["regola di aggregazione"], {
        sum: ["sum", "somma"],
        ratio: ["ratio", "rapporto", "rapporto di somme"],
        weighted_mean: ["weighted_mean", "media ponderata", "media pesata"],
        none: ["none", "nessuna", "non aggregabile"],
      }),
      col("numerator", "numeratore", "code", false, "Codice dell'indicatore al numeratore (indicatori derivati).", []),
      col("denominator", "denominatore", "code", false, "Codice dell'indicatore al denominatore (indicatori derivati).", []),
      col("scale", "scala", "number", false, "Fattore di scala del rapporto (100 per %, 1000 per mille).", ["fattore di scala"]),
      col("isCountOfPeople", "conteggio_persone", "boolean", false, "sì se conta persone (si oscurano i valori sotto la soglia della zona, 3 se non cambiata, nei report pubblici); per un rapporto importato con numeratore e denominatore, sì se il numeratore conta persone (il rapporto si oscura con il suo numeratore).", ["conteggio di persone"]),
      limited(col("decimals", "decimali", "integer", false, "Cifre decimali da mostrare (0–6).", []), { numeric: DECIMALS }),
      col("source", "fonte", "text", false, "Fonte dei dati.", []),
      col("description", "descrizione", "text", false, "Come si calcola, in una frase.", ["note"]),
      col("validMin", "minimo", "number", false, "Valore minimo plausibile: un valore importato sotto il minimo è rifiutato.", ["valore minimo", "min"]),
      col("validMax", "massimo", "number", false, "Valore massimo plausibile (per una percentuale sostituisce 100, per esempio per una variazione che può superarlo).", ["valore massimo", "max"]),
      col("zoneRow", "valore_zona", "enum", false, "Che cosa è un valore dell'intera zona (dell'ATS): «componente» si somma ai comuni (es. assistenti sociali dell'ATS, solo per i conteggi), «alternativo» è il totale della zona usato solo quando nessun comune ha il dato (predefinito).", ["valore di zona", "riga di zona"], {
        component: ["componente", "component", "si somma", "somma ai comuni"],
        alternative: ["alternativo", "alternative", "totale alternativo"],
      }),
    ],
    examples: [
      ["UTENTI_CD", "Utenti dei centri diurni", "qualita", "persone", "0", "sum", "", "", "", "sì", "0", "Ufficio di Piano", "Persone che hanno frequentato un centro diurno nell'anno.", "", "", "alternativo"],
      ["TASSO_UTENTI_CD", "Utenti dei centri diurni per 1.000 anziani", "qualita", "per 1.000 anziani", "1", "ratio", "UTENTI_CD", "POP_65_PLUS", "1000", "no", "1", "Ufficio di Piano", "Utenti dei centri diurni ogni 1.000 residenti di 65 anni e oltre.", "0", "1000", ""],
    ],
  }),
  valori: kind({
    kind: "valori",
    needsZone: true,
    allowExtraColumns: false,
    columns: [
      col("indicator", "indicatore", "code", true, "Codice dell'indicatore del catalogo (es. POP_TOT).", ["codice indicatore", "cod_indicatore"]),
      comuneColumn(true, "Codice ISTAT, codice catastale o nome del comune; «zona» per un valore dell'intera zona."),
      comuneNameColumn(),
      col("period", "periodo", "period", true, "Anno (2024), trimestre (2024-T1, I trimestre 2024) o mese (2024-03, 03/2024).", ["anno", "anno di riferimento", "periodo di riferimento", "data", "time_period"]),
      VALORI_VALUE_COLUMN,
      col("numerator", "numeratore", "number", false, "Per i rapporti: il numeratore.", []),
      col("denominator", "denominatore", "number", false, "Per i rapporti: il denominatore.", []),
      col("service", "servizio", "code", false, "Codice del servizio, per le misure di qualità di un servizio.", ["codice servizio"]),
    ],
    examples: [
      ["POP_TOT", "055022", "Narni", "2024", "19.313", "", "", ""],
      ["POP_65_PLUS", "Narni", "", "2024", "5.735", "", "", ""],
      ["UTENTI_SAD", "055004", "Amelia", "2024", "42", "", "", "SAD_ANZIANI"],
    ],
  }),
  obiettivi: kind({
    kind: "obiettivi",
    needsZone: true,
    allowExtraColumns: false,
    columns: [
      col("indicator", "indicatore", "code", true, "Codice dell'indicatore del catalogo.", ["codice indicatore"]),
      comuneColumn(false, "Vuoto o «zona» per un obiettivo di zona; altrimenti il comune."),
      comuneNameColumn(),
      col("service", "servizio", "code", false, "Codice del servizio, per gli standard della carta dei servizi.", []),
      col("plan", "piano", "text", false, "Edizione del Piano sociale di zona, es. 2024-2026: se non esiste ancora viene creata.", ["psz", "piano sociale di zona"]),
      col("baselineYear", "anno_base", "year", false, "Anno del valore di partenza.", ["anno di base", "anno baseline"]),
      col("baselineValue", "valore_base", "number", false, "Valore di partenza.", ["valore di base", "baseline"]),
      col("targetYear", "anno_obiettivo", "year", true, "Anno entro cui raggiungere l'obiettivo.", ["anno target", "scadenza"]),
      col("targetValue", "valore_obiettivo", "number", true, "Valore da raggiungere (per una soglia: la soglia).", ["target", "obiettivo"]),
      col("legalSource", "fonte_normativa", "text", false, "Norma che fissa la soglia (per i LEPS).", ["riferimento normativo", "norma"]),
      col("note", "note", "text", false, "Note libere.", []),
      col("kind", "tipo", "enum", false, "traiettoria (predefinito: un percorso dal valore base all'obiettivo), soglia_minima o soglia_massima (un minimo o un massimo che vale in ogni anno, come i LEPS).", ["tipo obiettivo", "tipologia"], TARGET_KIND_VALUES),
      col("milestones", "tappe", "text", false, "Tappe intermedie di una traiettoria: anno: valore, separate da punto e virgola o da | (es. 2025: 5.500 | 2026: 5.200); in un file separato da punto e virgola la cella va tra virgolette.", ["tappe intermedie", "valori intermedi"]),
      col("tolerance", "tolleranza", "number", false, "Per un obiettivo di mantenimento (valore base = obiettivo): peggioramento accettato, nell'unità dell'indicatore (predefinita il 5% dell'obiettivo).", []),
      col("provenance", "provenienza", "enum", false, "Da dove viene l'obiettivo: psz (delibera del Piano), leps (livello essenziale nazionale), regionale (norma regionale) o lavoro (valore di lavoro dell'Ufficio di Piano). Se vuota: leps con una fonte normativa, psz con un piano, altrimenti lavoro.", ["origine", "fonte obiettivo"], PROVENANCE_VALUES),
      col("objective", "codice_obiettivo", "code", false, "Codice dell'obiettivo del piano a cui il target appartiene (es. OB1); l'obiettivo è creato alla prima riga che lo nomina con area e titolo.", ["id obiettivo", "cod obiettivo", "codice dell'obiettivo"]),
      col("area", "area", "enum", false, "Area dell'obiettivo: famiglia e minori, disabili, dipendenze, anziani, immigrati, povertà, multiutenza, sistema e governance.", ["area di utenza", "area utenza"], OBJECTIVE_AREA_VALUES),
      col("objectiveTitle", "titolo_obiettivo", "text", false, "Titolo dell'obiettivo.", ["titolo"]),
      col("objectiveDescription", "descrizione_obiettivo", "text", false, "Descrizione dell'obiettivo.", ["descrizione"]),
      col("office", "ufficio_responsabile", "text", false, "Ufficio responsabile dell'obiettivo.", ["responsabile", "ufficio"]),
      col("planName", "nome_piano", "text", false, "Nome dell'edizione del piano, quando la si crea (predefinito «Piano sociale di zona 2024–2026»).", ["denominazione piano"]),
      col("actType", "tipo_atto", "enum", false, "Atto di adozione del piano: accordo_di_programma o deliberazione.", ["atto di adozione"], ACT_TYPE_VALUES),
      col("actNumber", "numero_atto", "text", false, "Numero dell'atto di adozione.", ["n. atto", "numero atto di adozione"]),
      col("actDate", "data_atto", "date", false, "Data dell'atto di adozione (gg/mm/aaaa).", ["data di adozione", "data adozione"]),
    ],
    examples: [
      ["RESIDENTI_PER_AS", "zona", "", "", "2024-2026", "2023", "5.900", "2026", "5.000", "L. 178/2020 c.797", "LEPS assistenti sociali", "soglia_massima", "", "", "leps", "OB7", "sistema_governance", "Rafforzare il servizio sociale professionale", "Almeno un assistente sociale ogni 5.000 residenti.", "Ufficio di Piano", "", "accordo_di_programma", "12", "27/06/2024"],
      ["COPERTURA_NIDI", "Narni", "", "", "2024-2026", "2023", "24,5", "2027", "33", "L. 234/2021", "", "traiettoria", "2025: 28,9", "", "leps", "OB1", "famiglia_minori", "Più posti nei servizi per la prima infanzia", "", "Servizi educativi", "", "", "", ""],
    ],
  }),
  servizi: kind({
    kind: "servizi",
    needsZone: true,
    allowExtraColumns: false,
    columns: [
      col("code", "codice", "code", true, "Codice del servizio nella zona (es. SAD_ANZIANI).", ["codice servizio"]),
      col("name", "nome", "text", true, "Nome del servizio.", ["denominazione", "servizio"]),
      col("area", "area_utenza", "enum", true, "Area di utenza ISTAT: famiglia e minori, disabili, dipendenze, anziani, immigrati, povertà, multiutenza.", ["area di utenza", "area"], AREA_VALUES),
      col("spendingType", "tipo_spesa", "enum", true, "Interventi e servizi, trasferimenti in denaro oppure strutture.", ["tipologia di spesa", "macroarea"], SPENDING_VALUES),
      col("managingBody", "ente_gestore", "text", false, "Chi gestisce il servizio.", ["gestore", "ente"]),
      col("category", "categoria_istat", "enum", false, `Categoria del servizio nell'indagine ISTAT sugli interventi e servizi sociali dei comuni (CATEGORY_OF_SERVICE): ${ISTAT_SERVICE_CATEGORIES.map((c) => c.code).join(", ")}.`, ["categoria", "categoria di servizio", "category_of_service"], CATEGORY_VALUES),
      limited(col("nomenclatoreCode", "codice_nomenclatore", "text", false, "Codice del servizio nel nomenclatore regionale o nazionale (es. B1.01).", ["nomenclatore", "codice nomenclatore"]), { maxLength: CODE_LENGTH }),
      col("nomenclatoreFrom", "inizio_validita", "date", false, "Da quando vale il codice del nomenclatore (gg/mm/aaaa).", ["data inizio validità", "valido dal"]),
      col("nomenclatoreTo", "fine_validita", "date", false, "Fino a quando vale il codice del nomenclatore (gg/mm/aaaa); vuoto se vale ancora.", ["data fine validità", "valido fino al"]),
      col("managementMode", "modalita_gestione", "enum", false, "Gestione diretta, appalto, convenzione oppure accreditamento/voucher.", ["modalità di gestione", "gestione", "forma di gestione"], MANAGEMENT_VALUES),
      col("comuni", "comuni", "text", false, "Comuni in cui è erogato, per codice ISTAT o nome, separati da punto e virgola o da | (in un file separato da punto e virgola la cella va tra virgolette); vuoto = tutta la zona.", ["comuni di erogazione", "territorio di erogazione"]),
      col("sedi", "sedi", "text", false, "Sedi del servizio, separate da | (es. Centro diurno Il Girasole | Sede di Amelia).", ["sede", "sedi di erogazione"]),
    ],
    examples: [
      ["SAD_ANZIANI", "Assistenza domiciliare anziani", "anziani", "interventi_servizi", "Comune di Narni (capofila)", "HOMECARE", "A1.02", "01/01/2024", "", "appalto", "", "Ufficio della Cittadinanza di Narni"],
      ["CONTRIBUTI_ECON", "Contributi economici", "poverta", "trasferimenti", "Comune di Narni (capofila)", "", "", "", "", "diretta", "055022 | 055004", ""],
    ],
  }),
  bilancio: kind({
    kind: "bilancio",
    needsZone: true,
    allowExtraColumns: false,
    columns: [
      col("year", "anno", "year", true, "Esercizio finanziario.", ["esercizio"]),
      col("service", "servizio", "code", true, "Codice del servizio (vedi i dati «servizi»).", ["codice servizio"]),
      col("funding", "fonte", "code", true, "Fonte di finanziamento: FNPS, FONDO_POVERTA, FNA, DOPO_DI_NOI, PNRR_M5C2_…, FSE_PLUS, REGIONE, COMUNI, COMPARTECIPAZIONE, SSN (quota sanitaria), ALTRO.", ["fonte di finanziamento", "fondo"]),
      comuneColumn(false, "Vuoto per la spesa di zona; altrimenti il comune."),
      comuneNameColumn(),
      limited(col("stanziato", "stanziato", "number", true, "Stanziamento in euro.", ["stanziamento", "previsione"]), { numeric: MONEY }),
      limited(col("impegnato", "impegnato", "number", true, "Impegni in euro.", ["impegni", "impegno"]), { numeric: MONEY }),
      limited(col("liquidato", "liquidato", "number", false, "Liquidazioni in euro.", ["liquidazioni", "liquidazione"]), { numeric: MONEY }),
      limited(col("pagato", "pagato", "number", true, "Pagamenti (mandati) in euro.", ["pagamenti", "mandati", "pagamento"]), { numeric: MONEY }),
      col("deadline", "scadenza", "date", false, "Scadenza di rendicontazione (gg/mm/aaaa).", ["scadenza rendicontazione", "termine"]),
      col("referenceDate", "situazione_al", "date", false, "Data della situazione contabile (gg/mm/aaaa), per esempio 30/06/2025; vuoto = 31/12 dell'esercizio (rendiconto). Gli importi sono cumulati a quella data: ogni data è una nuova situazione della stessa riga, le precedenti restano.", ["data situazione", "situazione al", "data di riferimento", "alla data"]),
      limited(col("project", "progetto", "text", false, "Progetto PNRR (CUP o codice del progetto) quando lo stesso fondo finanzia più progetti.", ["cup", "codice progetto", "progetto pnrr"]), { maxLength: 64 }),
      limited(col("residuiIniziali", "residui_iniziali", "number", false, "Residui passivi all'inizio dell'esercizio, in euro.", ["residui passivi iniziali", "residui iniziali", "residui al 1/1"]), { numeric: MONEY }),
      limited(col("pagatoResidui", "pagato_residui", "number", false, "Pagamenti in conto residui, in euro (non superano i residui iniziali).", ["pagamenti in conto residui", "pagato in conto residui", "pagamenti residui"]), { numeric: MONEY }),
      limited(col("disimpegnoReason", "motivo_disimpegno", "text", false, "Obbligatorio quando l'impegnato o il liquidato è più basso della situazione precedente della stessa riga (disimpegno): perché.", ["motivo disimpegno", "motivazione disimpegno", "disimpegno"]), { maxLength: 500 }),
    ],
    examples: [
      ["2024", "SAD_ANZIANI", "FNA", "", "", "120.000,00", "115.500,00", "98.000,00", "90.250,50", "31/12/2025", "31/12/2024", "", "35.000,00", "30.000,00", ""],
      ["2024", "PIPPI", "PNRR_M5C2_1_1_1", "", "", "211.500,00", "150.000,00", "80.000,00", "62.000,00", "30/06/2026", "30/06/2025", "J51H22000010006", "", "", ""],
      ["2024", "PIPPI", "PNRR_M5C2_1_1_1", "", "", "211.500,00", "140.000,00", "95.000,00", "90.000,00", "30/06/2026", "31/12/2025", "J51H22000010006", "", "", "Economia di gara: ribasso d'asta sull'affidamento"],
    ],
  }),
  risorse: kind({
    kind: "risorse",
    needsZone: true,
    allowExtraColumns: false,
    columns: [
      col("kind", "tipo", "enum", true, "ufficio_cittadinanza, struttura, associazione, volontariato, sportello o altro.", ["tipologia"], RESOURCE_KIND_VALUES),
      limited(col("name", "nome", "text", true, "Nome della risorsa o della sede.", ["denominazione"]), { maxLength: KEY_TEXT_LENGTH }),
      comuneColumn(true, "Comune della sede."),
      comuneNameColumn(),
      col("address", "indirizzo", "text", false, "Via e numero civico.", ["sede"]),
      col("postalCode", "cap", "text", false, "Codice di avviamento postale.", ["c.a.p."]),
      col("phone", "telefono", "text", false, "Telefono.", ["tel", "tel."]),
      col("fax", "fax", "text", false, "Fax.", []),
      col("email", "email", "text", false, "Posta elettronica.", ["e-mail", "mail", "pec"]),
      col("openingHours", "orari", "text", false, "Orari di apertura.", ["orario", "orari di apertura"]),
      limited(col("capacity", "capienza", "integer", false, "Posti disponibili (strutture).", ["posti", "capacità"]), { numeric: CAPACITY }),
      col("source", "fonte", "text", false, "Da dove viene l'informazione.", []),
    ],
    examples: [
      ["ufficio_cittadinanza", "Ufficio della Cittadinanza – sede di Narni", "055022", "Narni", "Piazza dei Priori, 1", "05035", "0744 000000", "", "", "lun. e gio. 9.00–12.00", "", "Ufficio di Piano"],
      ["struttura", "Centro diurno Il Girasole", "Amelia", "", "Via Roma, 10", "05022", "", "", "", "lun.–ven. 8.30–16.30", "20", ""],
    ],
  }),
  leps: kind({
    kind: "leps",
    needsZone: true,
    allowExtraColumns: false,
    columns: [
      col("item", "voce", "enum", true, `Il LEPS, per codice o per nome: ${LEPS_ITEMS.map((i) => i.code).join(", ")}.`, ["leps", "codice voce", "codice leps", "livello essenziale"], LEPS_ITEM_VALUES),
      col("state", "stato", "enum", true, "attivo, in avvio o non attivo.", ["stato di attuazione", "attuazione"], LEPS_STATE_VALUES),
      col("evidence", "evidenza", "text", false, "Che cosa lo attesta (atto, convenzione, servizio).", ["evidenze", "descrizione", "note"]),
      limited(col("evidenceUrl", "collegamento", "text", false, "Indirizzo dell'evidenza (https://…).", ["link", "url", "indirizzo"]), { maxLength: 500 }),
      col("assessedOn", "data", "date", true, "Data a cui si riferisce lo stato (gg/mm/aaaa), non nel futuro.", ["data rilevazione", "data di rilevazione", "aggiornato al"]),
    ],
    examples: [
      ["pronto_intervento", "attivo", "Convenzione con la cooperativa per il servizio 24 ore su 24", "https://example.org/delibera-12", "30/06/2025"],
      ["Dimissioni protette", "in avvio", "Protocollo con l'azienda sanitaria in firma", "", "30/06/2025"],
    ],
  }),
  personale: kind({
    kind: "personale",
    needsZone: true,
    allowExtraColumns: false,
    columns: [
      col("asOf", "data", "date", true, "Data a cui si riferisce il personale (gg/mm/aaaa), di solito il 31 dicembre.", ["data di riferimento", "al", "data rilevazione"]),
      col("profile", "profilo", "enum", true, "assistente sociale, educatore professionale, psicologo, amministrativo, mediatore, OSS o altro.", ["profilo professionale", "qualifica"], STAFF_PROFILE_VALUES),
      col("employer", "datore_di_lavoro", "enum", true, "Chi impiega la persona: comune, ATS/capofila, azienda sanitaria, terzo settore o altro. Per il LEPS contano solo gli assistenti sociali di comuni e ATS.", ["datore di lavoro", "ente di appartenenza", "dipendente di"], STAFF_EMPLOYER_VALUES),
      { ...comuneColumn(false, "Per il datore «comune»: quale comune (codice ISTAT o nome); vuoto negli altri casi."), label: "comune_datore", aliases: ["comune_datore", "comune", "comune datore", "comune di appartenenza"] },
      col("service", "servizio", "code", false, "Codice del servizio (vedi i dati «servizi»); vuoto per il personale trasversale.", ["codice servizio"]),
      limited(col("sede", "sede", "text", false, "Sede di lavoro.", ["sede di lavoro"]), { maxLength: KEY_TEXT_LENGTH }),
      limited(col("fte", "fte", "number", true, "Tempi pieni equivalenti (un tempo pieno = 1; 18 ore su 36 = 0,5).", ["tempo pieno equivalente", "equivalenti tempo pieno", "etp"]), { numeric: FTE }),
    ],
    examples: [
      ["31/12/2024", "assistente sociale", "ats", "", "SERV_SOC_PROF", "Ufficio della Cittadinanza di Narni", "3"],
      ["31/12/2024", "assistente sociale", "comune", "Amelia", "SERV_SOC_PROF", "Ufficio della Cittadinanza di Amelia", "1,5"],
      ["31/12/2024", "OSS", "terzo settore", "", "SAD_ANZIANI", "", "6,5"],
    ],
  }),
  isee: kind({
    kind: "isee",
    needsZone: true,
    allowExtraColumns: false,
    columns: [
      col("year", "anno", "year", true, "Anno a cui si riferiscono gli utenti.", ["esercizio"]),
      col("service", "servizio", "code", true, "Codice del servizio (vedi i dati «servizi»).", ["codice servizio"]),
      limited(col("iseeFrom", "isee_inizio", "number", false, "Utenti per fascia: ISEE di inizio della fascia (compreso), in euro.", ["isee minimo", "inizio fascia", "limite inferiore"]), { numeric: ISEE }),
      limited(col("iseeTo", "isee_fine", "number", false, "Utenti per fascia: ISEE di fine della fascia (escluso), in euro; vuoto per l'ultima fascia, aperta.", ["isee massimo", "fine fascia", "limite superiore"]), { numeric: ISEE }),
      limited(col("users", "utenti", "integer", false, "Utenti per fascia: numero di utenti della fascia.", ["numero utenti", "n. utenti", "utenti fascia"]), { numeric: USERS }),
      limited(col("exempt", "esenti", "integer", false, "Utenti per fascia: quanti utenti della fascia sono esenti per altri motivi (non superano gli utenti); vuoto = 0.", ["utenti esenti", "di cui esenti"]), { numeric: USERS }),
      limited(col("isee", "isee", "number", false, "Un utente per riga (anonimo, senza nome né codice fiscale): il suo ISEE in euro. In alternativa alle colonne della fascia.", ["valore isee", "isee utente", "isee ordinario"]), { numeric: ISEE }),
      col("exemptUser", "esente", "boolean", false, "Un utente per riga: sì se è esente per altri motivi.", ["utente esente"]),
    ],
    examples: [
      ["2025", "SAD_ANZIANI", "0", "3.000", "14", "2", "", ""],
      ["2025", "SAD_ANZIANI", "3.000", "6.000", "22", "1", "", ""],
      ["2025", "SAD_ANZIANI", "20.000", "", "6", "0", "", ""],
      ["2025", "CENTRO_DIURNO", "", "", "", "", "8.450,00", "no"],
      ["2025", "CENTRO_DIURNO", "", "", "", "", "0", "sì"],
    ],
  }),
  zone: kind({
    kind: "zone",
    needsZone: false,
    allowExtraColumns: false,
    columns: [
      limited(col("officialCode", "codice_ats", "text", true, "Codice della zona sociale o ATS come lo indica la Regione o il Ministero (per esempio «ATS 3», «Ambito di Bergamo»): unico nella regione.", ["codice ambito", "codice ats", "codice ministeriale", "codice zona sociale", "ambito"]), { maxLength: CODE_LENGTH }),
      limited(col("number", "numero", "integer", true, "Numero della zona nella regione, da 1 a 999: con la sigla della regione dà il codice dell'Osservatorio (regione 10, numero 11 → UMB-11; regione 03, numero 7 → LOM-07).", ["numero zona", "numero ambito", "n. zona", "zona numero", "zona_numero"]), { numeric: ZONE_NUMBER }),
      limited(col("name", "nome_zona", "text", true, "Nome della zona (per esempio «Zona sociale 11 – Narni»).", ["nome zona", "denominazione zona", "nome ambito", "denominazione ambito", "zona sociale", "zona_nome"]), { maxLength: KEY_TEXT_LENGTH }),
      limited(col("regionCode", "regione", "text", true, "Codice ISTAT della regione (2 cifre: 03 Lombardia, 10 Umbria).", ["codice regione", "cod_reg", "codice istat regione"]), { maxLength: 3 }),
      limited(col("capofila", "capofila", "text", true, "Codice ISTAT del comune capofila: deve essere tra i comuni della zona.", ["comune capofila", "capofila istat", "capofila_istat", "codice capofila"]), { maxLength: 10 }),
      limited(col("comune", "comune", "text", true, "Codice ISTAT del comune che fa parte della zona (una riga per comune e periodo).", ["codice istat", "istat", "codice comune", "codice istat comune", "pro_com_t", "comune membro"]), { maxLength: 10 }),
      col("validFrom", "data_inizio", "date", false, "Primo giorno in cui il comune è della zona (gg/mm/aaaa); vuoto: da sempre.", ["inizio", "inizio validità", "decorrenza", "in vigore dal"]),
      col("validTo", "data_fine", "date", false, "Ultimo giorno in cui il comune è della zona (gg/mm/aaaa); vuoto: ancora oggi. Un anno conta nella zona di cui il comune fa parte il 31 dicembre.", ["fine", "fine validità", "cessazione", "termine"]),
      limited(col("part", "parte", "text", false, "Per una città divisa tra più zone: il nome della parte (municipio, quartiere); vuoto per il comune intero.", ["parte del comune", "municipio", "quartiere", "circoscrizione"]), { maxLength: KEY_TEXT_LENGTH }),
      limited(col("share", "quota", "number", false, "Per una parte: la sua quota del comune (da 0 a 1, per esempio 0,25 della popolazione).", ["quota della parte", "peso", "quota popolazione"]), { numeric: SHARE }),
      limited(col("successor", "successore", "text", false, "Per un comune soppresso da una fusione ISTAT: il codice ISTAT del comune in cui è confluito, dal giorno dopo «data_fine».", ["comune successore", "fuso in", "confluito in", "successore_istat"]), { maxLength: 10 }),
    ],
    examples: [
      ["ATS-BG-01", "1", "Ambito di Albino", "03", "016004", "016004", "", "", "", "", ""],
      ["ATS-BG-01", "1", "Ambito di Albino", "03", "016004", "016008", "", "31/12/2021", "", "", ""],
      ["ATS-BG-02", "2", "Ambito di Almè", "03", "016005", "016005", "", "", "", "", ""],
      ["ATS-BG-02", "2", "Ambito di Almè", "03", "016005", "016008", "01/01/2022", "", "", "", ""],
      ["ATS-MI-01", "3", "Ambito di Milano centro", "03", "015146", "015146", "", "", "Municipi 1-4", "0,4", ""],
    ],
  }),
} satisfies Record<KindSpec["kind"], KindSpec>;

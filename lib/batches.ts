/**
 * Codes stored in import_batch (checked by SQL constraints, tested against them
 * in tests/integration/enums.test.ts). db/schema.ts takes its column types from here.
 */

/** Dataset kinds a file can be imported as. */
export const DATASET_KINDS = ["comuni", "indicatori", "valori", "obiettivi", "servizi", "bilancio", "risorse", "confini", "leps", "personale", "isee", "zone"] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

/** Every kind a batch records: the datasets, plus the demo and the reference loads. */
export const IMPORT_KINDS = [...DATASET_KINDS, "demo", "riferimento"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** "applying": a `valori` import is writing its rows in chunks, invisible to readers until "committed". */
export const BATCH_STATUSES = ["previewed", "applying", "committed", "reverted", "failed"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

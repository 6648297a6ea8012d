/** The rows' COPY form shared by tests/bench/import.ts and import-run.ts. */

/** The columns of the COPY file, as observation types them, for a table without any index, key or constraint. */
export const BARE_TABLE_COLUMNS =
  "indicator_code text, zone_code text, comune_istat text, period text, period_type text, period_start date, period_end date, year smallint, value numeric, batch_id bigint";

/** The observation columns the COPY file fills, in its order. */
export const COPY_COLUMNS = "indicator_code, zone_code, comune_istat, period, period_type, period_start, period_end, year, value, batch_id";

/** The batch the COPY file's rows name: created with this id before `\copy` into observation. */
export const COPY_BATCH_ID = 999_999_999;

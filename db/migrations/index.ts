import type { Migration } from "kysely/migration";
import * as m0001 from "./0001_core";
import * as m0002 from "./0002_auth";
import * as m0003 from "./0003_boundaries";
import * as m0006 from "./0006_zone_row_role";
import * as m0005 from "./0005_token_grants";
import * as m0007 from "./0007_indicator_valid_range";
import * as m0004 from "./0004_app_secret";
import * as m0008 from "./0008_zone_disclosure_threshold";
import * as m0009 from "./0009_batch_applying";
import * as m0010 from "./0010_observation_missing_reason";
import * as m0011 from "./0011_column_mapping";
import * as m0012 from "./0012_plan_structure";
import * as m0013 from "./0013_leps_checklist";
import * as m0014 from "./0014_notes";
import * as m0015 from "./0015_leps_import";
import * as m0016 from "./0016_services";
import * as m0017 from "./0017_budget_snapshots";
import * as m0025 from "./0025_zone_aggregate";
import * as m0020 from "./0020_reports";
import * as m0018 from "./0018_ssn_funding";
import * as m0026 from "./0026_zone_keys";
import * as m0028 from "./0028_zone_membership";
import * as m0023 from "./0023_user_comune";
import * as m0019 from "./0019_copayment";
import * as m0029 from "./0029_zone_import_kind";
import * as m0021 from "./0021_zone_aggregate_sources";

/**
 * Migrations are listed here, not read from the folder, so that the same set
 * runs from the CLI (tsx), the tests (vitest) and the bundled Next server.
 * Add new files at the end; never edit a landed one.
 */
export const migrations: Record<string, Migration> = {
  "0001_core": m0001,
  "0002_auth": m0002,
  "0003_boundaries": m0003,
  "0006_zone_row_role": m0006,
  "0005_token_grants": m0005,
  "0007_indicator_valid_range": m0007,
  "0004_app_secret": m0004,
  "0008_zone_disclosure_threshold": m0008,
  "0009_batch_applying": m0009,
  "0010_observation_missing_reason": m0010,
  "0011_column_mapping": m0011,
  "0012_plan_structure": m0012,
  "0013_leps_checklist": m0013,
  "0014_notes": m0014,
  "0015_leps_import": m0015,
  "0016_services": m0016,
  "0017_budget_snapshots": m0017,
  "0025_zone_aggregate": m0025,
  "0020_reports": m0020,
  "0018_ssn_funding": m0018,
  "0026_zone_keys": m0026,
  "0028_zone_membership": m0028,
  "0023_user_comune": m0023,
  "0019_copayment": m0019,
  "0029_zone_import_kind": m0029,
  "0021_zone_aggregate_sources": m0021,
};

/**
 * How the tables distribute on Citus (issue 18; docs/distribuzione.md): the
 * one list the schema test (tests/unit/code/schema-rules.test.ts) and the
 * deployment notes read. Every table of the schema is in exactly one list.
 *
 * - zone-owned: distributed by `zone_code` (`create_distributed_table(t,
 *   'zone_code', colocate_with => 'zone_aggregate')`); zone_code is not null,
 *   in the primary key and in every unique index; a foreign key to another
 *   zone-owned table is composite and includes zone_code; they reference
 *   only zone-owned or reference tables.
 * - reference: copied to every node (`create_reference_table(t)`); small,
 *   shared by every zone; they never reference a zone-owned table.
 * - local: stay on the coordinator (accounts, sessions, tokens, secrets, the
 *   audit log, saved column mappings, migration bookkeeping): never read by a
 *   zone's hot path together with zone-owned rows, never referenced by them.
 */
export const ZONE_OWNED_TABLES = [
  "observation",
  "zone_aggregate",
  "zone_aggregate_source",
  "service",
  "staff_position",
  "budget_line",
  "isee_distribution",
  "copayment_proposal",
  "plan",
  "plan_objective",
  "target",
  "resource",
  "leps_item",
  "note",
  "report",
  "report_text",
  "report_edition",
  "report_edition_batch",
] as const;

export const REFERENCE_TABLES = ["region", "zone", "comune", "zone_membership", "comune_boundary", "indicator", "funding_source", "service_category", "import_batch"] as const;

export const LOCAL_TABLES = [
  "auth_user",
  "auth_session",
  "auth_account",
  "auth_verification",
  "auth_rate_limit",
  "user_zone",
  "user_region",
  "user_comune",
  "api_token",
  "login_attempt",
  "app_secret",
  "audit_event",
  "column_mapping",
  "kysely_migration",
  "kysely_migration_lock",
] as const;

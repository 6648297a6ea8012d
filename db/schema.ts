import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { BatchStatus, ImportKind } from "@/lib/batches";
import type { Aggregation, Polarity, Theme, ZoneRowRole } from "@/lib/catalog/schema";
import type { ResourceKind } from "@/lib/catalog/resource-kinds";
import type { ServiceArea, SpendingType } from "@/lib/catalog/service-areas";
import type { PeriodType } from "@/lib/periods";
import type { ObjectiveArea, PlanActType, TargetProvenance } from "@/lib/targets/plan";
import type { Milestone, TargetKind } from "@/lib/targets/status";
import type { LepsItemCode, LepsItemState } from "@/lib/leps/items";
import type { NoteSubjectKind } from "@/lib/notes";
import type { CopaymentRule } from "@/lib/copayment/rules";
import type { IseeDistribution } from "@/lib/copayment/simulate";
import type { DistributionSource } from "@/lib/copayment/proposal";

// The enumerated codes come from the TypeScript constants of lib/ (one source per
// enum); tests/integration/enums.test.ts checks the SQL constraints accept exactly them.
export type { BatchStatus, ImportKind, PeriodType, Polarity, ResourceKind };
export type AggregationRule = Aggregation;
export type IndicatorTheme = Theme;

/**
 * Table types for kysely. Numeric columns come back as strings from both pg and
 * PGlite, and bigint identities as string (pg) or number (PGlite): query
 * functions convert them with `toNumber` before returning, pages never see them.
 */
type Numeric = ColumnType<string, number | string, number | string>;
type NullableNumeric = ColumnType<string | null, number | string | null, number | string | null>;
type Id = ColumnType<string | number, never, never>;
type RefId = ColumnType<string | number, number | string, number | string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<Date | string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface RegionTable {
  code: string;
  name: string;
}

export interface ZoneTable {
  code: string;
  number: number;
  name: string;
  region_code: string;
  capofila_istat: string;
  /** Counts of people below it are withheld from protected readers (migration 0008; 3–20, default 3). */
  disclosure_threshold: ColumnType<number, number | undefined, number>;
  /** The ATS code as the Region or the Ministry names it (migration 0028). */
  official_code: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * Which zone a comune belonged to and when (migration 0028): inclusive days,
 * null for since always / still valid; part '' is the whole comune, otherwise
 * a named part of a city split into several ATS, with its share.
 */
export interface ZoneMembershipTable {
  id: Id;
  comune_istat: string;
  zone_code: string;
  part: ColumnType<string, string | undefined, string>;
  share: ColumnType<string | number | null, string | number | null | undefined, string | number | null>;
  valid_from: ColumnType<Date | string | null, string | null | undefined, string | null>;
  valid_to: ColumnType<Date | string | null, string | null | undefined, string | null>;
}

export interface ComuneTable {
  istat: string;
  name: string;
  province: string;
  cadastral_code: string | null;
  region_code: string;
  zone_code: string | null;
  suppressed_on: ColumnType<Date | string | null, string | null, string | null>;
  successor_istat: string | null;
  updated_at: Timestamp;
}

export interface ImportBatchTable {
  id: Id;
  kind: ImportKind;
  zone_code: string | null;
  file_name: string;
  file_hash: string;
  file_size: ColumnType<string | number | null, number | null, number | null>;
  encoding: string | null;
  delimiter: string | null;
  format: string | null;
  status: BatchStatus;
  user_label: string | null;
  created_at: Generated<Date>;
  committed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  reverted_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  rows_read: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  report: Json<unknown>;
}

export interface IndicatorTable {
  code: string;
  name: string;
  theme: IndicatorTheme;
  unit: string;
  polarity: Polarity;
  aggregation: AggregationRule;
  /** What a zone-level row means: added to the comuni, or the zone total used when no comune has data. */
  zone_row: Generated<ZoneRowRole>;
  numerator_code: string | null;
  numerator_plus_codes: string[] | null;
  denominator_code: string | null;
  scale: NullableNumeric;
  /** Optional valid range of imported values (migration 0007). */
  valid_min: NullableNumeric;
  valid_max: NullableNumeric;
  is_count_of_people: Generated<boolean>;
  decimals: Generated<number>;
  source: string | null;
  description: string | null;
  batch_id: RefId | null;
}

export interface ServiceTable {
  id: Id;
  zone_code: string;
  code: string;
  name: string;
  area: ServiceArea;
  spending_type: SpendingType;
  managing_body: string | null;
  /** ISTAT survey category (service_category, lib/services/categories.ts). */
  category_code: Generated<string | null>;
  nomenclatore_code: Generated<string | null>;
  nomenclatore_from: ColumnType<Date | string | null, string | null | undefined, string | null>;
  nomenclatore_to: ColumnType<Date | string | null, string | null | undefined, string | null>;
  management_mode: Generated<string | null>;
  /** ISTAT codes of the comuni where it is delivered; [] = the whole zone. */
  comuni: ColumnType<unknown, string | undefined, string>;
  /** Names of its sedi. */
  sedi: ColumnType<unknown, string | undefined, string>;
  batch_id: RefId | null;
  replaced_by_batch: RefId | null;
}

export interface ServiceCategoryTable {
  code: string;
  name: string;
  source: string;
}

/** Staff of the services at a date (import kind `personale`), versioned. */
export interface StaffPositionTable {
  zone_code: string;
  id: Id;
  as_of: DateOnly;
  profile: string;
  employer: string;
  employer_comune: string | null;
  service_code: string | null;
  sede: string | null;
  fte: Numeric;
  batch_id: RefId | null;
  replaced_by_batch: RefId | null;
}

export interface ObservationTable {
  id: Id;
  indicator_code: string;
  zone_code: string;
  comune_istat: string | null;
  service_code: string | null;
  period: string;
  period_type: PeriodType;
  period_start: DateOnly;
  period_end: DateOnly;
  year: number;
  value: NullableNumeric;
  numerator: NullableNumeric;
  denominator: NullableNumeric;
  /** Why value is null, when the file said so (ISTAT's conventional signs). */
  missing_reason: Generated<MissingReason | null>;
  batch_id: RefId;
  replaced_by_batch: RefId | null;
  created_at: Generated<Date>;
}

/** A zone's maintained figure of one indicator and year (db/queries/zone-aggregates.ts). */
export interface ZoneAggregateTable {
  zone_code: string;
  indicator_code: string;
  year: number;
  status: "complete" | "incomplete" | "undefined";
  value: number | null;
  partial_value: number | null;
  numerator: number | null;
  denominator: number | null;
  contributing: number;
  total: number;
  source: "comuni" | "comuni_and_zone_row" | "zone_row";
}

/** Migration 0021: the batches and missing comuni of each zone_aggregate row. */
export interface ZoneAggregateSourceTable {
  zone_code: string;
  indicator_code: string;
  year: number;
  batch_ids: number[];
  missing: string[];
}

/** imports/csv/number.ts MissingReason, as stored. */
export type MissingReason = "unknown" | "below_half_unit" | "confidential";

export interface PlanTable {
  id: Id;
  zone_code: string;
  name: string;
  start_year: number;
  end_year: number;
  adopted_on: ColumnType<Date | string | null, string | null, string | null>;
  /** The adopting act (migration 0012). */
  act_type: ColumnType<PlanActType | null, PlanActType | null | undefined, PlanActType | null>;
  act_number: ColumnType<string | null, string | null | undefined, string | null>;
  batch_id: RefId | null;
}

export interface PlanObjectiveTable {
  id: Id;
  zone_code: string;
  plan_id: RefId;
  code: string;
  area: ObjectiveArea;
  title: string;
  description: string | null;
  office: string | null;
  batch_id: RefId | null;
}

export interface TargetTable {
  id: Id;
  zone_code: string;
  plan_id: RefId | null;
  indicator_code: string;
  comune_istat: string | null;
  service_code: string | null;
  baseline_year: number | null;
  baseline_value: NullableNumeric;
  target_year: number;
  target_value: Numeric;
  legal_source: string | null;
  note: string | null;
  /** Migration 0012: the objective (by code within the plan), kind, provenance, milestones, maintenance tolerance. */
  objective_code: ColumnType<string | null, string | null | undefined, string | null>;
  kind: Generated<TargetKind>;
  provenance: Generated<TargetProvenance>;
  /** [{ "year": 2025, "value": 5500 }, …] */
  milestones: ColumnType<Milestone[], string | undefined, string>;
  tolerance: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  batch_id: RefId | null;
  replaced_by_batch: RefId | null;
}

/** Qualitative LEPS of a zone, one current row per item (migration 0013). */
export interface LepsItemTable {
  id: Id;
  zone_code: string;
  item: LepsItemCode;
  state: LepsItemState;
  evidence: string | null;
  evidence_url: string | null;
  assessed_on: ColumnType<Date | string, string, string>;
  set_by: string;
  set_at: Generated<Date>;
  batch_id: RefId | null;
  replaced_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The `leps` import that closed this state (null: closed in the app, or current). */
  replaced_by_batch: RefId | null;
}

export interface NoteTable {
  id: Id;
  zone_code: string;
  subject_kind: NoteSubjectKind;
  subject_key: string;
  body: string;
  noted_on: ColumnType<Date | string, string, string>;
  author: string;
  created_at: Generated<Date>;
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  deleted_by: string | null;
  batch_id: RefId | null;
}

export interface FundingSourceTable {
  code: string;
  name: string;
  description: string | null;
}

export interface BudgetLineTable {
  id: Id;
  zone_code: string;
  year: number;
  service_code: string;
  funding_code: string;
  comune_istat: string | null;
  stanziato: Numeric;
  impegnato: Numeric;
  liquidato: Numeric;
  pagato: Numeric;
  deadline: ColumnType<Date | string | null, string | null, string | null>;
  /** The date of the snapshot ("situazione al"); year-end for a rendiconto (migration 0017). */
  reference_date: DateOnly;
  /** PNRR project (CUP or code) when a fund has more than one. */
  project: string | null;
  residui_iniziali: NullableNumeric;
  pagato_residui: NullableNumeric;
  /** Why impegnato or liquidato went down from the previous snapshot. */
  disimpegno_reason: string | null;
  batch_id: RefId | null;
  replaced_by_batch: RefId | null;
}

/** Users of a service by ISEE band in a year (import kind `isee`, migration 0019); isee_to = isee_from: users with exactly that ISEE. */
export interface IseeDistributionTable {
  zone_code: string;
  id: Id;
  year: number;
  service_code: string;
  isee_from: Numeric;
  /** null: the open last band. */
  isee_to: NullableNumeric;
  users: number;
  exempt: number;
  batch_id: RefId | null;
  replaced_by_batch: RefId | null;
}

/** A draft proposta di regolamento saved from the co-payment simulator (migration 0019). */
export interface CopaymentProposalTable {
  zone_code: string;
  id: Id;
  title: string;
  service_code: string | null;
  year: number | null;
  rule: Json<CopaymentRule>;
  baseline_rule: Json<CopaymentRule>;
  distribution: Json<IseeDistribution>;
  distribution_source: DistributionSource;
  note: string | null;
  author: string;
  created_at: Generated<Date>;
}

export interface ResourceTable {
  id: Id;
  zone_code: string;
  comune_istat: string | null;
  kind: ResourceKind;
  name: string;
  address: string | null;
  postal_code: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  opening_hours: string | null;
  capacity: number | null;
  source: string | null;
  batch_id: RefId | null;
  replaced_by_batch: RefId | null;
}

export interface AuditEventTable {
  id: Id;
  at: Generated<Date>;
  actor: string | null;
  action: string;
  zone_code: string | null;
  subject: string | null;
  details: Json<unknown>;
}

export interface ComuneBoundaryTable {
  id: Id;
  comune_istat: string;
  /** Simplified GeoJSON Polygon or MultiPolygon (WGS84). */
  geometry: Json<unknown>;
  batch_id: RefId | null;
  replaced_by_batch: RefId | null;
}

export interface UserZoneTable {
  user_id: string;
  zone_code: string;
}

/** The comune a Conferenza user is bound to (migration 0023): at most one per user. */
export interface UserComuneTable {
  user_id: string;
  comune_istat: string;
}

export interface UserRegionTable {
  user_id: string;
  region_code: string;
}

export interface ApiTokenTable {
  id: Id;
  name: string;
  token_hash: string;
  zones: ColumnType<string[], string[] | undefined, string[]>;
  regions: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string | null;
  created_at: Generated<Date>;
  last_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** "Dati non protetti": counts of people reach this token without disclosure control. */
  unprotected_data: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface LoginAttemptTable {
  id: Id;
  email: string;
  at: Generated<Date>;
  success: boolean;
  ip: string | null;
}

/** better-auth's user table (db/auth/config.ts); only the columns we read. */
export interface AuthUserTable {
  id: string;
  name: string;
  email: string;
  role: string | null;
  banned: boolean | null;
  createdAt: Generated<Date>;
}

/** Secrets the application generated for itself (db/auth/secret.ts). */
export interface AppSecretTable {
  name: string;
  value: string;
  created_at: Generated<Date>;
}

/** A column mapping saved for a zone (db/migrations/0011_column_mapping.ts). */
export interface ColumnMappingTable {
  id: Id;
  zone_code: string | null;
  kind: string;
  header_key: string;
  name: string;
  mapping: Json<unknown>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** Migration 0020: the annual report of a zone and year (issue 16). */
export type ReportStatus = "bozza" | "approvata";
/** Every ReportStatus, as report.status's check lists them (tests/integration/enums.test.ts). */
export const REPORT_STATUSES: readonly ReportStatus[] = ["bozza", "approvata"];
export interface ReportTable {
  zone_code: string;
  year: number;
  status: Generated<ReportStatus>;
  shared: Generated<boolean>;
  deliberation_number: string | null;
  deliberation_date: ColumnType<Date | string | null, string | null | undefined, string | null>;
  approved_by: string | null;
  approved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ReportTextTable {
  zone_code: string;
  year: number;
  section_key: string;
  body: string;
  author: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ReportEditionTable {
  zone_code: string;
  id: Id;
  year: number;
  number: number;
  published_at: Generated<Date>;
  published_by: string;
  deliberation_number: string;
  deliberation_date: ColumnType<Date | string, string, string>;
  document: Json<unknown>;
  superseded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  superseded_by: RefId | null;
}

export interface ReportEditionBatchTable {
  zone_code: string;
  edition_id: RefId;
  batch_id: RefId;
}

export interface Database {
  region: RegionTable;
  zone: ZoneTable;
  comune: ComuneTable;
  zone_membership: ZoneMembershipTable;
  import_batch: ImportBatchTable;
  indicator: IndicatorTable;
  service: ServiceTable;
  service_category: ServiceCategoryTable;
  staff_position: StaffPositionTable;
  observation: ObservationTable;
  zone_aggregate: ZoneAggregateTable;
  zone_aggregate_source: ZoneAggregateSourceTable;
  plan: PlanTable;
  plan_objective: PlanObjectiveTable;
  leps_item: LepsItemTable;
  note: NoteTable;
  target: TargetTable;
  funding_source: FundingSourceTable;
  budget_line: BudgetLineTable;
  isee_distribution: IseeDistributionTable;
  copayment_proposal: CopaymentProposalTable;
  resource: ResourceTable;
  audit_event: AuditEventTable;
  comune_boundary: ComuneBoundaryTable;
  user_zone: UserZoneTable;
  user_region: UserRegionTable;
  user_comune: UserComuneTable;
  api_token: ApiTokenTable;
  login_attempt: LoginAttemptTable;
  auth_user: AuthUserTable;
  app_secret: AppSecretTable;
  column_mapping: ColumnMappingTable;
  report: ReportTable;
  report_text: ReportTextTable;
  report_edition: ReportEditionTable;
  report_edition_batch: ReportEditionBatchTable;
}

export type Zone = Selectable<ZoneTable>;
export type NewObservation = Insertable<ObservationTable>;

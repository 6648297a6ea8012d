/**
 * Statistical disclosure control for counts of people (SISTAN rules, 2019,
 * art. 5), in one place and without I/O: primary suppression below the
 * threshold, secondary suppression, and an exact LP audit that every
 * published pattern passes. See docs/riservatezza.md.
 */
export {
  type CellInput,
  type CellValueInput,
  type ProtectedColumnInput,
  type ProtectedTableInput,
  type ProtectedTableResult,
  type ProtectedTablesResult,
  type ProtectedValue,
  type ProtectTablesInput,
  protectTables,
} from "./tables";
export {
  CONFIDENTIAL_MARK_IT,
  DEFAULT_DISCLOSURE_THRESHOLD,
  MAX_DISCLOSURE_THRESHOLD,
  MIN_DISCLOSURE_THRESHOLD,
  NOT_PUBLISHABLE_IT,
  SUPPRESSED_MARK_IT,
  disclosureFootnoteIt,
  disclosureMethodIt,
  protectedValueTextIt,
  suppressedMarkIt,
} from "./texts";
export { type CellKind, type CellStatus, type SdcCell, type SdcEquation, type SdcProblem, DisclosureInputError } from "./model";
export { type AuditFailure, type AuditOptions, type AuditResult, type CellInterval, PROTECTION_WIDTH, auditPattern } from "./audit";
export { type ProtectOptions, type ProtectionResult, protectProblem } from "./suppress";
export {
  type DisclosureCell,
  type DisclosureOptions,
  type ProtectedCell,
  type ProtectedRow,
  type SuppressionReason,
  isSensitiveCount,
  protectRow,
} from "./row";
export { type RegionFigureInput, type ZoneBlock, publishableRegionFigures } from "./region";

import "server-only";
import type { Db } from "./zones";
import { listServices, type ServiceFilter, type ServiceRow } from "./services";
import { qualityInYear, zoneServiceQuality } from "./quality";
import { zoneStaff } from "./staff";
import { ISTAT_SERVICE_CATEGORIES } from "@/lib/services/categories";
import { isManagementMode } from "@/lib/services/categories";
import { standardText } from "@/lib/services/quality";
import { NotFoundError, UnprocessableError } from "@/lib/errors";
import type { Principal } from "@/lib/auth/roles";
import type { ServiceBody, ServiceQualityBody, StaffBody } from "@/lib/api/service-schemas";

/**
 * The services endpoints (GET /api/v1/zones/{code}/services, /quality,
 * /staff) over the pages' own data functions, so that the API and the
 * Servizi, Qualità and Personale pages never disagree: counts of people in
 * the quality figures come already protected for this reader (lib/disclosure,
 * through zoneServiceQuality).
 */

const CATEGORY_NAMES = new Map<string, string>(ISTAT_SERVICE_CATEGORIES.map((c) => [c.code, c.label]));

function serviceBody(s: ServiceRow): ServiceBody {
  return {
    code: s.code,
    name: s.name,
    area: s.area,
    spendingType: s.spendingType,
    category: s.categoryCode === null ? null : { code: s.categoryCode, name: CATEGORY_NAMES.get(s.categoryCode) ?? s.categoryCode },
    nomenclatore: s.nomenclatoreCode === null ? null : { code: s.nomenclatoreCode, validFrom: s.nomenclatoreFrom, validTo: s.nomenclatoreTo },
    managementMode: s.managementMode !== null && isManagementMode(s.managementMode) ? s.managementMode : null,
    managingBody: s.managingBody,
    comuni: s.comuni,
    sedi: s.sedi,
  };
}

export async function zoneServiceItems(db: Db, zoneCode: string, filter: ServiceFilter): Promise<ServiceBody[]> {
  return (await listServices(db, zoneCode, filter)).map(serviceBody);
}

/** A year without data is well formed but has nothing to show: 422 naming the years there are. */
function checkYear(year: number | undefined, years: readonly number[], what: string): number {
  if (year !== undefined && years.includes(year)) return year;
  if (year === undefined && years.length > 0) return years.at(-1)!;
  const message =
    years.length === 0 ? `Nessun dato ${what} per la zona.` : `Nessun dato ${what} per la zona nel ${year}: anni disponibili ${years.join(", ")}.`;
  throw new UnprocessableError(message, [{ field: "year", message: "anno senza dati nella zona" }]);
}

/** Every service with measures in the year, each metric judged against its standard. */
export async function zoneQualityItems(db: Db, zoneCode: string, principal: Principal, options: { year?: number; service?: string }): Promise<ServiceQualityBody[]> {
  const quality = await zoneServiceQuality(db, zoneCode, { principal, ...(options.service ? { service: options.service } : {}) });
  if (options.service && quality.services.length === 0) {
    throw new NotFoundError(`Servizio ${options.service} non trovato per la zona ${zoneCode}.`, [{ field: "service", message: "servizio sconosciuto in questa zona" }]);
  }
  const years = [...new Set(quality.services.flatMap((s) => s.years.map((y) => y.year)))].sort((a, b) => a - b);
  const year = checkYear(options.year, years, options.service ? `di qualità del servizio ${options.service}` : "di qualità dei servizi");
  const items: ServiceQualityBody[] = [];
  for (const s of quality.services) {
    const inYear = qualityInYear(s, year);
    if (!inYear) continue;
    items.push({
      service: { code: s.service.code, name: s.service.name, area: s.service.area },
      year,
      metrics: inYear.metrics.map((m) => ({
        code: m.metric.code,
        label: m.metric.label,
        unit: m.metric.unit,
        polarity: m.metric.polarity,
        value: m.state === "suppressed" ? null : m.value,
        state: m.state,
        reason: m.reason,
        standard: m.standard ? { kind: m.standard.kind, value: m.standard.value, fromYear: m.standard.fromYear, source: m.standard.source, text: standardText(m.metric, m.standard) } : null,
        status: m.evaluation.status,
        rule: m.evaluation.rule,
        previous: m.previous,
        trend: m.trend.direction,
        trendText: m.trend.text,
      })),
      coverage: {
        value: inYear.coverage.state === "suppressed" ? null : inYear.coverage.value,
        numerator: inYear.coverage.state === "suppressed" ? null : inYear.coverage.numerator,
        denominator: inYear.coverage.denominator,
        state: inYear.coverage.state,
        reason: inYear.coverage.reason,
        population: inYear.coverage.population.label,
      },
      spendingPerUser: {
        value: inYear.spendingPerUser.state === "suppressed" ? null : inYear.spendingPerUser.value,
        numerator: inYear.spendingPerUser.numerator,
        denominator: inYear.spendingPerUser.state === "suppressed" ? null : inYear.spendingPerUser.denominator,
        state: inYear.spendingPerUser.state,
        reason: inYear.spendingPerUser.reason,
      },
      usersByComune: inYear.usersByComune.map((c) => ({ istat: c.istat, name: c.name, value: c.state === "suppressed" ? null : c.value, state: c.state })),
    });
  }
  return items;
}

/** The staff of one year (default: the latest with staff data). FTE are not counts of people. */
export async function zoneStaffBody(db: Db, zoneCode: string, options: { year?: number }): Promise<StaffBody> {
  const staff = await zoneStaff(db, zoneCode);
  const year = checkYear(options.year, staff.years, "sul personale");
  const y = staff.byYear.find((s) => s.year === year)!;
  const group = (g: { key: string; label: string; fte: number; previous: number | null }) => ({ key: g.key, label: g.label, fte: g.fte, previous: g.previous });
  return {
    year,
    asOf: y.asOf,
    totalFte: y.total,
    previousTotalFte: y.previousTotal,
    lepsSocialWorkersFte: y.lepsSocialWorkers,
    residents: y.residents,
    per10000: y.per10000.value,
    per10000Reason: y.per10000.reason,
    byProfile: y.byProfile.map(group),
    byEmployer: y.byEmployer.map(group),
    byService: y.byService.map(group),
    bySede: y.bySede.map(group),
  };
}

/**
 * Every page and route handler of the app, with who may open it. The
 * end-to-end authorization walk (authorization.test.ts) requests each one as every
 * role, as a user of another zone and anonymously; the unit test
 * tests/unit/auth/route-inventory.test.ts fails when a route file under app/
 * is missing here or does not call the shared check. Adding a route means
 * adding its line here, which forces the decision of who may open it.
 */
export type Who = "anonimo" | "admin" | "analista" | "pianificatore" | "conferenza" | "altra zona";
export const WHO: readonly Who[] = ["anonimo", "admin", "analista", "pianificatore", "conferenza", "altra zona"];

export interface RouteCase {
  /** The route file under app/ that answers. */
  file: string;
  method: "GET" | "POST";
  /** A concrete URL in the demo data (Zona 11, Narni = 055022). */
  path: string;
  allowed: readonly Who[];
  body?: string;
  /** Status for an allowed request when it is not 200 (e.g. 303 for a redirecting handler, 403 for the "access denied" page). */
  okStatus?: number;
  /** Status for everyone refused, when it is not 401 (anonymous) / 403 (signed in). */
  deniedStatus?: number;
  /** Status for an anonymous request, when it is not deniedStatus (e.g. 401 before a lookup that is 404 for others). */
  anonymousStatus?: number;
}

/** Who reads Zona 11 (the "altra zona" user is a planner of Zona 2 only). */
export const ZONE_11_READERS: readonly Who[] = ["admin", "analista", "pianificatore", "conferenza"];
const SIGNED_IN: readonly Who[] = [...ZONE_11_READERS, "altra zona"];
const IMPORT_READERS: readonly Who[] = ["admin", "analista", "pianificatore"];
const IMPORT_WRITERS: readonly Who[] = ["admin", "analista"];
const EVERYONE: readonly Who[] = WHO;

export const PAGE_CASES: readonly RouteCase[] = [
  // Everyone signed in lands on a zone of their own.
  { file: "app/page.tsx", method: "GET", path: "/", allowed: SIGNED_IN },
  // Signed in, the login page sends home.
  { file: "app/accesso/page.tsx", method: "GET", path: "/accesso", allowed: EVERYONE },
  { file: "app/accesso-negato/page.tsx", method: "GET", path: "/accesso-negato", allowed: EVERYONE, okStatus: 403 },
  { file: "app/account/page.tsx", method: "GET", path: "/account", allowed: SIGNED_IN },
  { file: "app/zone/[code]/page.tsx", method: "GET", path: "/zone/UMB-11", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/page.tsx", method: "GET", path: "/zone/UMB-06", allowed: ["admin", "analista", "pianificatore"] },
  { file: "app/zone/[code]/page.tsx", method: "GET", path: "/zone/UMB-02", allowed: ["admin", "altra zona"] },
  // An unknown zone looks like a zone of others: nothing tells which zones exist.
  { file: "app/zone/[code]/page.tsx", method: "GET", path: "/zone/XXX-99", allowed: [] },
  { file: "app/zone/[code]/territorio/page.tsx", method: "GET", path: "/zone/UMB-11/territorio", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/comuni/page.tsx", method: "GET", path: "/zone/UMB-11/comuni", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/piano/page.tsx", method: "GET", path: "/zone/UMB-11/piano?vista=scorecard", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/leps/page.tsx", method: "GET", path: "/zone/UMB-11/leps", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/completezza/page.tsx", method: "GET", path: "/zone/UMB-11/completezza", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/piano/[indicatore]/page.tsx", method: "GET", path: "/zone/UMB-11/piano/RESIDENTI_PER_AS", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/fragilita/page.tsx", method: "GET", path: "/zone/UMB-11/fragilita", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/mappa/page.tsx", method: "GET", path: "/zone/UMB-11/mappa", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/risorse/page.tsx", method: "GET", path: "/zone/UMB-11/risorse", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/servizi/page.tsx", method: "GET", path: "/zone/UMB-11/servizi?area=anziani", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/servizi/[servizio]/page.tsx", method: "GET", path: "/zone/UMB-11/servizi/SAD_ANZIANI", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/qualita/page.tsx", method: "GET", path: "/zone/UMB-11/qualita", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/personale/page.tsx", method: "GET", path: "/zone/UMB-11/personale", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/bilancio/page.tsx", method: "GET", path: "/zone/UMB-11/bilancio", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/compartecipazione/page.tsx", method: "GET", path: "/zone/UMB-11/compartecipazione", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/compartecipazione/proposte/page.tsx", method: "GET", path: "/zone/UMB-11/compartecipazione/proposte", allowed: ZONE_11_READERS },
  // No proposta in the demo: readers of the zone get 404 after the check, others the refusal before any lookup.
  { file: "app/zone/[code]/compartecipazione/proposte/[id]/page.tsx", method: "GET", path: "/zone/UMB-11/compartecipazione/proposte/999999", allowed: ZONE_11_READERS, okStatus: 404 },
  // The demo publishes edition 1 of Zona 11's 2025 report: every reader of the zone reads it.
  { file: "app/zone/[code]/report/[anno]/edizioni/[numero]/page.tsx", method: "GET", path: "/zone/UMB-11/report/2025/edizioni/1", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/report/page.tsx", method: "GET", path: "/zone/UMB-11/report", allowed: ZONE_11_READERS },
  // A Conferenza member gets the page saying the draft is not shared (200), never its content (checked in report.test.ts).
  { file: "app/zone/[code]/report/[anno]/page.tsx", method: "GET", path: "/zone/UMB-11/report/2025", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/importa/page.tsx", method: "GET", path: "/zone/UMB-11/importa", allowed: IMPORT_READERS },
  { file: "app/comuni/[istat]/page.tsx", method: "GET", path: "/comuni/055022", allowed: ZONE_11_READERS },
  { file: "app/indicatori/page.tsx", method: "GET", path: "/indicatori", allowed: SIGNED_IN },
  { file: "app/indicatori/[codice]/page.tsx", method: "GET", path: "/indicatori/INDICE_VECCHIAIA", allowed: SIGNED_IN },
  { file: "app/admin/utenti/page.tsx", method: "GET", path: "/admin/utenti", allowed: ["admin"] },
  { file: "app/admin/token/page.tsx", method: "GET", path: "/admin/token", allowed: ["admin"] },
  { file: "app/admin/registro/page.tsx", method: "GET", path: "/admin/registro", allowed: ["admin"] },
  { file: "app/admin/zone/page.tsx", method: "GET", path: "/admin/zone", allowed: ["admin"] },
  // Open data of a zone: public, only its published editions.
  { file: "app/dati-aperti/[code]/page.tsx", method: "GET", path: "/dati-aperti/UMB-11", allowed: EVERYONE },
  // The API documentation describes the interface, not data: open to anyone, like the document it renders.
  { file: "app/api/page.tsx", method: "GET", path: "/api", allowed: EVERYONE },
];

const CSV_ROW = "indicatore;comune;periodo;valore\nPOP_TOT;Narni;2030;1\n";

export const HANDLER_CASES: readonly RouteCase[] = [
  // The zone selector without JavaScript: a plain redirect to the zone page, which checks.
  { file: "app/zona/route.ts", method: "GET", path: "/zona?code=UMB-11", allowed: EVERYONE, okStatus: 303 },
  { file: "app/api/v1/zones/route.ts", method: "GET", path: "/api/v1/zones", allowed: SIGNED_IN },
  { file: "app/api/v1/zones/[code]/comuni/route.ts", method: "GET", path: "/api/v1/zones/UMB-11/comuni", allowed: ZONE_11_READERS },
  { file: "app/api/v1/zones/[code]/memberships/route.ts", method: "GET", path: "/api/v1/zones/UMB-11/memberships", allowed: ZONE_11_READERS },
  { file: "app/api/v1/zones/[code]/fragility/route.ts", method: "GET", path: "/api/v1/zones/UMB-11/fragility", allowed: ZONE_11_READERS },
  { file: "app/api/v1/zones/[code]/targets/route.ts", method: "GET", path: "/api/v1/zones/UMB-11/targets", allowed: ZONE_11_READERS },
  { file: "app/api/v1/zones/[code]/leps/route.ts", method: "GET", path: "/api/v1/zones/UMB-11/leps", allowed: ZONE_11_READERS },
  { file: "app/api/v1/zones/[code]/services/route.ts", method: "GET", path: "/api/v1/zones/UMB-11/services", allowed: ZONE_11_READERS },
  { file: "app/api/v1/zones/[code]/quality/route.ts", method: "GET", path: "/api/v1/zones/UMB-11/quality", allowed: ZONE_11_READERS },
  { file: "app/api/v1/zones/[code]/staff/route.ts", method: "GET", path: "/api/v1/zones/UMB-11/staff", allowed: ZONE_11_READERS },
  { file: "app/api/v1/zones/[code]/budget/route.ts", method: "GET", path: "/api/v1/zones/UMB-11/budget", allowed: ZONE_11_READERS },
  {
    file: "app/api/v1/zones/[code]/copayment/simulate/route.ts",
    method: "POST",
    path: "/api/v1/zones/UMB-11/copayment/simulate",
    allowed: ZONE_11_READERS,
    body: JSON.stringify({ rule: { tariff: 9, exemptionIsee: 0, fullIsee: 20000, shape: { kind: "linear" }, minQuota: 3 }, distribution: { kind: "values", values: [10000] } }),
  },
  { file: "app/api/v1/zones/[code]/values/route.ts", method: "GET", path: "/api/v1/zones/UMB-11/values?indicators=POP_TOT", allowed: ZONE_11_READERS },
  { file: "app/api/v1/comuni/[istat]/route.ts", method: "GET", path: "/api/v1/comuni/055022", allowed: ZONE_11_READERS },
  { file: "app/api/v1/observations/route.ts", method: "GET", path: "/api/v1/observations?indicator=POP_TOT&zona=UMB-11", allowed: ZONE_11_READERS },
  { file: "app/api/v1/imports/route.ts", method: "GET", path: "/api/v1/imports?zona=UMB-11", allowed: IMPORT_READERS },
  { file: "app/api/v1/imports/route.ts", method: "POST", path: "/api/v1/imports?mode=preview&zona=UMB-11&name=prova.csv", allowed: IMPORT_WRITERS, body: CSV_ROW },
  { file: "app/api/v1/imports/route.ts", method: "POST", path: "/api/v1/imports?mode=preview&zona=UMB-02&name=prova.csv", allowed: ["admin"], body: CSV_ROW },
  { file: "app/api/v1/imports/route.ts", method: "POST", path: "/api/v1/imports?mode=preview&kind=indicatori&name=catalogo.csv", allowed: ["admin"], body: "codice;nome\n" },
  // Templates describe formats, not data: every role that may import or read imports, in any zone.
  { file: "app/api/v1/imports/templates/[kind]/route.ts", method: "GET", path: "/api/v1/imports/templates/valori", allowed: [...IMPORT_READERS, "altra zona"] },
  // An unknown batch is 404 for everyone signed in, before any zone could be revealed; anonymous requests
  // are refused before the lookup, so they cannot tell which batches exist.
  { file: "app/api/v1/imports/[id]/revert/route.ts", method: "POST", path: "/api/v1/imports/999999/revert", allowed: [], deniedStatus: 404, anonymousStatus: 401 },
  // The whole database (password hashes included) goes only to `npm run backup` on the server's machine.
  { file: "app/api/v1/backup/route.ts", method: "POST", path: "/api/v1/backup", allowed: [] },
  { file: "app/api/v1/[...rest]/route.ts", method: "GET", path: "/api/v1/non-esiste", allowed: [], deniedStatus: 404 },
  { file: "app/api/v1/openapi.json/route.ts", method: "GET", path: "/api/v1/openapi.json", allowed: EVERYONE },
  // Open data: public by design, for portals to harvest (the demo publishes Zona 11's 2025 report).
  { file: "app/api/v1/opendata/zones/[code]/catalog/route.ts", method: "GET", path: "/api/v1/opendata/zones/UMB-11/catalog", allowed: EVERYONE },
  {
    file: "app/api/v1/opendata/zones/[code]/reports/[year]/editions/[number]/tables/[table]/route.ts",
    method: "GET",
    path: "/api/v1/opendata/zones/UMB-11/reports/2025/editions/1/tables/demografia-comuni",
    allowed: EVERYONE,
  },
  // better-auth's HTTP endpoints are not mounted: no public sign-up, no second way in.
  { file: "(none)", method: "POST", path: "/api/auth/sign-up/email", allowed: [], deniedStatus: 404, body: "{}" },
  { file: "app/zone/[code]/territorio/dati.csv/route.ts", method: "GET", path: "/zone/UMB-11/territorio/dati.csv", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/completezza/modello.csv/route.ts", method: "GET", path: "/zone/UMB-11/completezza/modello.csv", allowed: IMPORT_READERS },
  { file: "app/zone/[code]/piano/dati.csv/route.ts", method: "GET", path: "/zone/UMB-11/piano/dati.csv", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/piano/dati.xlsx/route.ts", method: "GET", path: "/zone/UMB-11/piano/dati.xlsx", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/territorio/dati.xlsx/route.ts", method: "GET", path: "/zone/UMB-11/territorio/dati.xlsx?tabella=serie", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/fragilita/dati.csv/route.ts", method: "GET", path: "/zone/UMB-11/fragilita/dati.csv", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/fragilita/dati.xlsx/route.ts", method: "GET", path: "/zone/UMB-11/fragilita/dati.xlsx?tabella=riferimenti", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/mappa/dati.csv/route.ts", method: "GET", path: "/zone/UMB-11/mappa/dati.csv", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/mappa/dati.xlsx/route.ts", method: "GET", path: "/zone/UMB-11/mappa/dati.xlsx", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/risorse/dati.csv/route.ts", method: "GET", path: "/zone/UMB-11/risorse/dati.csv", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/risorse/dati.xlsx/route.ts", method: "GET", path: "/zone/UMB-11/risorse/dati.xlsx", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/comuni/dati.csv/route.ts", method: "GET", path: "/zone/UMB-11/comuni/dati.csv", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/comuni/dati.xlsx/route.ts", method: "GET", path: "/zone/UMB-11/comuni/dati.xlsx", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/servizi/dati.csv/route.ts", method: "GET", path: "/zone/UMB-11/servizi/dati.csv", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/servizi/dati.xlsx/route.ts", method: "GET", path: "/zone/UMB-11/servizi/dati.xlsx?categoria=HOMECARE", allowed: ZONE_11_READERS },
  // Edition 1 of the demo: every reader of the zone.
  { file: "app/zone/[code]/report/[anno]/edizioni/[numero]/relazione.pdf/route.ts", method: "GET", path: "/zone/UMB-11/report/2025/edizioni/1/relazione.pdf", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/report/[anno]/relazione.pdf/route.ts", method: "GET", path: "/zone/UMB-11/report/2025/relazione.pdf", allowed: ["admin", "analista", "pianificatore"] },
  // The draft's tables: like its PDF, a Conferenza member only when a planner shares the draft (the demo's is not shared).
  { file: "app/zone/[code]/report/[anno]/dati.csv/route.ts", method: "GET", path: "/zone/UMB-11/report/2025/dati.csv?tabella=demografia-comuni", allowed: ["admin", "analista", "pianificatore"] },
  { file: "app/zone/[code]/report/[anno]/dati.xlsx/route.ts", method: "GET", path: "/zone/UMB-11/report/2025/dati.xlsx", allowed: ["admin", "analista", "pianificatore"] },
  { file: "app/zone/[code]/report/[anno]/edizioni/[numero]/dati.csv/route.ts", method: "GET", path: "/zone/UMB-11/report/2025/edizioni/1/dati.csv?tabella=demografia-comuni", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/report/[anno]/edizioni/[numero]/dati.xlsx/route.ts", method: "GET", path: "/zone/UMB-11/report/2025/edizioni/1/dati.xlsx", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/qualita/dati.csv/route.ts", method: "GET", path: "/zone/UMB-11/qualita/dati.csv", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/qualita/dati.xlsx/route.ts", method: "GET", path: "/zone/UMB-11/qualita/dati.xlsx?area=anziani", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/personale/dati.csv/route.ts", method: "GET", path: "/zone/UMB-11/personale/dati.csv", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/personale/dati.xlsx/route.ts", method: "GET", path: "/zone/UMB-11/personale/dati.xlsx", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/bilancio/dati.csv/route.ts", method: "GET", path: "/zone/UMB-11/bilancio/dati.csv?tabella=totali", allowed: ZONE_11_READERS },
  { file: "app/zone/[code]/bilancio/dati.xlsx/route.ts", method: "GET", path: "/zone/UMB-11/bilancio/dati.xlsx?vista=comune", allowed: ZONE_11_READERS },
  { file: "app/comuni/[istat]/dati.csv/route.ts", method: "GET", path: "/comuni/055022/dati.csv", allowed: ZONE_11_READERS },
  { file: "app/comuni/[istat]/dati.xlsx/route.ts", method: "GET", path: "/comuni/055022/dati.xlsx?tabella=servizi", allowed: ZONE_11_READERS },
];

/**
 * Route files that answer without the shared check, and why. Everything else
 * must call requirePage / requireApi (or a helper of app/_export/routes.ts that does).
 */
export const PUBLIC_FILES: Readonly<Record<string, string>> = {
  "app/accesso/page.tsx": "the login page",
  "app/accesso-negato/page.tsx": "a static message",
  "app/zona/route.ts": "redirects to /zone/{code}, which checks",
  "app/api/v1/[...rest]/route.ts": "a JSON 404 for unknown API paths",
  "app/api/v1/openapi.json/route.ts": "the OpenAPI document: describes the interface, no data",
  "app/api/v1/opendata/zones/[code]/catalog/route.ts": "the open data catalogue: lists only published editions' tables, which passed disclosure control",
  "app/api/v1/opendata/zones/[code]/reports/[year]/editions/[number]/tables/[table]/route.ts": "a table of a published edition, open data under CC BY 4.0",
  "app/dati-aperti/[code]/page.tsx": "the open data page: only published editions' tables, like the catalogue",
  "app/api/page.tsx": "the API documentation rendered from the OpenAPI document, no data",
};

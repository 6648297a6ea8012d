import { documentTables, type ReportDocument } from "@/lib/report/model";

/**
 * The open data catalogue of a zone in DCAT-AP_IT (the Italian profile of
 * DCAT-AP, AgID), as JSON-LD that regional and national portals (dati.gov.it)
 * harvest. Each table of a published edition in force is a dataset: its
 * identifier stays the same across editions of the same year (a new edition
 * updates the dataset, with a new `modified`), and its distribution is the
 * table as standard CSV in UTF-8, downloadable without an account. Drafts are
 * never read: only frozen editions, whose tables passed disclosure control
 * when they were published.
 */

export const DCAT_CONTEXT = {
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  dcatapit: "http://dati.gov.it/onto/dcatapit#",
  foaf: "http://xmlns.com/foaf/0.1/",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  cnt: "http://www.w3.org/2011/content#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
} as const;

export const EU_THEME_SOCI = "http://publications.europa.eu/resource/authority/data-theme/SOCI";
export const EU_THEMES = "http://publications.europa.eu/resource/authority/data-theme";
export const EU_FREQUENCY_ANNUAL = "http://publications.europa.eu/resource/authority/frequency/ANNUAL";
export const EU_LANGUAGE_ITA = "http://publications.europa.eu/resource/authority/language/ITA";
export const EU_FILE_TYPE_CSV = "http://publications.europa.eu/resource/authority/file-type/CSV";
export const IANA_TEXT_CSV = "http://www.iana.org/assignments/media-types/text/csv";
export const CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/";
export const ADMS_ATTRIBUTION = "http://purl.org/adms/licencetype/Attribution";
export const CC_BY_4_NAME_IT = "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)";

export type Ref = { "@id": string };
export type LangText = { "@value": string; "@language": "it" };
export type TypedDate = { "@value": string; "@type": "xsd:date" };

export interface DcatAgent {
  "@type": ["foaf:Agent", "dcatapit:Agent"];
  /** The IPA code of the body (c_ + cadastral code for a comune), else its ISTAT code. */
  "dct:identifier": string;
  "foaf:name": LangText;
}

export interface DcatDistribution {
  "@id": string;
  "@type": ["dcat:Distribution", "dcatapit:Distribution"];
  "dct:title": LangText;
  "dct:description": LangText;
  "dct:format": Ref;
  "dcat:mediaType": Ref;
  "cnt:characterEncoding": "UTF-8";
  "dcat:accessURL": Ref;
  "dcat:downloadURL": Ref;
  "dct:license": {
    "@id": string;
    "@type": ["dct:LicenseDocument", "dcatapit:LicenseDocument"];
    "dct:type": Ref;
    "foaf:name": LangText;
  };
  "dct:modified": TypedDate;
}

export interface DcatDataset {
  "@id": string;
  "@type": ["dcat:Dataset", "dcatapit:Dataset"];
  "dct:identifier": string;
  "dct:title": LangText;
  "dct:description": LangText;
  "dct:modified": TypedDate;
  "dct:issued": TypedDate;
  "dcat:theme": Ref;
  "dct:rightsHolder": DcatAgent;
  "dct:publisher": DcatAgent;
  "dct:accrualPeriodicity": Ref;
  "dct:language": Ref;
  "dcat:keyword": LangText[];
  "dcat:landingPage": Ref;
  "dcat:distribution": DcatDistribution[];
}

export interface DcatCatalog {
  "@context": typeof DCAT_CONTEXT;
  "@id": string;
  "@type": ["dcat:Catalog", "dcatapit:Catalog"];
  "dct:title": LangText;
  "dct:description": LangText;
  "dct:publisher": DcatAgent;
  "dct:modified": TypedDate;
  "dct:language": Ref;
  "foaf:homepage": Ref;
  "dcat:themeTaxonomy": Ref;
  "dcat:dataset": DcatDataset[];
}

/** An edition in force, as the catalogue reads it. */
export interface PublishedEdition {
  year: number;
  number: number;
  publishedAt: string;
  deliberationNumber: string;
  deliberationDate: string;
  document: ReportDocument;
}

export interface CatalogInput {
  /** The installation's public address, without a trailing slash. */
  baseUrl: string;
  zone: { code: string; name: string };
  /** The zone's capofila, rights holder of the data: its name and IPA (or ISTAT) code. */
  capofila: { name: string; identifier: string };
  editions: readonly PublishedEdition[];
  /** Used as the catalogue's `modified` when no edition is published yet (yyyy-mm-dd). */
  today: string;
}

const it = (text: string): LangText => ({ "@value": text, "@language": "it" });
const date = (iso: string): TypedDate => ({ "@value": iso.slice(0, 10), "@type": "xsd:date" });
const ref = (id: string): Ref => ({ "@id": id });
const formatDateIt = (iso: string) => iso.slice(0, 10).split("-").reverse().join("/");

/** The page that lists a zone's open data (public). */
export const openDataPagePath = (zoneCode: string) => `/dati-aperti/${encodeURIComponent(zoneCode)}`;
export const catalogPath = (zoneCode: string) => `/api/v1/opendata/zones/${encodeURIComponent(zoneCode)}/catalog`;
/** The standard CSV of one table of a published edition (public). */
export const tableCsvPath = (zoneCode: string, year: number, number: number, tableId: string) =>
  `/api/v1/opendata/zones/${encodeURIComponent(zoneCode)}/reports/${year}/editions/${number}/tables/${encodeURIComponent(tableId)}`;

/** A dataset's identifier: stable across editions of a year, so a new edition updates it. */
export const datasetIdentifier = (input: Pick<CatalogInput, "capofila" | "zone">, year: number, tableId: string) => `${input.capofila.identifier}:${input.zone.code}-relazione-${year}-${tableId}`;

/** The datasets of one edition: one per table, sections then annex. */
export function editionDatasets(input: CatalogInput, e: PublishedEdition): DcatDataset[] {
  const agent: DcatAgent = { "@type": ["foaf:Agent", "dcatapit:Agent"], "dct:identifier": input.capofila.identifier, "foaf:name": it(input.capofila.name) };
  const landing = `${input.baseUrl}${openDataPagePath(input.zone.code)}`;
  return documentTables(e.document).map(({ table, where }) => {
    const csv = `${input.baseUrl}${tableCsvPath(input.zone.code, e.year, e.number, table.id)}`;
    const edition = `edizione n. ${e.number} della relazione annuale ${e.year} alla Conferenza di zona, approvata con deliberazione n. ${e.deliberationNumber} del ${formatDateIt(e.deliberationDate)}`;
    const description = [`${input.zone.name}. ${where}: ${table.caption}.`, `Tabella della ${edition}.`, ...table.notes].join(" ");
    return {
      "@id": `${landing}#${e.year}-${table.id}`,
      "@type": ["dcat:Dataset", "dcatapit:Dataset"],
      "dct:identifier": datasetIdentifier(input, e.year, table.id),
      "dct:title": it(`${table.caption} – ${input.zone.name}`),
      "dct:description": it(description),
      "dct:modified": date(e.publishedAt),
      "dct:issued": date(e.publishedAt),
      "dcat:theme": ref(EU_THEME_SOCI),
      "dct:rightsHolder": agent,
      "dct:publisher": agent,
      "dct:accrualPeriodicity": ref(EU_FREQUENCY_ANNUAL),
      "dct:language": ref(EU_LANGUAGE_ITA),
      "dcat:keyword": [it("servizi sociali"), it("zona sociale"), it(`relazione ${e.year}`), it(input.zone.name)],
      "dcat:landingPage": ref(landing),
      "dcat:distribution": [
        {
          "@id": csv,
          "@type": ["dcat:Distribution", "dcatapit:Distribution"],
          "dct:title": it(`${table.caption} (CSV)`),
          "dct:description": it("CSV standard in UTF-8: separatore virgola, punto decimale; «< soglia» dove il valore è protetto dal segreto statistico, cella vuota dove manca."),
          "dct:format": ref(EU_FILE_TYPE_CSV),
          "dcat:mediaType": ref(IANA_TEXT_CSV),
          "cnt:characterEncoding": "UTF-8",
          "dcat:accessURL": ref(csv),
          "dcat:downloadURL": ref(csv),
          "dct:license": { "@id": CC_BY_4, "@type": ["dct:LicenseDocument", "dcatapit:LicenseDocument"], "dct:type": ref(ADMS_ATTRIBUTION), "foaf:name": it(CC_BY_4_NAME_IT) },
          "dct:modified": date(e.publishedAt),
        },
      ],
    };
  });
}

export function dcatCatalog(input: CatalogInput): DcatCatalog {
  const agent: DcatAgent = { "@type": ["foaf:Agent", "dcatapit:Agent"], "dct:identifier": input.capofila.identifier, "foaf:name": it(input.capofila.name) };
  const latest = input.editions.map((e) => e.publishedAt.slice(0, 10)).sort().at(-1) ?? input.today;
  return {
    "@context": DCAT_CONTEXT,
    "@id": `${input.baseUrl}${catalogPath(input.zone.code)}`,
    "@type": ["dcat:Catalog", "dcatapit:Catalog"],
    "dct:title": it(`Dati aperti – ${input.zone.name}`),
    "dct:description": it(
      `Le tabelle delle relazioni annuali alla Conferenza di zona pubblicate dall'Ufficio di Piano (${input.zone.name}, comune capofila ${input.capofila.name}), dopo il controllo del segreto statistico. Solo le edizioni approvate e pubblicate.`,
    ),
    "dct:publisher": agent,
    "dct:modified": date(latest),
    "dct:language": ref(EU_LANGUAGE_ITA),
    "foaf:homepage": ref(`${input.baseUrl}${openDataPagePath(input.zone.code)}`),
    "dcat:themeTaxonomy": ref(EU_THEMES),
    "dcat:dataset": input.editions.flatMap((e) => editionDatasets(input, e)),
  };
}

/** The rights holder's identifier: the IPA code of a comune (c_ + its cadastral code), else its ISTAT code. */
export function comuneIpaCode(istat: string, cadastralCode: string | null): string {
  return cadastralCode && /^[A-Z]\d{3}$/i.test(cadastralCode) ? `c_${cadastralCode.toLowerCase()}` : istat;
}

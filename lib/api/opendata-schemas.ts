import { z } from "zod";
import { Year, ZoneCode } from "./params";
import {
  ADMS_ATTRIBUTION,
  CC_BY_4,
  DCAT_CONTEXT,
  EU_FILE_TYPE_CSV,
  EU_FREQUENCY_ANNUAL,
  EU_LANGUAGE_ITA,
  EU_THEME_SOCI,
  EU_THEMES,
  IANA_TEXT_CSV,
} from "@/lib/opendata/dcat";

/**
 * The DCAT-AP_IT catalogue of a zone's open data as JSON-LD (lib/opendata/dcat.ts):
 * the schema the handler's answer is checked against in the contract test,
 * and the one the OpenAPI document describes. Every property that DCAT-AP_IT
 * makes mandatory for a catalogue, a dataset, a distribution, an agent and a
 * licence is required here; the controlled vocabularies (theme SOCI, annual
 * frequency, CSV, CC BY 4.0) are fixed values.
 */
/** The node's two classes, DCAT's and DCAT-AP_IT's, in this order. */
const Classes = (dcat: string, dcatapit: string, description: string) =>
  z.array(z.enum([dcat, dcatapit])).length(2).refine((t) => t[0] === dcat && t[1] === dcatapit, `classi ${dcat} e ${dcatapit}`).describe(description);
const Iri = (description: string) => z.url().max(2000).describe(description);
const Ref = (description: string) => z.object({ "@id": Iri(description) }).describe(description);
const Fixed = (iri: string, description: string) => z.object({ "@id": z.literal(iri) }).describe(description);
const LangText = (description: string) =>
  z.object({ "@value": z.string().min(1).max(10_000).describe(description), "@language": z.literal("it").describe("Lingua del testo.") }).describe(description);
const TypedDate = (description: string) => z.object({ "@value": z.iso.date().describe(description), "@type": z.literal("xsd:date").describe("Tipo del valore.") }).describe(description);

const AgentSchema = z
  .object({
    "@type": Classes("foaf:Agent", "dcatapit:Agent", "Classi dell'agente."),
    "dct:identifier": z.string().min(1).max(64).describe("Codice IPA dell'ente (c_ seguito dal codice catastale per un comune), altrimenti il suo codice ISTAT."),
    "foaf:name": LangText("Nome dell'ente."),
  })
  .meta({ id: "DcatAgent", description: "Un ente (dcatapit:Agent): il comune capofila, titolare e editore dei dati." });

const DistributionSchema = z
  .object({
    "@id": Iri("Indirizzo della distribuzione."),
    "@type": Classes("dcat:Distribution", "dcatapit:Distribution", "Classi della distribuzione."),
    "dct:title": LangText("Titolo della distribuzione."),
    "dct:description": LangText("Descrizione della distribuzione."),
    "dct:format": Fixed(EU_FILE_TYPE_CSV, "Formato (vocabolario EU file-type): CSV."),
    "dcat:mediaType": Fixed(IANA_TEXT_CSV, "Tipo di contenuto IANA: text/csv."),
    "cnt:characterEncoding": z.literal("UTF-8").describe("Codifica dei caratteri."),
    "dcat:accessURL": Ref("Indirizzo di accesso (senza credenziali)."),
    "dcat:downloadURL": Ref("Indirizzo di scaricamento del file CSV (senza credenziali)."),
    "dct:license": z
      .object({
        "@id": z.literal(CC_BY_4).describe("Licenza CC BY 4.0."),
        "@type": Classes("dct:LicenseDocument", "dcatapit:LicenseDocument", "Classi della licenza."),
        "dct:type": Fixed(ADMS_ATTRIBUTION, "Tipo di licenza (ADMS): attribuzione."),
        "foaf:name": LangText("Nome della licenza."),
      })
      .describe("Licenza della distribuzione: CC BY 4.0."),
    "dct:modified": TypedDate("Data di ultima modifica."),
  })
  .meta({ id: "DcatDistribution", description: "Una distribuzione (dcatapit:Distribution): la tabella in CSV standard, UTF-8." });

const DatasetSchema = z
  .object({
    "@id": Iri("Indirizzo del dataset."),
    "@type": Classes("dcat:Dataset", "dcatapit:Dataset", "Classi del dataset."),
    "dct:identifier": z.string().min(1).max(300).describe("Identificativo: codice IPA del titolare, «:», zona, anno e tabella; lo stesso per ogni edizione dell'anno."),
    "dct:title": LangText("Titolo del dataset."),
    "dct:description": LangText("Descrizione del dataset."),
    "dct:modified": TypedDate("Data di pubblicazione dell'edizione in vigore."),
    "dct:issued": TypedDate("Data di pubblicazione."),
    "dcat:theme": Fixed(EU_THEME_SOCI, "Tema (vocabolario EU data-theme): SOCI, popolazione e società."),
    "dct:rightsHolder": AgentSchema,
    "dct:publisher": AgentSchema,
    "dct:accrualPeriodicity": Fixed(EU_FREQUENCY_ANNUAL, "Frequenza di aggiornamento (vocabolario EU frequency): annuale."),
    "dct:language": Fixed(EU_LANGUAGE_ITA, "Lingua: italiano."),
    "dcat:keyword": z.array(LangText("Parola chiave.")).max(20).describe("Parole chiave."),
    "dcat:landingPage": Ref("Pagina pubblica dei dati aperti della zona."),
    "dcat:distribution": z.array(DistributionSchema).min(1).max(10).describe("Distribuzioni del dataset."),
  })
  .meta({ id: "DcatDataset", description: "Un dataset (dcatapit:Dataset): una tabella di un'edizione pubblicata della relazione annuale." });

export const DcatCatalogSchema = z
  .object({
    "@context": z
      .object(Object.fromEntries(Object.entries(DCAT_CONTEXT).map(([k, v]) => [k, z.literal(v).describe(`Prefisso ${k}.`)])) as { [K in keyof typeof DCAT_CONTEXT]: z.ZodLiteral<(typeof DCAT_CONTEXT)[K]> })
      .describe("Contesto JSON-LD: i prefissi dei vocabolari."),
    "@id": Iri("Indirizzo del catalogo."),
    "@type": Classes("dcat:Catalog", "dcatapit:Catalog", "Classi del catalogo."),
    "dct:title": LangText("Titolo del catalogo."),
    "dct:description": LangText("Descrizione del catalogo."),
    "dct:publisher": AgentSchema,
    "dct:modified": TypedDate("Data dell'ultima edizione pubblicata."),
    "dct:language": Fixed(EU_LANGUAGE_ITA, "Lingua: italiano."),
    "foaf:homepage": Ref("Pagina pubblica dei dati aperti della zona."),
    "dcat:themeTaxonomy": Fixed(EU_THEMES, "Tassonomia dei temi: EU data-theme."),
    "dcat:dataset": z.array(DatasetSchema).max(10_000).describe("I dataset: le tabelle delle edizioni in vigore."),
  })
  .meta({ id: "DcatCatalog", description: "Il catalogo DCAT-AP_IT dei dati aperti di una zona, in JSON-LD." });

/** Path of one published table: zone, year and number of the edition, table id. */
export const OpenDataTablePath = z.object({
  code: ZoneCode,
  year: Year,
  number: z.coerce.number().int("numero intero").min(1, "numero da 1").max(9999, "numero fino a 9999").meta({ description: "Numero dell'edizione.", example: 1, format: "int32" }),
  table: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, "identificativo di tabella in minuscolo, per esempio demografia-comuni")
    .meta({ description: "Identificativo della tabella nella relazione.", example: "demografia-comuni" }),
});

import type { Metadata } from "next";
import "./api.css";
import { env } from "@/lib/env";
import { PROBLEM_KINDS, PROBLEM_TITLES_IT, type ProblemKind } from "@/lib/errors";
import { problemType } from "@/lib/api/problem";
import { openApiDocument } from "@/app/api/v1/_contract/openapi";
import { OPERATIONS } from "@/app/api/v1/_contract/operations";
import { SchemaTable, schemaTypeLabel, type JsonSchema } from "./schema-view";

export const metadata: Metadata = { title: "API JSON" };

/**
 * The API documentation for people: rendered on the server from the same
 * OpenAPI document that /api/v1/openapi.json serves, so the two never
 * differ. Public, like the document: it describes the interface, no data.
 */
interface ParameterObject {
  name: string;
  in: string;
  required: boolean;
  description: string;
  schema: JsonSchema;
}

const PROBLEM_HINTS_IT: Record<ProblemKind, string> = {
  "richiesta-non-valida": "Un parametro manca o ha una forma sbagliata (per esempio un codice ISTAT non di 6 cifre); `errors` elenca i parametri.",
  "autenticazione-richiesta": "Nessun token o sessione valida.",
  "accesso-negato": "Il profilo o il token non permette l'operazione, o la zona non è assegnata.",
  "non-trovato": "La risorsa non esiste o non è visibile a chi chiede: le due cose non si distinguono.",
  "metodo-non-consentito": "Il metodo HTTP non è servito a questo indirizzo.",
  conflitto: "Lo stato attuale non permette l'operazione, per esempio annullare un caricamento che uno successivo ha sostituito.",
  "file-troppo-grande": "Il file supera OSSERVATORIO_MAX_UPLOAD_MB.",
  "dati-non-elaborabili": "La richiesta è ben formata ma non si può soddisfare: indicatore sconosciuto o non adatto, anno base successivo all'anno…",
  "troppe-richieste": "Superato il limite di richieste: riprovare dopo i secondi di Retry-After.",
  "errore-interno": "Un errore imprevisto, registrato nel log del server; nessun dettaglio interno nella risposta.",
};

export default function ApiPage() {
  const document = openApiDocument({ serverUrl: env().BETTER_AUTH_URL });
  const info = document.info as { title: string; version: string; summary: string; "x-api-id": string };
  const schemas = (document.components as { schemas: Record<string, JsonSchema> }).schemas;
  const paths = document.paths as Record<string, Record<string, { parameters: (ParameterObject | { $ref: string })[]; responses: Record<string, { description?: string; $ref?: string }> }>>;
  const tags = document.tags as { name: string; description: string }[];

  return (
    <main id="contenuto" className="container my-5 api-doc">
      <h1>{info.title}</h1>
      <p className="lead">{info.summary}</p>
      <dl className="row">
        <dt className="col-sm-3">Versione</dt>
        <dd className="col-sm-9">{info.version}</dd>
        <dt className="col-sm-3">Identificativo</dt>
        <dd className="col-sm-9">
          <code>{info["x-api-id"]}</code>
        </dd>
        <dt className="col-sm-3">Documento OpenAPI 3.1</dt>
        <dd className="col-sm-9">
          <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (generato dagli schemi che l&apos;applicazione usa per validare)
        </dd>
      </dl>

      <nav aria-labelledby="indice">
        <h2 id="indice">Indice</h2>
        <ul>
          <li>
            <a href="#convenzioni">Convenzioni</a>
          </li>
          <li>
            <a href="#errori">Errori</a>
          </li>
          {tags.map((t) => (
            <li key={t.name}>
              <a href={`#gruppo-${t.name.toLowerCase()}`}>{t.description}</a>
            </li>
          ))}
          <li>
            <a href="#schemi">Schemi delle risposte</a>
          </li>
          <li>
            <a href="#contatti">Contatti</a> e <a href="#condizioni-d-uso">condizioni d&apos;uso</a>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="convenzioni">
        <h2 id="convenzioni">Convenzioni</h2>
        <ul>
          <li>
            <strong>Autenticazione</strong>: token API (<code>Authorization: Bearer osv_…</code>, creato dall&apos;amministratore) o sessione di un utente. Ognuno vede solo le sue zone; i conteggi di persone arrivano ai token e alla Conferenza di zona con il controllo della divulgazione.
          </li>
          <li>
            <strong>Elenchi</strong>: <code>{'{"items": [...], "next": ...}'}</code>; <code>next</code> è l&apos;indirizzo della pagina successiva (anche nell&apos;intestazione <code>Link</code>), <code>null</code> sull&apos;ultima. Parametri <code>limit</code> e <code>cursor</code> (opaco).
          </li>
          <li>
            <strong>Cache</strong>: le letture hanno <code>ETag</code> e <code>Cache-Control: private, no-cache</code>; con <code>If-None-Match</code> la risposta è 304.
          </li>
          <li>
            <strong>Limite di richieste</strong>: intestazioni <code>RateLimit-Limit</code>, <code>RateLimit-Remaining</code>, <code>RateLimit-Reset</code> su ogni risposta; oltre il limite 429 con <code>Retry-After</code>.
          </li>
          <li>
            <strong>Codici</strong>: ISTAT sempre stringhe di 6 caratteri; zone come <code>UMB-11</code>; numeri con il loro formato (int32, int64, double).
          </li>
        </ul>
      </section>

      <section aria-labelledby="errori">
        <h2 id="errori">Errori</h2>
        <p>
          Ogni errore è <code>application/problem+json</code> (RFC 9457) con <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code> (in italiano), <code>instance</code> e, per parametri o righe di un file, <code>errors</code>. Il <code>type</code> rimanda alla riga di questa tabella.
        </p>
        <div className="table-responsive" tabIndex={0} role="region" aria-label="Tipi di problema, scorrevole">
        <table className="table table-sm">
          <caption className="visually-hidden">Tipi di problema</caption>
          <thead>
            <tr>
              <th scope="col">Stato</th>
              <th scope="col">Titolo</th>
              <th scope="col">Quando</th>
            </tr>
          </thead>
          <tbody>
            {(Object.keys(PROBLEM_KINDS) as ProblemKind[]).map((kind) => (
              <tr key={kind} id={problemType(kind).split("#")[1]}>
                <td>{PROBLEM_KINDS[kind]}</td>
                <th scope="row">{PROBLEM_TITLES_IT[kind]}</th>
                <td>{PROBLEM_HINTS_IT[kind]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      </section>

      {tags.map((tag) => (
        <section key={tag.name} aria-labelledby={`gruppo-${tag.name.toLowerCase()}`}>
          <h2 id={`gruppo-${tag.name.toLowerCase()}`}>{tag.description}</h2>
          {OPERATIONS.filter((op) => op.tag === tag.name).map((op) => {
            const described = paths[op.path]?.[op.method];
            const parameters = (described?.parameters ?? []).filter((p): p is ParameterObject => "name" in p);
            const schemaId = "schema" in op.response ? (described?.responses["200"] as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content?.["application/json"]?.schema?.$ref : undefined;
            return (
              <article key={op.operationId} className="mb-5" aria-labelledby={op.operationId}>
                <h3 id={op.operationId} className="h4 api-operation">
                  <code>
                    {op.method.toUpperCase()} {op.path}
                  </code>
                  <span className="d-block h6 mt-1">{op.summary}</span>
                </h3>
                <p>{op.description}</p>
                {parameters.length > 0 && (
                  <div className="table-responsive" tabIndex={0} role="region" aria-label={`Parametri di ${op.method.toUpperCase()} ${op.path}, scorrevole`}>
                  <table className="table table-sm">
                    <caption>Parametri</caption>
                    <thead>
                      <tr>
                        <th scope="col">Nome</th>
                        <th scope="col">Dove</th>
                        <th scope="col">Obbligatorio</th>
                        <th scope="col">Tipo</th>
                        <th scope="col">Descrizione</th>
                      </tr>
                    </thead>
                    <tbody>
                      {parameters.map((p) => (
                        <tr key={`${p.in}-${p.name}`}>
                          <th scope="row">
                            <code>{p.name}</code>
                          </th>
                          <td>{p.in === "path" ? "percorso" : p.in === "header" ? "intestazione" : "query"}</td>
                          <td>{p.required ? "sì" : "no"}</td>
                          <td>{schemaTypeLabel(p.schema)}</td>
                          <td>{p.description}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  </div>
                )}
                <div className="table-responsive" tabIndex={0} role="region" aria-label={`Risposte di ${op.method.toUpperCase()} ${op.path}, scorrevole`}>
                <table className="table table-sm">
                  <caption>Risposte</caption>
                  <thead>
                    <tr>
                      <th scope="col">Stato</th>
                      <th scope="col">Significato</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(described?.responses ?? {}).map(([status, response]) => (
                      <tr key={status}>
                        <th scope="row">{status}</th>
                        <td>
                          {status === "200" && schemaId ? (
                            <>
                              {response.description} Schema: <a href={`#schema-${schemaId.split("/").pop()}`}>{schemaId.split("/").pop()}</a>.
                            </>
                          ) : response.$ref ? (
                            <a href={`#${problemType(problemKindOf(Number(status))).split("#")[1]}`}>{PROBLEM_TITLES_IT[problemKindOf(Number(status))]}</a>
                          ) : (
                            response.description
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                </div>
              </article>
            );
          })}
        </section>
      ))}

      <section aria-labelledby="schemi">
        <h2 id="schemi">Schemi delle risposte</h2>
        {Object.entries(schemas).map(([id, schema]) => (
          <SchemaTable key={id} id={id} schema={schema} />
        ))}
      </section>

      <section aria-labelledby="contatti">
        <h2 id="contatti">Contatti</h2>
        <p>
          L&apos;API è servita dall&apos;Ufficio di Piano che gestisce questa installazione dell&apos;Osservatorio: per l&apos;accesso (un token API) e per segnalazioni rivolgersi al suo amministratore. Il software è libero (EUPL-1.2).
        </p>
      </section>

      <section aria-labelledby="condizioni-d-uso">
        <h2 id="condizioni-d-uso">Condizioni d&apos;uso</h2>
        <p>
          L&apos;accesso richiede un token o un account concesso dall&apos;amministratore, personale e non cedibile. I conteggi di persone arrivano a chi non è autorizzato a vederli con il controllo della divulgazione applicato: non vanno ricostruiti né diffusi senza il controllo. Il limite di richieste protegge il servizio per tutti; i dati di origine restano dei rispettivi titolari (ISTAT, INPS, enti della zona).
        </p>
      </section>
    </main>
  );
}

function problemKindOf(status: number): ProblemKind {
  const kind = (Object.keys(PROBLEM_KINDS) as ProblemKind[]).find((k) => PROBLEM_KINDS[k] === status);
  return kind ?? "errore-interno";
}

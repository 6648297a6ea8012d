import { KINDS, type ColumnSpec } from "./kinds";
import { DATASET_KIND_LABELS_IT, IGNORE } from "../report";

/**
 * docs/formati-dati.md, generated from the kind definitions so that the page
 * and the importer cannot disagree (a unit test compares them).
 * Regenerate with: npm run docs:formati
 */
const it = (n: number) => n.toLocaleString("it-IT");

/** A column's type with the limits the database sets (lengths, digits, bounds). */
function typeText(c: ColumnSpec): string {
  const limits: string[] = [];
  if (c.maxLength !== undefined) limits.push(`max ${it(c.maxLength)} caratteri`);
  const n = c.numeric;
  if (n) {
    if (n.min !== undefined && n.max !== undefined) limits.push(`da ${it(n.min)} a ${it(n.max)}`);
    else if (n.min !== undefined) limits.push(`≥ ${it(n.min)}`);
    if (n.max === undefined) limits.push(`max ${n.integerDigits} cifre intere`);
    if (c.type === "number") limits.push(n.fractionDigits === 0 ? "senza decimali" : `max ${n.fractionDigits} decimali`);
  }
  return limits.length ? `${c.type} (${limits.join(", ")})` : c.type;
}

/** The column mapping (imports/csv/column-map.ts): what happens when a column is not recognised. */
function mappingSection(): string[] {
  return [
    "## Corrispondenza delle colonne",
    "",
    "Quando una colonna non è riconosciuta, può essere due campi, o manca una colonna obbligatoria, l'anteprima non si",
    "ferma: mostra le colonne del file accanto ai campi del tipo di dati, con la scelta più probabile già indicata e",
    `alcuni valori di esempio. Per ogni colonna si sceglie il campo che contiene oppure «${IGNORE}» (la colonna non è letta);`,
    "l'anteprima si ricalcola con le scelte fatte, e la conferma le salva per la zona con un nome (predefinito il nome del",
    "file). Il file successivo con le stesse intestazioni (in qualunque ordine, maiuscole e accenti a parte) è letto allo",
    "stesso modo senza chiedere: l'anteprima dice quale corrispondenza salvata ha usato e permette di cambiarla.",
    "",
    "Da riga di comando:",
    "",
    "```sh",
    'npm run import -- estrazione.csv --zona UMB-11 --map "Località=comune" --map "Misura=indicatore" --map "Operatore=ignora"',
    "npm run import -- estrazione-2025.csv --zona UMB-11               # applica da sola la corrispondenza salvata",
    'npm run import -- altro.csv --zona UMB-11 --mapping "estrazione"  # una corrispondenza salvata, per nome',
    "```",
    "",
    "Il campo si indica con il nome della colonna nei modelli (`comune`, `nome_comune`, `periodo`…) o con il nome interno",
    "(`comuneName`). Con `--mapping` e `--map` insieme, la corrispondenza salvata è il punto di partenza e le colonne indicate",
    "la cambiano. Con l'API: parametri `map` (ripetuto, uno per colonna) e `mapping` di `POST /api/v1/imports`;",
    "`--json` e il rapporto dell'API riportano in `mapping` come è stata letta ogni colonna (`origin`: `chosen` indicata,",
    "`saved` dalla corrispondenza salvata, `guessed` dall'intestazione), in `savedMapping` la corrispondenza applicata e",
    "in `mappingSave` quella che la conferma salva. Anteprima e conferma usano la stessa corrispondenza: un file rifiutato",
    "o solo visto in anteprima non salva nulla.",
    "",
    "Per `valori` il campo può essere anche il codice di un indicatore del catalogo: la colonna contiene i valori di",
    "quell'indicatore, come se l'intestazione fosse il codice (formato largo). Così si legge l'esportazione ISTAT",
    "«Codice comune;Denominazione;Anno;Totale»: `npm run import -- popolazione.csv --zona UMB-11 --map \"Totale=POP_TOT\"`",
    "(il tipo di dati è allora `valori`); la corrispondenza salvata vale anche per i file successivi.",
    "",
    "### Esportazioni ISTAT (SDMX-CSV)",
    "",
    "I file scaricati da esploradati.istat.it (o dal suo servizio SDMX, `Accept: application/vnd.sdmx.data+csv`) si importano",
    "come `valori`: SDMX-CSV 1.0 (prima colonna `DATAFLOW`), 2.0 (`STRUCTURE`, `STRUCTURE_ID`, `ACTION`), con o senza",
    "etichette (`REF_AREA: Territorio` nell'intestazione, `055022: Narni` nelle celle, oppure una colonna di etichette dopo",
    "quella dei codici, come `ITTER107;Territorio;…;TIME;Seleziona periodo;Value` delle vecchie esportazioni I.Stat). Il",
    "comune è `REF_AREA` o `ITTER107` (l'etichetta, se c'è, è controllata come nome), il periodo `TIME_PERIOD` (`2024`,",
    "`2024-Q1`, `2024-M03`), il valore `OBS_VALUE` (con il punto decimale); un valore vuoto con `CONF_STATUS` C, D o N è",
    "un dato riservato dalla fonte, e un `UNIT_MULT` diverso da 0 è un errore della riga. Le righe di Italia, ripartizioni,",
    "regioni, province, di comuni di altre zone o di codici non più in vigore sono lasciate da parte e contate nelle note.",
    "",
    "Quale indicatore del catalogo sia ciascuna combinazione delle altre dimensioni (`SEX`, `AGE`, `DATA_TYPE`…) lo dice",
    "la corrispondenza: l'anteprima elenca (nella pagina e in `sdmx` del rapporto) le combinazioni del file con le etichette e quante righe",
    `hanno; per ognuna si indica l'indicatore o «${IGNORE}». Da riga di comando: \`--map "SEX=9,AGE=TOTAL=POP_TOT"\` (le dimensioni non nominate`,
    "valgono qualunque valore), `--map \"SEX=1=ignora\"`. Le scelte si salvano con la corrispondenza: la prossima esportazione",
    "dello stesso dataflow si importa senza chiedere.",
    "",
  ];
}

/** Spreadsheets (imports/sheets/): read directly, through the same checks as CSV. */
function spreadsheetsSection(): string[] {
  return [
    "## Fogli di calcolo",
    "",
    "Si importano direttamente, senza salvarli prima come CSV:",
    "",
    "- **Excel `.xlsx`** e **LibreOffice/OpenOffice `.ods`**;",
    "- i file **`.xls` che in realtà sono pagine HTML** (la «Pagina Web» di Excel e l'«esporta in Excel» di molti gestionali",
    "  e portali): ogni tabella della pagina è un foglio;",
    "- i file **`.xls` in formato «Foglio di calcolo XML 2003»** (SpreadsheetML).",
    "",
    "Il formato si riconosce dal contenuto, non dall'estensione. Un **`.xls` binario di Excel 97-2003** non si legge: il",
    "messaggio spiega come salvarlo (in Excel: File › Salva con nome › «Cartella di lavoro di Excel (*.xlsx)» oppure",
    "«CSV UTF-8 (delimitato da virgole) (*.csv)»; in LibreOffice Calc: «Foglio elettronico ODF (.ods)» o «Testo CSV»).",
    "",
    "- **Foglio**: in un file con più fogli si legge il primo foglio con dati (i fogli nascosti sono saltati) e l'anteprima",
    "  dice quale; se ne sceglie un altro nell'anteprima, con `--sheet NOME` (o il numero, 1 = il primo) da riga di comando,",
    "  con il parametro `sheet` di `POST /api/v1/imports`. La conferma legge lo stesso foglio dell'anteprima.",
    "- **Righe**: le righe di titolo sopra l'intestazione, le note in fondo («Fonte: …») e le righe vuote si trattano come",
    "  nei CSV; le righe sono numerate come le mostra il programma, e i messaggi nominano foglio, riga e colonna con la sua",
    "  lettera (`Foglio «Dati», riga 12, colonna \"valore\" (D)`).",
    "- **Numeri e date dal tipo della cella**, non dal testo formattato: un numero è il valore memorizzato (fino a 15 cifre",
    "  significative, come lo mostra Excel: `0,30000000000000004` è `0,3`), una percentuale è letta come la mostra il foglio",
    "  (`28,4%` → 28,4), una data è `gg/mm/aaaa`, oppure il mese (`03/2024`) o l'anno quando il formato della cella mostra",
    "  solo quelli, così una colonna «periodo» formattata `mmm-aa` dà il mese. Le formule danno il risultato calcolato",
    "  salvato nel file, mai il loro testo; le celle di testo restano testo (un codice `055022` scritto come testo tiene lo",
    "  zero, e un codice ISTAT scritto come numero lo riacquista).",
    "- **Limiti**: come per i CSV, al massimo 500 colonne e 1.000.000 di caratteri per cella. Il foglio è letto a flusso",
    "  (un `.xlsx` di un milione di righe sta nella memoria dell'importazione, vedi `docs/benchmarks.md`); il testo condiviso",
    "  di un `.xlsx` (le stringhe che le celle richiamano) è tenuto in memoria fino a 40 milioni di caratteri. Un file",
    "  compresso che si espande in modo anomalo (più di 200 volte, o oltre 2 GB per parte), un archivio danneggiato o un XML",
    "  non valido sono rifiutati con un messaggio, senza importare nulla.",
    "",
  ];
}

export function formatsMarkdown(): string {
  const out: string[] = [
    "# Formati dei dati da importare",
    "",
    "<!-- Generato da imports/csv/formats-doc.ts con `npm run docs:formati`: non modificare a mano. -->",
    "",
    "Osservatorio importa file CSV così come escono da Excel, ISTAT, INPS, Regione e dalla",
    "contabilità dei comuni, e i fogli di calcolo (`.xlsx`, `.ods`, `.xls` salvati come pagina web o XML 2003: vedi",
    "«Fogli di calcolo» più sotto). Per ogni file CSV riconosce da solo:",
    "",
    "- **codifica**: UTF-8 con o senza BOM, Windows-1252 / ISO-8859-1, UTF-16 con BOM (il «Testo Unicode» di Excel),",
    "  DOS (CP850, riconosciuta dalle lettere accentate); un file con codifica mista, con byte nulli o con byte che",
    "  Windows-1252 non definisce (0x81, 0x8D, 0x8F, 0x90, 0x9D) è rifiutato con un messaggio che indica riga e byte;",
    "- **separatore**: `;` `,` tabulazione `|`; campi tra virgolette anche su più righe; fine riga CRLF, LF o CR;",
    "  l'ultima riga vale anche senza a capo finale;",
    "- **intestazione**: le righe di titolo o di nota sopra l'intestazione e le note in fondo («Fonte: …») sono ignorate;",
    "- **numeri**: `1.234,56` · `1234,56` · `1,234.56` · `1234.56` · `12%` · spazi come separatori delle migliaia;",
    "  la convenzione (virgola o punto decimale) è decisa sull'intera colonna: una colonna che le mescola dà errore sulle",
    "  celle dell'altra convenzione, mai un'ipotesi. Valori mancanti: vuoto, `-`, `n.d.`, `..`, `NA`;",
    "- **periodi**: `2024` · `2024-03` · `03/2024` · `2024-T1` · `2024-Q1` · `I trimestre 2024` · date `gg/mm/aaaa` (il loro mese);",
    "- **comuni**: codice ISTAT (gli zeri iniziali persi da Excel sono ripristinati: `54039` → `054039`), codice catastale",
    "  (`F844`) o nome (maiuscole, accenti scritti come apostrofo, apostrofi tipografici e spazi non contano), cercato",
    "  nella zona e poi nella sua provincia; un nome sconosciuto o ambiguo è un errore che elenca i candidati.",
    "",
    "I nomi delle colonne si riconoscono ignorando maiuscole, accenti, spazi e punteggiatura, e accettano gli alias indicati.",
    "Le celle che sembrano formule di un foglio di calcolo (`=…`, `+…`, `@…`) sono rifiutate, come quelle con caratteri di",
    "controllo (per esempio NUL). I limiti tra parentesi nella colonna «tipo» sono quelli del database: l'anteprima li",
    "controlla riga per riga, così la conferma non fallisce mai su un valore che l'anteprima ha accettato. I numeri sono",
    "conservati con tutte le cifre scritte (nessun arrotondamento); la forma esponenziale (`1E+12`) non è accettata.",
    "",
    "Ogni importazione passa da un'anteprima che non scrive nulla; la conferma scrive tutto o niente (oppure, su scelta",
    "esplicita, solo le righe valide, registrando quelle scartate). Reimportare lo stesso contenuto non cambia nulla;",
    "ogni importazione si può annullare e i valori tornano esattamente come prima.",
    "",
    "Modelli CSV con righe di esempio: pagina «Importa dati» oppure `GET /api/v1/imports/templates/{tipo}`.",
    "",
  ];
  out.push(...spreadsheetsSection());
  out.push(...mappingSection());
  for (const spec of Object.values(KINDS)) {
    out.push(`## \`${spec.kind}\` — ${DATASET_KIND_LABELS_IT[spec.kind]}`, "");
    out.push(spec.needsZone ? "Dati di una zona: serve la zona (`--zona UMB-11` o la zona della pagina)." : "Dati di riferimento, validi per tutte le zone.");
    if (spec.allowExtraColumns) out.push("Le altre colonne del file sono ignorate.");
    else out.push("Colonne non previste: errore con il suggerimento della colonna più simile.");
    out.push("", "| colonna | obbligatoria | tipo | alias accettati | descrizione |", "|---|---|---|---|---|");
    for (const c of spec.columns) {
      const aliases = [...new Set(c.aliases.slice(1))].filter((a) => a !== c.label).map((a) => `\`${a}\``).join(", ");
      const values = c.values ? ` Valori: ${Object.keys(c.values).map((v) => `\`${v}\``).join(", ")}.` : "";
      out.push(`| \`${c.label}\` | ${c.required ? "sì" : "no"} | ${typeText(c)} | ${aliases} | ${c.description}${values} |`);
    }
    out.push("", "Esempio:", "", "```csv", spec.columns.map((c) => c.label).join(";"), ...spec.examples.map((r) => r.join(";")), "```", "");
    if (spec.kind === "zone") {
      out.push(
        "Solo un amministratore. Una riga per comune e periodo; le colonne della zona si ripetono uguali su ogni sua riga.",
        "Per ogni zona che nomina, il file dà l'intera storia dei suoi comuni: le appartenenze registrate di quelle zone sono",
        "sostituite da quelle del file. Tutto o niente: una riga sbagliata e non si scrive nulla (anche con «solo le righe",
        "valide»). Un comune (o una sua parte) è di una sola zona alla volta: una sovrapposizione con un'altra riga o con una",
        "zona non presente nel file è un errore che nomina entrambe. Nei dati di un anno un comune conta nella zona di cui fa",
        "parte il 31 dicembre di quell'anno: chi cambia zona lascia i suoi anni precedenti nella zona di prima. Una città",
        "divisa fra più zone ha una riga per parte (`parte`, `quota`). Un comune soppresso da una fusione ISTAT ha",
        "`data_fine` (l'ultimo giorno) e `successore`. I file di riferimento dell'Umbria (`db/reference/umbria-zone-sociali.csv`)",
        "sono caricati dallo stesso codice. Vedi `docs/distribuzione.md`, «Territorio».",
        "",
      );
    }
    if (spec.kind === "valori") {
      out.push(
        "Oltre al formato lungo (una riga per valore) sono riconosciuti due formati larghi:",
        "",
        "- **una colonna per indicatore**: `comune;anno;POP_TOT;POP_65_PLUS` (le intestazioni sono codici del catalogo);",
        "- **una colonna per anno**: `comune;indicatore;2019;2020;…` oppure `comune;pop_2019;pop_2020` (prefisso = codice",
        "  dell'indicatore, o `pop`/`popolazione`/`residenti` per `POP_TOT`).",
        "",
        "Per un valore dell'intera zona (per esempio gli assistenti sociali dell'ATS) scrivere `zona` nella colonna comune.",
        "",
      );
    }
    if (spec.kind === "isee") {
      out.push(
        "Due forme, da non mescolare per lo stesso servizio e anno: **utenti per fascia** (`isee_inizio`, `isee_fine`, `utenti`,",
        "`esenti`; fasce che non si sovrappongono) oppure **un utente per riga** (`isee`, `esente`), senza nome né codice",
        "fiscale: gli utenti con lo stesso ISEE sono conservati come un solo valore con il loro numero. Il file dà la",
        "distribuzione intera del servizio in quell'anno: le fasce già importate per lo stesso servizio e anno che il file",
        "non riporta sono ritirate (l'anteprima le conta; annullare il caricamento le ripristina). Il simulatore della",
        "compartecipazione (`/zone/{zona}/compartecipazione`) usa la distribuzione importata del servizio scelto; i",
        "conteggi di utenti per fascia sono conteggi di persone e per la Conferenza di zona quelli piccoli sono oscurati",
        "(vedi [riservatezza.md](riservatezza.md)).",
        "",
      );
    }
  }
  out.push(
    "## `confini` — Confini comunali",
    "",
    "File GeoJSON (FeatureCollection) o TopoJSON con poligoni in WGS84 e il codice ISTAT del comune in una proprietà",
    "(`com_istat_code`, `PRO_COM_T`, `PRO_COM`, `istat`, `codice_istat`, `COD_ISTAT`). I confini ISTAT ufficiali sono",
    "in un sistema di riferimento proiettato: convertirli in WGS84 (EPSG:4326) prima dell'importazione. Le geometrie sono",
    "semplificate all'importazione (circa 50 m di tolleranza); i comuni fuori dalla zona sono ignorati.",
    "",
  );
  return out.join("\n");
}

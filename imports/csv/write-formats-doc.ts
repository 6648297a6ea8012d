/** npm run docs:formati — rewrites docs/formati-dati.md from the kind definitions. */
import fs from "node:fs";
import { formatsMarkdown } from "./formats-doc";

fs.writeFileSync("docs/formati-dati.md", formatsMarkdown());
console.log("docs/formati-dati.md aggiornato.");

/** npm run css:bootstrap — rewrites app/styles/bootstrap-italia.css, the part of Bootstrap Italia the app uses. */
import fs from "node:fs";
import zlib from "node:zlib";
import { BOOTSTRAP_ITALIA_CSS, bootstrapSubset, SUBSET_FILE } from "./bootstrap-subset";

const css = bootstrapSubset();
fs.writeFileSync(SUBSET_FILE, css);
const full = fs.readFileSync(BOOTSTRAP_ITALIA_CSS);
const kb = (b: Buffer | string) => `${Math.round(Buffer.byteLength(b) / 1024)} KB (${Math.round(zlib.gzipSync(b).length / 1024)} KB gzip)`;
console.log(`${SUBSET_FILE} aggiornato: ${kb(css)}, dal foglio completo di ${kb(full)}.`);

import { DATASET_KIND_LABELS_IT, IGNORE, mappingSentences, type ImportReport } from "./report";

const STATUS_IT: Record<ImportReport["status"], string> = {
  previewed: "Anteprima: nulla è stato scritto.",
  committed: "Importazione completata.",
  unchanged: "Nessuna modifica: il contenuto è già presente.",
  rejected: "Il file ha errori: nulla è stato scritto.",
};

const DELIMITER_IT: Record<string, string> = { ";": "punto e virgola", ",": "virgola", "\t": "tabulazione", "|": "barra verticale" };

/** The report in plain Italian, for the terminal. */
export function formatReportText(r: ImportReport, maxErrors = 50): string {
  const out: string[] = [];
  out.push(`${r.fileName}: ${STATUS_IT[r.status]}${r.batchId !== null ? ` (caricamento n. ${r.batchId})` : ""}`);
  const detected = [
    r.kind ? `tipo: ${DATASET_KIND_LABELS_IT[r.kind]} (${r.kind})` : null,
    r.format ? `formato: ${r.format}` : null,
    r.sheet !== undefined ? `${r.encoding ?? "foglio di calcolo"}, foglio «${r.sheet}»${(r.sheets?.length ?? 0) > 1 ? ` (di ${r.sheets?.length})` : ""}` : r.encoding ? `codifica: ${r.encoding}` : null,
    r.delimiter ? `separatore: ${DELIMITER_IT[r.delimiter] ?? r.delimiter}` : null,
    r.headerLine ? `intestazione alla riga ${r.headerLine}` : null,
  ].filter(Boolean);
  if (detected.length) out.push(`  ${detected.join(" · ")}`);
  out.push(
    `  righe lette ${r.rowsRead} · nuovi ${r.inserted} · modificati ${r.updated} · invariati ${r.unchanged} · scartate ${r.rejected}`,
  );
  for (const message of r.fileErrors) out.push(`  ERRORE: ${message}`);
  for (const c of r.changes.slice(0, 20)) out.push(`  riga ${c.line}: ${c.label}: ${c.before} → ${c.after}`);
  if (r.changes.length > 20) out.push(`  … e altre ${r.updated - 20} modifiche`);
  for (const e of r.errors.slice(0, maxErrors)) out.push(`  ${errorLine(e, r.sheet)}`);
  if (r.errorsTotal > maxErrors) out.push(`  … e altri ${r.errorsTotal - maxErrors} errori (usare --json per l'elenco dei primi ${Math.min(r.errors.length, r.errorsTotal)})`);
  for (const w of r.warnings.slice(0, maxErrors)) out.push(`  AVVISO: ${w.message}`);
  if (r.warningsTotal > maxErrors) out.push(`  … e altri ${r.warningsTotal - maxErrors} avvisi (usare --json per l'elenco completo)`);
  if (r.warningsTotal > 0 && r.status === "previewed") {
    out.push(`  ${r.warningsTotal === 1 ? "1 avviso: per importare confermarlo" : `${r.warningsTotal} avvisi: per importare confermarli`} con --accept-warnings.`);
  }
  for (const note of r.notes) out.push(`  nota: ${note}`);
  for (const sentence of mappingSentences(r)) out.push(`  nota: ${sentence}`);
  // The columns as read, when the user has to choose or has chosen: what --map would change.
  if (r.mapping && (r.mappingNeeded || r.mapping.some((m) => m.origin === "chosen" || m.origin === "saved"))) {
    out.push("  colonne (--map \"COLONNA=CAMPO\" per cambiarle):");
    for (const m of r.mapping) {
      if (!m.header.trim()) continue;
      const read = m.label ?? (m.origin ? IGNORE : "?");
      const origin = m.origin === "chosen" ? " (scelta)" : m.origin === "saved" ? " (salvata)" : "";
      const maybe = !m.field && m.candidates?.length ? ` · forse: ${m.candidates.map((c) => c.label).join(", ")}` : "";
      const samples = m.samples?.length ? ` · es. ${m.samples.join(", ")}` : "";
      out.push(`    ${m.index + 1}. «${m.header}» → ${read}${origin}${maybe}${samples}`);
    }
  }
  return out.join("\n");
}

/**
 * One error for the terminal. Row messages already open with their place
 * ("Riga 2, colonna …:"), so the place is added only to those that do not,
 * and a column is named only when the error has one.
 */
function errorLine(e: ImportReport["errors"][number], sheet: string | undefined): string {
  if (/^(riga|foglio) /i.test(e.message)) return e.message;
  const place = [sheet !== undefined ? `foglio «${sheet}»` : null, `riga ${e.line}`, e.column ? `colonna "${e.column}"` : null, e.value ? `valore "${e.value}"` : null];
  return `${place.filter(Boolean).join(", ")}: ${e.message}`;
}

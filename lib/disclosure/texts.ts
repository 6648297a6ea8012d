/** The Italian texts of the rule, for pages, exports and reports. */
import { NA } from "@/lib/format";
import { type CellStatus } from "./model";

export const DEFAULT_DISCLOSURE_THRESHOLD = 3;
/** A zone may raise its threshold (never below SISTAN's 3); 20 keeps tables of small comuni readable. */
export const MIN_DISCLOSURE_THRESHOLD = 3;
export const MAX_DISCLOSURE_THRESHOLD = 20;

/** The mark printed in place of every suppressed value (primary or secondary alike). */
export function suppressedMarkIt(threshold: number = DEFAULT_DISCLOSURE_THRESHOLD): string {
  return `< ${threshold}`;
}

export const SUPPRESSED_MARK_IT = suppressedMarkIt(DEFAULT_DISCLOSURE_THRESHOLD);

/** The mark of a value the source itself withheld for confidentiality. */
export const CONFIDENTIAL_MARK_IT = "riservato";

/** Shown to the zone's planners and analysts next to a raw value that protected readers do not see. */
export const NOT_PUBLISHABLE_IT = "non pubblicabile";

/** Footnote under every table with suppressed values. */
export function disclosureFootnoteIt(threshold: number = DEFAULT_DISCLOSURE_THRESHOLD): string {
  const mark = suppressedMarkIt(threshold);
  return (
    `«${mark}»: dato non pubblicato per la tutela del segreto statistico. ` +
    `Non si pubblicano i conteggi di persone inferiori a ${threshold} e, quando serve, ` +
    `neppure altri valori o totali da cui si potrebbero ricavare per differenza; ` +
    `lo stesso segno è usato in tutti i casi, quindi un dato con «${mark}» non è necessariamente inferiore a ${threshold}. ` +
    `Anche i tassi e le medie calcolati su quei conteggi non sono pubblicati. ` +
    `«${CONFIDENTIAL_MARK_IT}»: dato non diffuso dalla fonte.`
  );
}

/** A short paragraph on the method, for the pages' notes and the documentation. */
export function disclosureMethodIt(threshold: number = DEFAULT_DISCLOSURE_THRESHOLD): string {
  return (
    `Riservatezza statistica (regole SISTAN). Un conteggio di persone inferiore a ${threshold} non viene pubblicato ` +
    `(soppressione primaria). Poiché i totali di riga, di colonna e di zona sono pubblicati, si oscurano anche altri valori ` +
    `(soppressione secondaria), scelti in modo da perdere meno informazione possibile, finché una verifica esatta ` +
    `(programmazione lineare su tutte le somme pubblicate nella stessa pagina o nello stesso prospetto) mostra che ` +
    `nessun valore oscurato si può ricavare con esattezza e che nessun conteggio oscurato si può dimostrare inferiore a ${threshold}. ` +
    `Gli zeri sono pubblicati. Un tasso o una media il cui numeratore conta persone è oscurato insieme al suo numeratore, ` +
    `perché moltiplicato per il denominatore pubblico lo restituirebbe. I valori che la fonte ha già dichiarato riservati restano tali.`
  );
}

/** The text of one protected value: the formatted number, the mark, "riservato" or "n.d.". */
export function protectedValueTextIt(
  cell: { value: number | null; status: CellStatus },
  format: (value: number) => string,
  threshold: number = DEFAULT_DISCLOSURE_THRESHOLD,
): string {
  switch (cell.status) {
    case "shown":
      return cell.value === null ? NA : format(cell.value);
    case "primary":
    case "secondary":
      return suppressedMarkIt(threshold);
    case "confidential":
      return CONFIDENTIAL_MARK_IT;
    case "missing":
      return NA;
  }
}

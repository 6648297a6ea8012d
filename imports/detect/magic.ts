/**
 * Files that are not text, recognised by their first bytes, each with the
 * Italian message that tells the user what to do instead.
 */
interface Signature {
  bytes: readonly number[];
  message: (sample: Uint8Array) => string;
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function containsAscii(sample: Uint8Array, needle: string): boolean {
  return Buffer.from(sample.buffer, sample.byteOffset, Math.min(sample.byteLength, 4096)).includes(needle, 0, "latin1");
}

const SIGNATURES: readonly Signature[] = [
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    message: (s) =>
      containsAscii(s, "xl/") || containsAscii(s, "[Content_Types].xml")
        ? "Il file sembra un foglio Excel (.xlsx): aprilo in Excel e salvalo come «CSV (delimitato dal separatore di elenco)»."
        : containsAscii(s, "opendocument.spreadsheet")
          ? "Il file sembra un foglio di calcolo LibreOffice (.ods): salvalo come CSV."
          : "Il file è un archivio compresso (ZIP) o un foglio Excel (.xlsx): estrai o salva i dati come CSV.",
  },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], message: () => "Il file sembra un foglio Excel 97-2003 (.xls): aprilo in Excel e salvalo come CSV." },
  { bytes: ascii("%PDF"), message: () => "Il file è un PDF, non un CSV: esporta i dati in formato CSV dal programma che li ha prodotti." },
  { bytes: [0x89, 0x50, 0x4e, 0x47], message: () => "Il file è un'immagine PNG, non un CSV." },
  { bytes: [0xff, 0xd8, 0xff], message: () => "Il file è un'immagine JPEG, non un CSV." },
  { bytes: ascii("GIF8"), message: () => "Il file è un'immagine GIF, non un CSV." },
  { bytes: [0x1f, 0x8b], message: () => "Il file è compresso (gzip): decomprimilo prima di importarlo." },
  { bytes: ascii("7z\xbc\xaf"), message: () => "Il file è un archivio 7-Zip: estrai il CSV prima di importarlo." },
  { bytes: ascii("Rar!"), message: () => "Il file è un archivio RAR: estrai il CSV prima di importarlo." },
];

/** The Italian message for a known binary format, or null. */
export function binaryFormatMessage(sample: Uint8Array): string | null {
  for (const sig of SIGNATURES) {
    if (sig.bytes.length <= sample.length && sig.bytes.every((b, i) => sample[i] === b)) return sig.message(sample);
  }
  return null;
}

/**
 * Text formats that are not CSV: some portals hand out HTML tables or Excel
 * 2003 XML named ".xls". Checked on decoded text.
 */
export function markupFormatMessage(text: string): string | null {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith("<?xml") && head.includes("urn:schemas-microsoft-com:office:spreadsheet")) {
    return "Il file è un foglio Excel in formato XML 2003: aprilo in Excel e salvalo come CSV.";
  }
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || (head.startsWith("<") && head.includes("<table"))) {
    return "Il file è una pagina HTML, non un CSV (capita con i «.xls» scaricati da alcuni portali): aprilo in Excel e salvalo come CSV.";
  }
  return null;
}

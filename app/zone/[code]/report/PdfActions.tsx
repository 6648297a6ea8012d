import { pdfAvailability } from "@/lib/report/pdf";

/**
 * "Scarica il PDF" when the server can render it; otherwise (or after a
 * failed render) the reason, and the browser's print dialog instead.
 */
export function PdfActions({ href, outcome }: { href: string; outcome: string | null }) {
  const availability = pdfAvailability();
  const reason = !availability.available ? availability.reason : outcome === "errore" ? "la generazione del PDF sul server non è riuscita (il problema è stato registrato)" : null;
  return (
    <div className="no-print mb-3 d-flex flex-wrap gap-2 align-items-center">
      {availability.available && (
        <a className="btn btn-primary btn-sm" href={href} download>
          Scarica il PDF
        </a>
      )}
      <button type="button" className="btn btn-outline-primary btn-sm" data-print>
        Stampa
      </button>
      {reason && (
        <p className="small mb-0" role="status">
          PDF non disponibile: {reason}. Usare «Stampa» e scegliere «Salva come PDF» nella finestra di stampa del browser.
        </p>
      )}
    </div>
  );
}

import { shownText, partialTextIt, NOT_PUBLISHABLE_IT, type ShownLike, type ZoneShownLike } from "@/lib/territory/shown";

/**
 * The content of a table cell for a value as shown: the number, the mark of
 * a withheld value with a reference to the footnote, "n.d." with the partial
 * figure said apart, and "non pubblicabile" under a raw value that readers
 * outside the Ufficio di Piano do not see. Text, never colour alone.
 */
export function ShownValueCell({ v, decimals, mark }: { v: ShownLike | (ShownLike & ZoneShownLike) | null | undefined; decimals: number; mark: string }) {
  if (!v) return <>n.d.</>;
  const partial = "partialValue" in v ? partialTextIt(v, decimals, mark) : null;
  return (
    <>
      {v.disclosure === "suppressed" ? (
        <span title="Dato non pubblicato per la tutela del segreto statistico: vedi la nota sotto la tabella">
          {mark}
          <sup aria-hidden="true">*</sup>
        </span>
      ) : (
        shownText(v, decimals, mark)
      )}
      {partial && <span className="d-block small fw-normal text-secondary">{partial}</span>}
      {v.disclosure === "unpublishable" && <span className="d-block small fw-normal text-danger-emphasis">{NOT_PUBLISHABLE_IT}</span>}
    </>
  );
}

/** The footnote under a table with withheld or unpublishable values. */
export function DisclosureFootnote({ footnote }: { footnote: string | null }) {
  if (!footnote) return null;
  return (
    <p className="small disclosure-footnote">
      <span aria-hidden="true">* </span>
      {footnote}
    </p>
  );
}

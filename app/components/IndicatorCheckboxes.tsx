import type { IndicatorDefinition } from "@/lib/catalog/schema";

/** Checkboxes to choose indicators in a GET form (name "indicatori"), one group under a legend. */
export function IndicatorCheckboxes({
  legend,
  indicators,
  checked,
  idPrefix,
  describe,
}: {
  legend: string;
  indicators: readonly IndicatorDefinition[];
  checked: readonly string[];
  idPrefix: string;
  describe?: (d: IndicatorDefinition) => string;
}) {
  if (indicators.length === 0) return null;
  return (
    <fieldset className="mt-2">
      <legend className="h6">{legend}</legend>
      <div className="d-flex flex-wrap gap-3">
        {indicators.map((d) => (
          <div className="form-check" key={d.code}>
            <input className="form-check-input" type="checkbox" name="indicatori" value={d.code} id={`${idPrefix}-${d.code}`} defaultChecked={checked.includes(d.code)} />
            <label className="form-check-label" htmlFor={`${idPrefix}-${d.code}`}>
              {describe ? describe(d) : d.name}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

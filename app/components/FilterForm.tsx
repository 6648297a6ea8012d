import type { ReactNode } from "react";

/**
 * The GET form of a page's filters (year, indicator, comune…): the choices go in
 * the URL, so every view can be shared, bookmarked and printed. The fields sit in
 * one row with the submit button; `after` holds what goes below (checkbox groups).
 */
export function FilterForm({
  submitLabel,
  submitColumn = "col-md-3",
  children,
  after,
}: {
  submitLabel: string;
  /** Bootstrap column class of the button. */
  submitColumn?: string;
  children: ReactNode;
  after?: ReactNode;
}) {
  return (
    <form method="get" className="mb-4 no-print">
      <div className="row g-3 align-items-end">
        {children}
        <div className={submitColumn}>
          <button type="submit" className="btn btn-primary">
            {submitLabel}
          </button>
        </div>
      </div>
      {after}
    </form>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** A labelled select of a FilterForm; `empty` adds a first option with value "" (no filter). */
export function SelectField({
  name,
  label,
  column,
  defaultValue,
  options,
  groups,
  empty,
}: {
  /** Query-string parameter, also the element's id. */
  name: string;
  label: string;
  /** Bootstrap column class. */
  column: string;
  defaultValue: string | undefined;
  options?: readonly SelectOption[];
  /** Options under <optgroup> labels, for long lists (indicators by theme). */
  groups?: readonly { label: string; options: readonly SelectOption[] }[];
  empty?: string;
}) {
  const render = (list: readonly SelectOption[]) =>
    list.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  return (
    <div className={column}>
      <label htmlFor={name} className="form-label">
        {label}
      </label>
      <select id={name} name={name} className="form-select" defaultValue={defaultValue}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options && render(options)}
        {groups
          ?.filter((g) => g.options.length > 0)
          .map((g) => (
            <optgroup key={g.label} label={g.label}>
              {render(g.options)}
            </optgroup>
          ))}
      </select>
    </div>
  );
}

/** Years as select options, as they are. */
export function yearOptions(years: readonly number[]): SelectOption[] {
  return years.map((y) => ({ value: String(y), label: String(y) }));
}

"use client";

import { IGNORE } from "@/imports/report";

/**
 * One row's choice in the mapping forms (a column's field, a series'
 * indicator): a select with "— scegliere —", the options and "ignore", its
 * error below it and tied to it for screen readers.
 */
export function ChoiceSelect({ id, value, options, ignoreMeaning, error, register, onChange }: {
  id: string;
  value: string;
  options: readonly { value: string; label: string }[];
  /** What choosing IGNORE does, in words: "non leggere la colonna". */
  ignoreMeaning: string;
  error: string | undefined;
  /** Receives the element, so that the form can move the focus to the first error. */
  register: (el: HTMLSelectElement | null) => void;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <select
        id={id}
        ref={register}
        className={`form-select form-select-sm ${error ? "is-invalid" : ""}`}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-errore` : undefined}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        <option value="">— scegliere —</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        <option value={IGNORE}>
          {IGNORE} ({ignoreMeaning})
        </option>
      </select>
      {error && (
        <p id={`${id}-errore`} className="text-danger small mb-0">
          {error}
        </p>
      )}
    </>
  );
}

"use client";

import { useRouter } from "next/navigation";
import type { ZoneSelectorOptions } from "./zone-selector-options";

interface Props extends ZoneSelectorOptions {
  current: string;
}

/**
 * Changing the zone navigates at once; without JavaScript the button submits the form.
 * Lists the current region's zones, and one entry per other region (see zoneSelectorOptions).
 */
export function ZoneSelector({ zones, otherRegions, current }: Props) {
  const router = useRouter();
  const options = zones.map((z) => (
    <option key={z.code} value={z.code}>
      {z.name}
    </option>
  ));
  return (
    <form action="/zona" method="get" className="zone-selector d-flex align-items-end gap-2 no-print">
      <div className="select-wrapper mb-0">
        <label htmlFor="zona-select">Zona sociale</label>
        <select
          id="zona-select"
          name="code"
          defaultValue={current}
          onChange={(e) => router.push(`/zone/${e.currentTarget.value}`)}
        >
          {otherRegions.length ? <optgroup label="Questa regione">{options}</optgroup> : options}
          {otherRegions.length > 0 && (
            <optgroup label="Altre regioni">
              {otherRegions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.label}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>
      <noscript>
        <button type="submit" className="btn btn-primary btn-sm">
          Vai
        </button>
      </noscript>
    </form>
  );
}

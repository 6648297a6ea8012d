"use client";

import { useRouter } from "next/navigation";

interface Props {
  zones: { code: string; name: string }[];
  current: string;
}

/** Changing the zone navigates at once; without JavaScript the button submits the form. */
export function ZoneSelector({ zones, current }: Props) {
  const router = useRouter();
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
          {zones.map((z) => (
            <option key={z.code} value={z.code}>
              {z.name}
            </option>
          ))}
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

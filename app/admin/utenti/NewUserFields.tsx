"use client";

import { useState, useSyncExternalStore } from "react";
import type { Role } from "@/lib/auth/roles";
import { AccessFields } from "./AccessFields";
import { comuniOfScope, type ZonedComune } from "@/lib/auth/user-form";

const codesOf = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);

const noSubscription = () => () => {};

/**
 * Role, zones, regions and, for a Conferenza di zona user, their comune: a
 * select of the comuni of the zones typed (required then, checked again on
 * the server). Without JavaScript the select lists every zone's comuni and
 * stays visible; with it, it shows only for the Conferenza.
 */
export function NewUserFields({ comuni }: { comuni: readonly ZonedComune[] }) {
  const [role, setRole] = useState<Role>("pianificatore");
  const [zones, setZones] = useState("");
  const [regions, setRegions] = useState("");
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const conferenza = role === "conferenza";
  const shown = hydrated ? comuniOfScope(comuni, codesOf(zones), codesOf(regions)) : comuni;
  return (
    <>
      <AccessFields
        idSuffix="new"
        column="col-md-4"
        role={{ value: role, onChange: (v) => setRole(v as Role) }}
        zones={{ value: zones, onChange: setZones }}
        regions={{ value: regions, onChange: setRegions }}
      />
      <div className="col-md-6" hidden={hydrated && !conferenza}>
        <label htmlFor="new-comune" className="form-label">
          Comune (solo Conferenza di zona: la sua pagina si apre dopo l&apos;accesso)
        </label>
        <select id="new-comune" name="comune" className="form-select" required={conferenza} disabled={hydrated && !conferenza} aria-describedby="new-comune-hint" defaultValue="">
          <option value="">{shown.length === 0 ? "indicare prima le zone" : "scegliere il comune"}</option>
          {shown.map((c) => (
            <option key={c.istat} value={c.istat}>
              {c.name} ({c.zoneCode})
            </option>
          ))}
        </select>
        <p id="new-comune-hint" className="form-text mb-0">
          I comuni delle zone indicate.
        </p>
      </div>
    </>
  );
}

"use client";

import { useState, useSyncExternalStore } from "react";
import { ROLES, ROLE_LABELS_IT, type Role } from "@/lib/auth/roles";
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
      <div className="col-md-4">
        <label htmlFor="new-role" className="form-label">Ruolo</label>
        <select id="new-role" name="role" className="form-select" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS_IT[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="col-md-4">
        <label htmlFor="new-zones" className="form-label">Zone (es. UMB-11, UMB-06)</label>
        <input id="new-zones" name="zones" className="form-control" value={zones} onChange={(e) => setZones(e.target.value)} />
      </div>
      <div className="col-md-4">
        <label htmlFor="new-regions" className="form-label">Tutte le zone delle regioni (es. 10)</label>
        <input id="new-regions" name="regions" className="form-control" value={regions} onChange={(e) => setRegions(e.target.value)} />
      </div>
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

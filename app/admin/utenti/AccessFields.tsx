import { ROLES, ROLE_LABELS_IT, type Role } from "@/lib/auth/roles";

/**
 * One field of the access form, controlled (the new-user form, which
 * shows the comune select for a Conferenza user as the role changes) or
 * with a default (the edit form, rendered on the server).
 */
export interface AccessField {
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
}

const control = ({ value, defaultValue, onChange }: AccessField) => ({
  value,
  defaultValue,
  onChange: onChange && ((e: { target: { value: string } }) => onChange(e.target.value)),
});

/** Role, zones and whole regions of a user: the same labels and names in the new-user and edit forms. */
export function AccessFields({ idSuffix, role, zones, regions, column }: { idSuffix: string; role: AccessField; zones: AccessField; regions: AccessField; column: string }) {
  return (
    <>
      <div className={column}>
        <label htmlFor={`role-${idSuffix}`} className="form-label">Ruolo</label>
        <select id={`role-${idSuffix}`} name="role" className="form-select" {...control(role)}>
          {ROLES.map((r: Role) => (
            <option key={r} value={r}>
              {ROLE_LABELS_IT[r]}
            </option>
          ))}
        </select>
      </div>
      <div className={column}>
        <label htmlFor={`zones-${idSuffix}`} className="form-label">Zone (es. UMB-11, UMB-06)</label>
        <input id={`zones-${idSuffix}`} name="zones" className="form-control" {...control(zones)} />
      </div>
      <div className={column}>
        <label htmlFor={`regions-${idSuffix}`} className="form-label">Tutte le zone delle regioni (es. 10)</label>
        <input id={`regions-${idSuffix}`} name="regions" className="form-control" {...control(regions)} />
      </div>
    </>
  );
}

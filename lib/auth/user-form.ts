import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { ZONE_CODE } from "@/lib/territory/zone-code";

/** A comune an admin may bind a Conferenza user to: a current comune of a zone. */
export interface ZonedComune {
  istat: string;
  name: string;
  zoneCode: string;
  regionCode: string;
}

/** The comuni of these zones and of every zone of these regions: the choices of a Conferenza user's comune. */
export function comuniOfScope<C extends ZonedComune>(comuni: readonly C[], zones: readonly string[], regions: readonly string[]): C[] {
  return comuni.filter((c) => zones.includes(c.zoneCode) || regions.includes(c.regionCode));
}

/**
 * The «Nuovo utente» form (app/admin/utenti), in Italian: a Conferenza di
 * zona user needs their comune, one of the comuni of their zones (or of the
 * zones of their regions), as `comuni` lists them; any other role has none.
 * createUser checks the comune again against the database.
 */
export function newUserForm(comuni: readonly ZonedComune[]) {
  return z
    .object({
      email: z.string().trim().toLowerCase().pipe(z.email("Indirizzo e-mail non valido.")),
      name: z.string().trim().max(120, "Nome troppo lungo: al massimo 120 caratteri.").optional(),
      role: z.enum(ROLES, { error: "Scegliere un ruolo." }),
      zones: z.array(z.string().regex(ZONE_CODE, "Zone nel formato UMB-11, separate da virgole.")),
      regions: z.array(z.string().regex(/^\d{2}$/, "Regioni con il codice ISTAT a 2 cifre (10 = Umbria).")),
      comune: z.union([z.literal(""), z.string().regex(/^\d{6}$/, "Scegliere il comune dall'elenco.")]),
    })
    .superRefine((u, ctx) => {
      if (u.role !== "conferenza") {
        if (u.comune !== "") ctx.addIssue({ code: "custom", path: ["comune"], message: "Solo un utente della Conferenza di zona ha un comune." });
        return;
      }
      if (u.comune !== "" && !/^\d{6}$/.test(u.comune)) return; // already refused by its format
      if (u.comune === "") {
        ctx.addIssue({ code: "custom", path: ["comune"], message: "Scegliere il comune dell'utente della Conferenza di zona: la sua pagina si apre dopo l'accesso." });
        return;
      }
      const comune = comuni.find((c) => c.istat === u.comune);
      if (!comune) ctx.addIssue({ code: "custom", path: ["comune"], message: `Comune con codice ISTAT ${u.comune} sconosciuto o non in una zona sociale.` });
      else if (comuniOfScope([comune], u.zones, u.regions).length === 0) {
        ctx.addIssue({ code: "custom", path: ["comune"], message: `Il comune di ${comune.name} non è in una delle zone dell'utente (${u.zones.join(", ") || "nessuna zona"}): indicare la sua zona o un altro comune.` });
      }
    })
    .transform(({ comune, ...u }) => (comune === "" ? u : { ...u, comune }));
}

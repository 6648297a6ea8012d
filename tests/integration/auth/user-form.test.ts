import { describe, expect, it } from "vitest";
import { createUser, findUserByEmail, principalOfUser } from "@/db/auth/users";
import { listZonedComuni } from "@/db/queries/comuni";
import { comuniOfScope, newUserForm } from "@/lib/auth/user-form";
import { testEngines } from "@/tests/helpers/db";
import { accountsSuite } from "@/tests/helpers/accounts-suite";

const NARNI = "055022";
const TERNI = "055032"; // Zona 10

/** The admin's «Nuovo utente» form (app/admin/actions.ts createUserAction): the Conferenza's comune, checked against the database's zones. */
describe.each(testEngines())("the new-user form's comune on $name", (engine) => {
  const suite = accountsSuite(engine);

  const form = async (fields: { role: string; zones?: string[]; regions?: string[]; comune?: string }) =>
    newUserForm(await listZonedComuni(suite.handle.db)).safeParse({ email: "Sindaco@Narni.it", zones: [], regions: [], comune: "", ...fields });
  const message = (r: Awaited<ReturnType<typeof form>>) => (r.success ? null : r.error.issues.map((i) => i.message).join(" "));

  it("offers the comuni of the zones typed, or of their regions' zones", async () => {
    const comuni = await listZonedComuni(suite.handle.db);
    const zona11 = comuniOfScope(comuni, ["UMB-11"], []);
    expect(zona11).toHaveLength(12);
    expect(zona11.map((c) => c.istat)).toContain(NARNI);
    expect(zona11.map((c) => c.istat)).not.toContain(TERNI);
    expect(comuniOfScope(comuni, [], ["10"])).toHaveLength(92);
  });

  it("a Conferenza user is created with a comune of their zone and lands on it", async () => {
    const parsed = await form({ role: "conferenza", zones: ["UMB-11"], comune: NARNI });
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data).toMatchObject({ email: "sindaco@narni.it", comune: NARNI });
    const user = await createUser(suite.handle.db, suite.auth, parsed.data);
    expect((await principalOfUser(suite.handle.db, user.id))?.comuneIstat).toBe(NARNI);
    expect((await findUserByEmail(suite.handle.db, "sindaco@narni.it"))?.comune).toBe(NARNI);
  });

  it("refuses, in Italian, a Conferenza user without a comune or with one outside their zones", async () => {
    expect(message(await form({ role: "conferenza", zones: ["UMB-11"] }))).toBe("Scegliere il comune dell'utente della Conferenza di zona: la sua pagina si apre dopo l'accesso.");
    expect(message(await form({ role: "conferenza", zones: ["UMB-11"], comune: TERNI }))).toBe(
      "Il comune di Terni non è in una delle zone dell'utente (UMB-11): indicare la sua zona o un altro comune.",
    );
    expect(message(await form({ role: "conferenza", zones: ["UMB-11"], comune: "999999" }))).toBe("Comune con codice ISTAT 999999 sconosciuto o non in una zona sociale.");
    expect(message(await form({ role: "conferenza", zones: ["UMB-11"], comune: "Narni" }))).toBe("Scegliere il comune dall'elenco.");
    // Through the region, a comune of any of its zones.
    expect((await form({ role: "conferenza", regions: ["10"], comune: TERNI })).success).toBe(true);
  });

  it("any other role has no comune", async () => {
    const planner = await form({ role: "pianificatore", zones: ["UMB-11"] });
    expect(planner.success && !("comune" in planner.data)).toBe(true);
    expect(message(await form({ role: "pianificatore", zones: ["UMB-11"], comune: NARNI }))).toBe("Solo un utente della Conferenza di zona ha un comune.");
  });
});

import { describe, expect, it } from "vitest";
import { auditActionLabel, auditDetailsText, auditSubjectLabel } from "@/lib/audit-words";

describe("the audit log in words", () => {
  it("names events, objects and details in Italian", () => {
    expect(auditActionLabel("login.success")).toBe("Accesso riuscito");
    expect(auditActionLabel("something.new")).toBe("something.new");
    expect(auditSubjectLabel("import_batch:3")).toBe("importazione n. 3");
    expect(auditSubjectLabel("analista@demo.osservatorio.it")).toBe("analista@demo.osservatorio.it");
    expect(auditSubjectLabel(null)).toBe("—");
    expect(auditDetailsText({ ip: "127.0.0.1", zones: ["UMB-11", "UMB-06"], unprotectedData: false, inserted: 12345 })).toBe(
      "indirizzo: 127.0.0.1; zone: UMB-11, UMB-06; dati non protetti: no; nuovi: 12.345",
    );
    expect(auditDetailsText({ before: { role: "analista" }, after: 5 })).toBe("prima: (ruolo: analista); dopo: 5");
    expect(auditDetailsText({})).toBe("");
    expect(auditActionLabel("target.edit")).toBe("Obiettivo modificato");
    // A year keeps its four digits; other numbers are grouped the Italian way.
    expect(auditDetailsText({ targetYear: 2026, targetValue: 9.5, baselineYear: 2023 })).toBe("anno obiettivo: 2026; valore da raggiungere: 9,50; anno base: 2023");
  });
});

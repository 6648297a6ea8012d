import { describe, expect, it } from "vitest";
import { z } from "zod";
import { italianMessage } from "@/lib/zod-it";
import { parseEnv } from "@/lib/env";

/**
 * Every zod failure a user can see is Italian. This file does not import
 * lib/zod-it for its effect: the test setup loads it as every entry point of
 * the app does (through lib/env.ts), so a schema parsed here fails as in the server.
 */
const ENGLISH = /\b(invalid|expected|received|too (big|small)|must|option|input|unrecognized|characters?|string|number)\b/i;

const messages = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => i.message);
};

describe("Italian zod messages", () => {
  it("are installed for the whole process", () => {
    expect(z.config().localeError).toBe(italianMessage);
  });

  it.each([
    ["an option outside an enum", z.enum(["preview", "commit"]), "x", 'Valore non valido: atteso uno tra "preview", "commit".'],
    ["a literal", z.literal("si"), "no", 'Valore non valido: atteso "si".'],
    ["a string too long", z.string().max(255), "x".repeat(256), "Troppo lungo: al massimo 255 caratteri."],
    ["a string too short", z.string().min(12), "corta", "Troppo corto: almeno 12 caratteri."],
    ["an empty string", z.string().min(1), "", "Obbligatorio: non può essere vuoto."],
    ["a number too big", z.number().max(10_000), 20_000, "Troppo grande: al massimo 10.000."],
    ["a number not positive", z.coerce.number().positive(), "-1", "Troppo piccolo: deve essere maggiore di 0."],
    ["a wrong type", z.number(), "dieci", "Valore non valido: atteso un numero, ricevuto un testo."],
    ["a missing value", z.object({ nome: z.string() }), {}, "Valore non valido: atteso un testo, ricevuto nessun valore."],
    ["an integer", z.number().int(), 1.5, "Valore non valido: atteso un numero intero, ricevuto un numero."],
    ["an e-mail", z.email(), "non-una-mail", "Indirizzo e-mail non valido."],
    ["a URL", z.url(), "indirizzo", "Indirizzo web (URL) non valido."],
    ["a pattern", z.string().regex(/^[A-Z]{3}-\d{2}$/), "umb11", "Formato non valido."],
    ["an unknown key", z.strictObject({ a: z.string() }), { a: "x", b: 1 }, 'Campo non previsto: "b".'],
    ["a list too long", z.array(z.string()).max(1), ["a", "b"], "Troppo lungo: al massimo 1 elemento."],
    ["a union", z.union([z.number(), z.boolean()]), "x", "Valore non valido: non corrisponde a nessuna delle forme ammesse."],
    ["a refinement", z.string().refine((v) => v === "ok"), "no", "Valore non valido."],
  ])("%s", (_, schema, value, expected) => {
    const [message] = messages(schema, value);
    expect(message).toBe(expected);
    expect(message).not.toMatch(ENGLISH);
  });

  it("keep a schema's own message", () => {
    expect(messages(z.string().min(3, "Dare un nome di almeno 3 caratteri."), "x")).toEqual(["Dare un nome di almeno 3 caratteri."]);
  });

  it("reach the configuration errors", () => {
    expect(() => parseEnv({ OSSERVATORIO_DEMO: "forse" })).toThrow(/OSSERVATORIO_DEMO: Valore non valido: atteso uno tra "0", "1", "true", "false"\./);
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT: Troppo grande: al massimo 65\.535\./);
  });
});

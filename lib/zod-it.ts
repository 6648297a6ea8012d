import { z } from "zod";
import { formatBigInt, formatUpTo } from "@/lib/format";

/**
 * Italian messages for every zod failure, installed once per process: lib/env.ts
 * imports this module, and every entry point (the Next server through
 * instrumentation and db/server, the CLIs, the test setup) reads lib/env.ts first.
 * zod keeps the setting on globalThis, so every bundle of the server shares it.
 * Messages given in a schema ("Indirizzo e-mail non valido.") still win.
 * zod's own Italian locale covers the rarer kinds; the common ones are reworded
 * here for people ("al massimo 255 caratteri", not "string deve avere <=255 caratteri").
 */
type Issue = Parameters<NonNullable<ReturnType<typeof z.locales.it>["localeError"]>>[0];

const zodItalian = z.locales.it().localeError;

function fallback(issue: Issue): string | undefined {
  const message = zodItalian(issue);
  return typeof message === "string" ? message : (message?.message ?? undefined);
}

const EXPECTED_IT: Record<string, string> = {
  string: "un testo",
  number: "un numero",
  int: "un numero intero",
  bigint: "un numero intero",
  boolean: "vero o falso",
  date: "una data",
  array: "un elenco",
  object: "un oggetto",
  file: "un file",
  null: "nessun valore",
  undefined: "nessun valore",
  nan: "un numero",
};

function receivedIt(input: unknown): string {
  if (input === undefined || input === null) return "nessun valore";
  if (typeof input === "string") return "un testo";
  if (typeof input === "number") return Number.isNaN(input) ? "un valore non numerico" : "un numero";
  if (typeof input === "boolean") return "vero o falso";
  if (Array.isArray(input)) return "un elenco";
  if (input instanceof Date) return "una data";
  return "un valore di altro tipo";
}

const UNITS_IT: Record<string, [one: string, many: string]> = {
  string: ["carattere", "caratteri"],
  array: ["elemento", "elementi"],
  set: ["elemento", "elementi"],
  file: ["byte", "byte"],
};

const quantity = (n: number | bigint) => (typeof n === "bigint" ? formatBigInt(n) : formatUpTo(n, 20));

function sizeMessage(kind: "big" | "small", origin: string, limit: number | bigint, inclusive: boolean | undefined): string | undefined {
  const unit = UNITS_IT[origin];
  if (unit) {
    const n = Number(limit);
    const word = n === 1 ? unit[0] : unit[1];
    if (kind === "big") return inclusive === false ? `Troppo lungo: meno di ${quantity(limit)} ${word}.` : `Troppo lungo: al massimo ${quantity(limit)} ${word}.`;
    if (origin === "string" && n === 1) return "Obbligatorio: non può essere vuoto.";
    return inclusive === false ? `Troppo corto: più di ${quantity(limit)} ${word}.` : `Troppo corto: almeno ${quantity(limit)} ${word}.`;
  }
  if (origin === "number" || origin === "bigint" || origin === "int") {
    if (kind === "big") return inclusive === false ? `Troppo grande: deve essere minore di ${quantity(limit)}.` : `Troppo grande: al massimo ${quantity(limit)}.`;
    return inclusive === false ? `Troppo piccolo: deve essere maggiore di ${quantity(limit)}.` : `Troppo piccolo: almeno ${quantity(limit)}.`;
  }
  return undefined;
}

const FORMAT_IT: Record<string, string> = {
  email: "Indirizzo e-mail non valido.",
  url: "Indirizzo web (URL) non valido.",
  uuid: "Identificativo (UUID) non valido.",
  date: "Data non valida (formato AAAA-MM-GG).",
  datetime: "Data e ora non valide.",
  time: "Ora non valida.",
  ipv4: "Indirizzo IPv4 non valido.",
  ipv6: "Indirizzo IPv6 non valido.",
  cidrv4: "Intervallo IPv4 (CIDR) non valido.",
  cidrv6: "Intervallo IPv6 (CIDR) non valido.",
  regex: "Formato non valido.",
};

const quoted = (v: unknown) => (typeof v === "string" ? `"${v}"` : String(v));

export function italianMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return `Valore non valido: atteso ${EXPECTED_IT[issue.expected] ?? issue.expected}, ricevuto ${receivedIt(issue.input)}.`;
    case "too_big":
      return sizeMessage("big", issue.origin, issue.maximum, issue.inclusive) ?? fallback(issue);
    case "too_small":
      return sizeMessage("small", issue.origin, issue.minimum, issue.inclusive) ?? fallback(issue);
    case "invalid_value":
      return issue.values.length === 1
        ? `Valore non valido: atteso ${quoted(issue.values[0])}.`
        : `Valore non valido: atteso uno tra ${issue.values.map(quoted).join(", ")}.`;
    case "invalid_format":
      return FORMAT_IT[issue.format] ?? "Formato non valido.";
    case "not_multiple_of":
      return `Valore non valido: deve essere un multiplo di ${quantity(issue.divisor)}.`;
    case "unrecognized_keys":
      return issue.keys.length === 1 ? `Campo non previsto: ${quoted(issue.keys[0])}.` : `Campi non previsti: ${issue.keys.map(quoted).join(", ")}.`;
    case "invalid_union":
      return "Valore non valido: non corrisponde a nessuna delle forme ammesse.";
    case "invalid_key":
      return "Chiave non valida.";
    case "invalid_element":
      return "Elemento non valido.";
    case "custom":
      return "Valore non valido.";
    default:
      return fallback(issue);
  }
}

z.config({ localeError: italianMessage });

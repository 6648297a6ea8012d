import type { Section } from "@/app/components/ZoneNav";

/** The sections of a zone that are built. A section appears here only when it works. */
export function zoneSections(code: string): Section[] {
  return [
    { href: `/zone/${code}`, label: "Panoramica" },
    { href: `/zone/${code}/importa`, label: "Importa dati" },
  ];
}

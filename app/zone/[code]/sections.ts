import type { Section } from "@/app/components/ZoneNav";
import { can, type Permission, type Principal } from "@/lib/auth/roles";

/**
 * The sections of a zone that are built, each with the permission it needs.
 * A section appears only when it works and the user may open it.
 */
const SECTIONS: { path: string; label: string; permission: Permission }[] = [
  { path: "", label: "Panoramica", permission: "zone.read" },
  { path: "/territorio", label: "Territorio", permission: "zone.read" },
  { path: "/comuni", label: "Comuni", permission: "zone.read" },
  { path: "/fragilita", label: "Fragilità", permission: "zone.read" },
  { path: "/mappa", label: "Mappa", permission: "zone.read" },
  { path: "/risorse", label: "Risorse", permission: "zone.read" },
  { path: "/piano", label: "Piano di zona", permission: "zone.read" },
  { path: "/leps", label: "LEPS", permission: "zone.read" },
  { path: "/servizi", label: "Servizi", permission: "zone.read" },
  { path: "/qualita", label: "Qualità", permission: "zone.read" },
  { path: "/personale", label: "Personale", permission: "zone.read" },
  { path: "/bilancio", label: "Bilancio", permission: "zone.read" },
  { path: "/compartecipazione", label: "Compartecipazione", permission: "zone.read" },
  { path: "/report", label: "Relazione annuale", permission: "zone.read" },
  { path: "/completezza", label: "Completezza", permission: "zone.read" },
  { path: "/importa", label: "Importa dati", permission: "imports.read" },
];

export function zoneSections(code: string, principal: Principal): Section[] {
  return SECTIONS.filter((s) => can(principal, s.permission)).map((s) => ({ href: `/zone/${code}${s.path}`, label: s.label }));
}

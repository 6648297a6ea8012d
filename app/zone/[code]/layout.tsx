import type { ReactNode } from "react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { serverDb } from "@/db/server";
import { getZone, listZones } from "@/db/queries/zones";
import { zoneHasDemoData } from "@/db/queries/observations";
import { ZoneSelector } from "@/app/components/ZoneSelector";
import { zoneSelectorOptions } from "@/app/components/zone-selector-options";
import { ZoneNav } from "@/app/components/ZoneNav";
import { DemoBanner } from "@/app/components/DemoBanner";
import { zoneSections } from "./sections";
import { requirePage } from "@/app/_auth/access";
import { zoneScope } from "@/lib/auth/roles";

/** Every page of a zone names it in its title ("Territorio · Zona sociale 11 – Narni · Osservatorio"). */
export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const { code } = await params;
  await requirePage("zone.read", code); // before the lookup: a title must not tell which zones exist
  const zone = await getZone(await serverDb(), code);
  if (!zone) return {};
  return { title: { template: `%s · ${zone.name} · Osservatorio`, default: `${zone.name} · Osservatorio` } };
}

export default async function ZoneLayout({ children, params }: { children: ReactNode; params: Promise<{ code: string }> }) {
  const { code } = await params;
  const principal = await requirePage("zone.read", code);
  const db = await serverDb();
  const [zone, zones, demo] = await Promise.all([getZone(db, code), listZones(db, zoneScope(principal)), zoneHasDemoData(db, code)]);
  if (!zone) notFound();
  // One <main> holds the zone band and the page: the zone's name and its sections are content (axe "region").
  return (
    <main id="contenuto">
      <div className="bg-light border-bottom zone-band">
        <div className="container py-3">
          <div className="d-flex flex-wrap justify-content-between align-items-end gap-3">
            <div>
              <p className="mb-0 text-secondary small">
                {zone.region} · capofila {zone.capofila}
              </p>
              <p className="h3 mb-0">{zone.name}</p>
            </div>
            <ZoneSelector {...zoneSelectorOptions(zones, zone)} current={zone.code} />
          </div>
          <div className="mt-3">
            <ZoneNav sections={zoneSections(zone.code, principal)} />
          </div>
        </div>
      </div>
      <div className="container my-4">
        {demo && <DemoBanner />}
        {children}
      </div>
    </main>
  );
}

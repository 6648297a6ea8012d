import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { serverDb } from "@/db/server";
import { getZone, listZones } from "@/db/queries/zones";
import { zoneHasDemoData } from "@/db/queries/observations";
import { ZoneSelector } from "@/app/components/ZoneSelector";
import { ZoneNav } from "@/app/components/ZoneNav";
import { DemoBanner } from "@/app/components/DemoBanner";
import { zoneSections } from "./sections";
import { requirePage } from "@/app/_auth/access";
import { zoneScope } from "@/lib/auth/roles";

export default async function ZoneLayout({ children, params }: { children: ReactNode; params: Promise<{ code: string }> }) {
  const { code } = await params;
  const principal = await requirePage("zone.read", code);
  const db = await serverDb();
  const [zone, zones, demo] = await Promise.all([getZone(db, code), listZones(db, zoneScope(principal)), zoneHasDemoData(db, code)]);
  if (!zone) notFound();
  return (
    <>
      <div className="bg-light border-bottom">
        <div className="container py-3">
          <div className="d-flex flex-wrap justify-content-between align-items-end gap-3">
            <div>
              <p className="mb-0 text-secondary small">
                {zone.region} · capofila {zone.capofila}
              </p>
              <p className="h3 mb-0">{zone.name}</p>
            </div>
            <ZoneSelector zones={zones.map((z) => ({ code: z.code, name: z.name }))} current={zone.code} />
          </div>
          <div className="mt-3">
            <ZoneNav sections={zoneSections(zone.code, principal)} />
          </div>
        </div>
      </div>
      <main id="contenuto" className="container my-4">
        {demo && <DemoBanner />}
        {children}
      </main>
    </>
  );
}

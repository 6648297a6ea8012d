import { redirect } from "next/navigation";
import { serverDb } from "@/db/server";
import { defaultZoneCode } from "@/db/queries/zones";
import { env } from "@/lib/env";
import { hasZone, zoneScope } from "@/lib/auth/roles";
import { comuneZone } from "@/db/queries/comune-profile";
import { requirePage } from "@/app/_auth/access";

export default async function Home() {
  const principal = await requirePage("zone.read");
  const db = await serverDb();
  // A mayor bound to a comune lands on its page; the zone's pages are one click away from it.
  if (principal.comuneIstat) {
    const comune = await comuneZone(db, principal.comuneIstat);
    if (comune && hasZone(principal, { code: comune.zoneCode, regionCode: comune.regionCode })) redirect(`/comuni/${comune.istat}`);
  }
  const code = await defaultZoneCode(db, env().OSSERVATORIO_DEFAULT_ZONE, zoneScope(principal));
  if (!code) {
    return (
      <main id="contenuto" className="container my-5">
        <h1>Nessuna zona sociale</h1>
        <p>
          Non ci sono zone sociali visibili per questo utente. Se il database è vuoto, eseguire <code>npm run demo</code>;
          altrimenti chiedere all&apos;amministratore di assegnare una zona.
        </p>
      </main>
    );
  }
  redirect(`/zone/${code}`);
}

import { redirect } from "next/navigation";
import { serverDb } from "@/db/server";
import { defaultZoneCode } from "@/db/queries/zones";
import { env } from "@/lib/env";
import { zoneScope } from "@/lib/auth/roles";
import { requirePage } from "@/app/_auth/access";

export default async function Home() {
  const principal = await requirePage("zone.read");
  const code = await defaultZoneCode(await serverDb(), env().OSSERVATORIO_DEFAULT_ZONE, zoneScope(principal));
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

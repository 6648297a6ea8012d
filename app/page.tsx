import { redirect } from "next/navigation";
import { serverDb } from "@/db/server";
import { defaultZoneCode } from "@/db/queries/zones";
import { env } from "@/lib/env";

export default async function Home() {
  const code = await defaultZoneCode(await serverDb(), env().OSSERVATORIO_DEFAULT_ZONE);
  if (!code) {
    return (
      <main id="contenuto" className="container my-5">
        <h1>Nessuna zona sociale</h1>
        <p>
          Il database non contiene zone sociali. Eseguire <code>npm run demo</code> per caricare i dati di
          riferimento e i dati dimostrativi.
        </p>
      </main>
    );
  }
  redirect(`/zone/${code}`);
}

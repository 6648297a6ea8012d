import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentPrincipal } from "@/app/_auth/access";
import { env } from "@/lib/env";
import { safeNextPath } from "@/lib/auth/request";
import { LoginForm } from "./LoginForm";

export const metadata: Metadata = { title: "Accesso" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await currentPrincipal()) redirect("/");
  const { next } = await searchParams;
  return (
    <main id="contenuto" className="container my-5" style={{ maxWidth: 520 }}>
      <h1 className="h2">Accesso</h1>
      <p>Gli account sono creati dall&apos;amministratore dell&apos;Osservatorio. Per un nuovo accesso o una password dimenticata rivolgersi a lui.</p>
      <LoginForm next={safeNextPath(next)} />
      {env().OSSERVATORIO_DEMO && (
        <p className="small text-secondary mt-4">
          Demo: le credenziali degli utenti di prova sono stampate da <code>npm run demo</code> e scritte nel README.
        </p>
      )}
    </main>
  );
}

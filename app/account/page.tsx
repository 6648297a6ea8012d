import type { Metadata } from "next";
import { requirePage } from "@/app/_auth/access";
import { ROLE_LABELS_IT } from "@/lib/auth/roles";
import { PasswordForm } from "./PasswordForm";

export const metadata: Metadata = { title: "Il mio account" };

export default async function AccountPage() {
  const principal = await requirePage("zone.read");
  return (
    <main id="contenuto" className="container my-5">
      <h1 className="h2">Il mio account</h1>
      <p>
        {principal.label} · profilo <strong>{ROLE_LABELS_IT[principal.role]}</strong>
        {principal.zones.length > 0 && <> · zone: {principal.zones.join(", ")}</>}
        {principal.regions.length > 0 && <> · tutte le zone delle regioni {principal.regions.join(", ")}</>}
      </p>
      <h2 className="h4 mt-4">Cambia password</h2>
      <PasswordForm />
    </main>
  );
}

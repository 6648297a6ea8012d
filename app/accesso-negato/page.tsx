import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Accesso non consentito" };

export default function AccessDenied() {
  return (
    <main id="contenuto" className="container my-5">
      <h1>Accesso non consentito</h1>
      <p>Il profilo con cui è stato fatto l&apos;accesso non permette di vedere questa pagina o questa zona sociale.</p>
      <p>
        <Link href="/">Torna alla pagina iniziale</Link>
      </p>
    </main>
  );
}

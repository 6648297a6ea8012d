import Link from "next/link";

/** What forbidden() renders, with status 403: the signed-in profile may not open the page or the zone. */
export default function Forbidden() {
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

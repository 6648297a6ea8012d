import Link from "next/link";

export default function NotFound() {
  return (
    <main id="contenuto" className="container my-5">
      <h1>Pagina non trovata</h1>
      <p>L&apos;indirizzo non corrisponde a nessuna pagina o zona sociale dell&apos;Osservatorio.</p>
      <p>
        <Link href="/">Torna alla pagina iniziale</Link>
      </p>
    </main>
  );
}

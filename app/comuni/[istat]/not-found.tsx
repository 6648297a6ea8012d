import Link from "next/link";

/** An ISTAT code that is not a comune of any zona sociale in this database. */
export default function ComuneNotFound() {
  return (
    <main id="contenuto" className="container my-5">
      <h1>Comune non trovato</h1>
      <p>
        Il codice nell&apos;indirizzo non corrisponde a un comune di una zona sociale dell&apos;Osservatorio. Il codice ISTAT di un comune ha
        sei cifre, per esempio 055022 per Narni.
      </p>
      <p>
        <Link href="/">Torna alla pagina iniziale</Link> e scegli il comune dalla pagina «Territorio» della zona.
      </p>
    </main>
  );
}

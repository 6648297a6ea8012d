"use client";

/** Shown instead of a stack trace when a page fails; details stay in the server log. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="contenuto" className="container my-5">
      <h1>Si è verificato un errore</h1>
      <p>La pagina non può essere mostrata in questo momento. Il problema è stato registrato sul server.</p>
      <button type="button" className="btn btn-primary" onClick={reset}>
        Riprova
      </button>
    </main>
  );
}

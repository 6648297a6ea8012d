"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";

/** Undo of one import, with a confirmation and the server's message on refusal. */
export function RevertButton({ batchId }: { batchId: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const revert = async () => {
    if (!window.confirm(`Annullare il caricamento n. ${batchId}? I valori torneranno come prima del caricamento.`)) return;
    setBusy(true);
    const response = await fetch(`/api/v1/imports/${batchId}/revert`, { method: "POST" });
    setBusy(false);
    if (response.ok) {
      setMessage(null);
      router.refresh();
    } else {
      const body = (await response.json()) as { error?: { message?: string } };
      setMessage(body.error?.message ?? "Annullamento non riuscito.");
    }
  };
  return (
    <>
      <button type="button" className="btn btn-outline-danger btn-sm" onClick={() => void revert()} disabled={busy}>
        Annulla<span className="visually-hidden"> il caricamento n. {batchId}</span>
      </button>
      {message && (
        <p className="text-danger small mb-0" role="alert">
          {message}
        </p>
      )}
    </>
  );
}

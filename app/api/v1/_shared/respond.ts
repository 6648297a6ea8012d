import { NextResponse } from "next/server";

/** JSON error body of the API: `{ error: { status, message } }`, message in Italian. */
export function jsonError(status: number, message: string) {
  return NextResponse.json({ error: { status, message } }, { status });
}

/**
 * Runs a handler and turns unexpected failures into a 500 JSON body without
 * internals: the details go to the server log, never to the client.
 */
export async function handleApi(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    console.error("[api]", error);
    return jsonError(500, "Errore interno del server. Il problema è stato registrato.");
  }
}

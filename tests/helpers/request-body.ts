/** A request body of these bytes, in 64 KB chunks as a socket delivers them; `cut` ends it early (a body cut on the way). */
export function requestBody(bytes: Uint8Array, cut = bytes.length): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= cut) {
        controller.close();
        return;
      }
      const chunk = bytes.slice(sent, Math.min(cut, sent + 64 * 1024));
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

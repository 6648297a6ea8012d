import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { SOCKET_PEER_HEADER, SOCKET_PEER_STAMPED } from "./client-address";

/**
 * Writes each request's socket address into SOCKET_PEER_HEADER, over any
 * value the client sent, before Next sees the request. A route handler has
 * no access to the socket, and for a request proxy.ts does not run for (the
 * file upload) the X-Forwarded-For that reaches the handler may be the
 * client's own; this header is not. Installed once by instrumentation-node.ts
 * in the server process; lib/auth/client-address.ts believes the header only
 * after that (SOCKET_PEER_STAMPED).
 */
type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

function stampOn(prototype: { emit: Emit }): void {
  const emit = prototype.emit;
  prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[SOCKET_PEER_HEADER] = request.socket.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  };
}

export function installSocketPeerStamp(): void {
  const holder = globalThis as { [SOCKET_PEER_STAMPED]?: boolean };
  if (holder[SOCKET_PEER_STAMPED]) return;
  stampOn(http.Server.prototype as unknown as { emit: Emit });
  stampOn(https.Server.prototype as unknown as { emit: Emit });
  holder[SOCKET_PEER_STAMPED] = true;
}

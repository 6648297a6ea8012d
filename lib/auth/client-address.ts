import { BlockList, isIP } from "node:net";

/**
 * The client address of a request, for the per-address login limit and the
 * audit log. Forwarding headers are believed only when the direct peer is a
 * configured trusted reverse proxy (OSSERVATORIO_TRUSTED_PROXY); otherwise the
 * address is the socket's, whatever the client wrote in its headers.
 *
 * How the socket address is known in Next: `next start` fills X-Forwarded-For
 * with the socket's remote address only when the request has none. proxy.ts
 * therefore moves the client's X-Forwarded-For and X-Real-IP to the headers
 * below (always overwriting them) and removes the originals, so that behind
 * proxy.ts X-Forwarded-For holds the socket address and nothing else.
 * Routes that proxy.ts does not match read it through headersBehindProxy.
 */
export const FORWARDED_FOR_HEADER = "x-osservatorio-forwarded-for";
export const REAL_IP_HEADER = "x-osservatorio-real-ip";
/** The socket's remote address, written by the server itself on every request (lib/auth/socket-peer.ts). */
export const SOCKET_PEER_HEADER = "x-osservatorio-socket-peer";
/** Set on globalThis once the server stamps SOCKET_PEER_HEADER: before that, the header could be the client's. */
export const SOCKET_PEER_STAMPED = Symbol.for("osservatorio.socketPeerStamped");

/** The socket address of a request as the server stamped it; null when no stamp is installed (the header is then not believed). */
export function socketPeer(headers: Headers): string | null {
  if ((globalThis as { [SOCKET_PEER_STAMPED]?: boolean })[SOCKET_PEER_STAMPED] !== true) return null;
  return normalizeAddress(headers.get(SOCKET_PEER_HEADER));
}

/**
 * Moves the forwarding headers the client sent out of Next's way (called by
 * proxy.ts on every request, after which Next writes the socket address in
 * X-Forwarded-For). For a route proxy.ts does not run for, `peer` is that
 * socket address, written here instead (see headersBehindProxy).
 */
export function setAsideForwardingHeaders(headers: Headers, peer?: string | null): void {
  const forwardedFor = headers.get("x-forwarded-for");
  const realIp = headers.get("x-real-ip");
  for (const name of ["x-forwarded-for", "x-real-ip", FORWARDED_FOR_HEADER, REAL_IP_HEADER]) headers.delete(name);
  if (forwardedFor) headers.set(FORWARDED_FOR_HEADER, forwardedFor);
  if (realIp) headers.set(REAL_IP_HEADER, realIp);
  if (peer) headers.set("x-forwarded-for", peer);
}

/**
 * The headers of a request that proxy.ts did not see (the file upload, which
 * must bypass it), as they would be behind it. There X-Forwarded-For is
 * whatever the client sent (Next writes the socket address only when it is
 * absent) and the set-aside headers may be the client's own: both are moved
 * aside as proxy.ts does, and X-Forwarded-For becomes the stamped socket
 * address, so that clientAddress believes a forwarded address only from a
 * trusted proxy. Without a stamp the address is unknown, never the client's word.
 */
export function headersBehindProxy(headers: Headers): Headers {
  const out = new Headers(headers);
  setAsideForwardingHeaders(out, socketPeer(headers));
  return out;
}

/** An address as written in a header: brackets, ports and the IPv4-mapped IPv6 prefix removed; null if not an IP. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  let value = (raw ?? "").trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1] as string;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.toLowerCase();
  if (value.startsWith("::ffff:") && isIP(value.slice(7)) === 4) value = value.slice(7);
  return isIP(value) ? value : null;
}

export interface TrustedProxies {
  has(address: string): boolean;
}

/**
 * Parses OSSERVATORIO_TRUSTED_PROXY: addresses or CIDR ranges separated by
 * commas or spaces ("127.0.0.1, ::1, 10.0.0.0/8"). Returns the set, or the
 * Italian description of the first invalid entry.
 */
export function parseTrustedProxies(value: string): { ok: true; proxies: TrustedProxies } | { ok: false; error: string } {
  const list = new BlockList();
  const entries = value.split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return { ok: false, error: "nessun indirizzo indicato" };
  for (const entry of entries) {
    const [base, prefix, extra] = entry.split("/");
    const address = base && isIP(base) ? normalizeAddress(base) : null;
    const version = address ? isIP(address) : 0;
    if (!address || extra !== undefined) {
      return { ok: false, error: `"${entry}" non è un indirizzo IP né un intervallo CIDR (es. 127.0.0.1, ::1, 10.0.0.0/8)` };
    }
    const type = version === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const bits = Number(prefix);
    if (!/^\d{1,3}$/.test(prefix) || bits > (version === 4 ? 32 : 128)) {
      return { ok: false, error: `"${entry}": la lunghezza del prefisso deve essere tra 0 e ${version === 4 ? 32 : 128}` };
    }
    list.addSubnet(address, bits, type);
  }
  return {
    ok: true,
    proxies: {
      has: (a: string) => {
        const address = normalizeAddress(a);
        return address !== null && list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
      },
    },
  };
}

const entriesOf = (value: string | null) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The client address of a request that went through proxy.ts: the socket
 * address, or, when that is a trusted proxy, the nearest address of its
 * X-Forwarded-For chain that is not itself a trusted proxy (entries further
 * left were written by the client and prove nothing), or its X-Real-IP when it
 * sends no chain. Null when unknown: the per-address limit is then skipped,
 * the per-account lockout still applies.
 */
export function clientAddress(headers: Headers, trusted: TrustedProxies | null): string | null {
  // Behind proxy.ts this is the socket address alone (see above); the last entry is the nearest hop anyway.
  const peer = normalizeAddress(entriesOf(headers.get("x-forwarded-for")).pop());
  if (!peer || !trusted?.has(peer)) return peer;
  const chain = entriesOf(headers.get(FORWARDED_FOR_HEADER));
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(chain[i]);
    if (!hop) return null; // a malformed entry where a proxy should have written an address
    if (!trusted.has(hop)) return hop;
  }
  const first = normalizeAddress(chain[0]);
  if (first) return first; // every hop a trusted proxy: the request began inside them
  return normalizeAddress(headers.get(REAL_IP_HEADER)) ?? peer;
}

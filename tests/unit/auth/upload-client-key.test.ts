import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, FORWARDED_FOR_HEADER, headersBehindProxy, parseTrustedProxies, REAL_IP_HEADER, SOCKET_PEER_HEADER, type TrustedProxies } from "@/lib/auth/client-address";
import { installSocketPeerStamp } from "@/lib/auth/socket-peer";
import { clientKey } from "@/lib/api/respond";

/**
 * The upload route bypasses proxy.ts, so what reaches it in X-Forwarded-For
 * and the set-aside headers may be the client's own words. Its rate-limit key
 * comes from the socket address the server stamps on every request: a forged
 * forwarding header (or a forged stamp) never changes it, and a forwarded
 * address counts only when the socket peer is a trusted proxy.
 */
const trusted = (value: string): TrustedProxies => {
  const parsed = parseTrustedProxies(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.proxies;
};

const SPOOFS: Record<string, string>[] = [
  {},
  { "x-forwarded-for": "203.0.113.1" },
  { "x-forwarded-for": "198.51.100.2, 127.0.0.1", [FORWARDED_FOR_HEADER]: "203.0.113.3" },
  { [FORWARDED_FOR_HEADER]: "203.0.113.4", [REAL_IP_HEADER]: "203.0.113.5", "x-real-ip": "203.0.113.6" },
  { [SOCKET_PEER_HEADER]: "203.0.113.7", "x-forwarded-for": "203.0.113.7" },
];

describe("client address of the upload route (outside proxy.ts)", () => {
  it("without the server's stamp, believes no header: the address is unknown, never the client's word", () => {
    const keys = SPOOFS.map((h) => clientKey(new Request("http://localhost/api/v1/imports", { method: "POST", headers: h }), { outsideProxy: true }));
    expect(new Set(keys)).toEqual(new Set(["address:sconosciuto"]));
  });

  describe("on a real server with the stamp", () => {
    let server: http.Server;
    let url: string;
    const seen: Headers[] = [];
    beforeAll(async () => {
      installSocketPeerStamp();
      server = http.createServer((req, res) => {
        seen.push(new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")])));
        res.end("ok");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/imports`;
    });
    afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

    async function asSeenByRoute(headers: Record<string, string>): Promise<Headers> {
      await (await fetch(url, { method: "POST", headers })).text();
      return seen.at(-1)!;
    }

    it("stamps the socket address over whatever the client wrote", async () => {
      const headers = await asSeenByRoute({ [SOCKET_PEER_HEADER]: "203.0.113.9" });
      expect(headers.get(SOCKET_PEER_HEADER)).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    });

    it("a spoofed forwarding header does not change the rate-limit key", async () => {
      const keys: string[] = [];
      for (const spoof of SPOOFS) keys.push(clientKey(new Request(url, { method: "POST", headers: await asSeenByRoute(spoof) }), { outsideProxy: true }));
      expect(new Set(keys)).toEqual(new Set(["address:127.0.0.1"]));
      // Credentials still come first: each token is its own client.
      const withToken = new Headers(await asSeenByRoute({ "x-forwarded-for": "203.0.113.1" }));
      withToken.set("authorization", "Bearer osv_a");
      expect(clientKey(new Request(url, { headers: withToken }), { outsideProxy: true })).toMatch(/^token:/);
    });

    it("believes the forwarded address only when the socket peer is a trusted proxy", async () => {
      // The proxy (127.0.0.1 here) appends the address it saw; what the client wrote before it proves nothing.
      const headers = await asSeenByRoute({ "x-forwarded-for": "198.51.100.66, 203.0.113.20" });
      expect(clientAddress(headersBehindProxy(headers), trusted("127.0.0.1"))).toBe("203.0.113.20");
      expect(clientAddress(headersBehindProxy(headers), trusted("10.0.0.0/8"))).toBe("127.0.0.1");
      expect(clientAddress(headersBehindProxy(headers), null)).toBe("127.0.0.1");
      // The same function as proxy.ts: the set-aside header a client sends itself is replaced, not added to.
      const forged = await asSeenByRoute({ [FORWARDED_FOR_HEADER]: "203.0.113.30" });
      expect(clientAddress(headersBehindProxy(forged), trusted("127.0.0.1"))).toBe("127.0.0.1");
    });
  });
});

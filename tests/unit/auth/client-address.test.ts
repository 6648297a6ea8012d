import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { clientAddress, FORWARDED_FOR_HEADER, normalizeAddress, parseTrustedProxies, REAL_IP_HEADER, type TrustedProxies } from "@/lib/auth/client-address";
import { parseEnv } from "@/lib/env";

const trusted = (value: string): TrustedProxies => {
  const parsed = parseTrustedProxies(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.proxies;
};

/** Request headers as a route sees them behind proxy.ts: X-Forwarded-For is the socket address Next filled in. */
const behindProxy = (socket: string, extra: Record<string, string> = {}) => new Headers({ "x-forwarded-for": socket, ...extra });

describe("client address", () => {
  it("normalises addresses as headers and sockets write them", () => {
    expect(normalizeAddress(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("[2001:DB8::1]:8080")).toBe("2001:db8::1");
    expect(normalizeAddress("203.0.113.7:51234")).toBe("203.0.113.7");
    expect(normalizeAddress("unknown")).toBeNull();
    expect(normalizeAddress("")).toBeNull();
  });

  it("parses the trusted proxies: addresses and CIDR ranges, IPv4 and IPv6", () => {
    const proxies = trusted("127.0.0.1, ::1 10.0.0.0/8,2001:db8::/32");
    expect(["127.0.0.1", "::1", "10.20.30.40", "::ffff:10.0.0.1", "2001:db8:1::5"].map((a) => proxies.has(a))).toEqual([true, true, true, true, true]);
    expect(["127.0.0.2", "11.0.0.1", "2001:db9::1", "garbage"].map((a) => proxies.has(a))).toEqual([false, false, false, false]);
    expect(parseTrustedProxies("10.0.0.0/33")).toMatchObject({ ok: false, error: expect.stringContaining("tra 0 e 32") });
    expect(parseTrustedProxies("proxy.example.it")).toMatchObject({ ok: false, error: expect.stringContaining('"proxy.example.it" non è un indirizzo IP') });
    expect(parseTrustedProxies("1.2.3.4/8/9")).toMatchObject({ ok: false });
  });

  it("refuses an invalid OSSERVATORIO_TRUSTED_PROXY at start-up, naming it", () => {
    expect(() => parseEnv({ OSSERVATORIO_TRUSTED_PROXY: "127.0.0.1, nginx" })).toThrow(/OSSERVATORIO_TRUSTED_PROXY: "nginx" non è un indirizzo IP/);
    expect(parseEnv({ OSSERVATORIO_TRUSTED_PROXY: "127.0.0.1,::1" }).OSSERVATORIO_TRUSTED_PROXY).toBe("127.0.0.1,::1");
  });

  it("without a trusted proxy, is the socket address whatever the client wrote", () => {
    const forged = behindProxy("198.51.100.9", { [FORWARDED_FOR_HEADER]: "10.0.0.1", [REAL_IP_HEADER]: "10.0.0.2" });
    expect(clientAddress(forged, null)).toBe("198.51.100.9");
    expect(clientAddress(forged, trusted("127.0.0.1"))).toBe("198.51.100.9");
    expect(clientAddress(new Headers(), null)).toBeNull();
  });

  it("behind a trusted proxy, is the nearest untrusted hop of X-Forwarded-For, then X-Real-IP", () => {
    const proxies = trusted("127.0.0.1, 10.0.0.0/8");
    // The client wrote "1.1.1.1" itself; nginx appended the address it saw.
    expect(clientAddress(behindProxy("127.0.0.1", { [FORWARDED_FOR_HEADER]: "1.1.1.1, 203.0.113.7" }), proxies)).toBe("203.0.113.7");
    // Two proxies in a row (load balancer 10.1.2.3, then nginx).
    expect(clientAddress(behindProxy("::ffff:127.0.0.1", { [FORWARDED_FOR_HEADER]: "203.0.113.7, 10.1.2.3" }), proxies)).toBe("203.0.113.7");
    expect(clientAddress(behindProxy("127.0.0.1", { [REAL_IP_HEADER]: "203.0.113.8" }), proxies)).toBe("203.0.113.8");
    // A malformed hop where the proxy should have written an address: unknown, not the proxy's address.
    expect(clientAddress(behindProxy("127.0.0.1", { [FORWARDED_FOR_HEADER]: "203.0.113.7, nonsense" }), proxies)).toBeNull();
    // The proxy forwarded nothing: the request is the proxy's own.
    expect(clientAddress(behindProxy("127.0.0.1"), proxies)).toBe("127.0.0.1");
  });

  it("proxy.ts sets the client's forwarding headers aside, so that Next fills X-Forwarded-For from the socket", () => {
    const response = proxy(
      new NextRequest("http://localhost:3000/accesso", {
        headers: { host: "localhost:3000", "x-forwarded-for": "10.0.0.1", "x-real-ip": "10.0.0.2", [FORWARDED_FOR_HEADER]: "6.6.6.6" },
      }),
    );
    const overridden = (response.headers.get("x-middleware-override-headers") ?? "").split(",");
    expect(overridden).not.toContain("x-forwarded-for");
    expect(overridden).not.toContain("x-real-ip");
    expect(response.headers.get(`x-middleware-request-${FORWARDED_FOR_HEADER}`)).toBe("10.0.0.1");
    expect(response.headers.get(`x-middleware-request-${REAL_IP_HEADER}`)).toBe("10.0.0.2");
  });
});

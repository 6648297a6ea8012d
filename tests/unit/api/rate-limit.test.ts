import { describe, expect, it } from "vitest";
import { RateLimiter, rateLimitHeaders } from "@/lib/api/rate-limit";

describe("rate limit", () => {
  it("lets the limit through per key, refuses the rest of the window, and resets", () => {
    let now = 1_000_000;
    const policy = { limit: 3, windowSeconds: 60 };
    const limiter = new RateLimiter(policy, () => now);
    expect([1, 2, 3].map(() => limiter.consume("a").allowed)).toEqual([true, true, true]);
    const refused = limiter.consume("a");
    expect(refused).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 60 });
    // Another client is not affected.
    expect(limiter.consume("b")).toMatchObject({ allowed: true, remaining: 2 });
    now += 59_500;
    expect(limiter.consume("a")).toMatchObject({ allowed: false, resetSeconds: 1 });
    now += 500;
    expect(limiter.consume("a")).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 60 });
    expect(rateLimitHeaders(limiter.consume("a"), policy)).toEqual({ "RateLimit-Limit": "3", "RateLimit-Remaining": "1", "RateLimit-Reset": "60", "RateLimit-Policy": "3;w=60" });
  });
});

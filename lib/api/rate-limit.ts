/**
 * Rate limit of the API: a fixed window per client key (token, session or
 * address), kept in the memory of this one process. That fits how the app
 * runs (one `next start` per installation); several processes behind a load
 * balancer would each count on their own, so the effective limit would
 * multiply by their number.
 */
export interface RateLimitPolicy {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in seconds. */
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in the current window (0 when refused). */
  remaining: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
}

interface Window {
  startedAt: number;
  count: number;
}

/** Beyond this many keys, expired windows are swept so that memory stays bounded by the clients of one window. */
const SWEEP_ABOVE = 10_000;

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly policy: RateLimitPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `key` and says whether it may go on. */
  consume(key: string): RateLimitDecision {
    const now = this.now();
    const windowMs = this.policy.windowSeconds * 1000;
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= windowMs) {
      if (this.windows.size >= SWEEP_ABOVE) this.sweep(now, windowMs);
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000));
    if (window.count >= this.policy.limit) return { allowed: false, limit: this.policy.limit, remaining: 0, resetSeconds };
    window.count += 1;
    return { allowed: true, limit: this.policy.limit, remaining: this.policy.limit - window.count, resetSeconds };
  }

  private sweep(now: number, windowMs: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= windowMs) this.windows.delete(key);
  }
}

/** The headers of the IETF draft (draft-ietf-httpapi-ratelimit-headers), sent on every answer. */
export function rateLimitHeaders(decision: RateLimitDecision, policy: RateLimitPolicy): Record<string, string> {
  return {
    "RateLimit-Limit": String(decision.limit),
    "RateLimit-Remaining": String(decision.remaining),
    "RateLimit-Reset": String(decision.resetSeconds),
    "RateLimit-Policy": `${policy.limit};w=${policy.windowSeconds}`,
  };
}

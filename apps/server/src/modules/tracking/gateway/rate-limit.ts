/** A token bucket per key (device id), bounded in memory: a device may burst, then must slow down. */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    /** Requests a key may make at once. */
    private readonly burst: number,
    /** Tokens regained per second. */
    private readonly perSecond: number,
    /** Keys remembered; beyond this the oldest half is forgotten. */
    private readonly maxKeys = 100_000,
  ) {}

  /** True when the key may go ahead (and a token is taken). */
  take(key: string, now = Date.now()): boolean {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.evict();
      b = { tokens: this.burst, at: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
      b.at = now;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Seconds until the key has a token again. */
  retryAfter(key: string): number {
    const b = this.buckets.get(key);
    if (!b || b.tokens >= 1) return 0;
    return Math.ceil((1 - b.tokens) / this.perSecond);
  }

  private evict(): void {
    let n = Math.floor(this.buckets.size / 2);
    for (const k of this.buckets.keys()) {
      if (n-- <= 0) break;
      this.buckets.delete(k);
    }
  }
}

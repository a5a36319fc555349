/**
 * The login's brake on guessing: per client address, at most MAX_FAILURES wrong tokens within
 * WINDOW_MS; past it every attempt from that address is refused (429, Retry-After) before any
 * token is compared, until the oldest failure is a window old. A right token clears the address's
 * failures. Bounded: at most MAX_ADDRESSES addresses are followed, the least recently failing one
 * forgotten first. Time is passed in (the API's clock); kept in memory only.
 */

/** Wrong tokens from one address within the window before its attempts are refused. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 60_000;
/** Addresses followed at once. */
export const MAX_ADDRESSES = 10_000;

export class LoginThrottle {
  /** Failure times per address, oldest first; the map's order is the last failure's. */
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: { max: number; windowMs: number; addresses: number } = {
      max: MAX_FAILURES,
      windowMs: WINDOW_MS,
      addresses: MAX_ADDRESSES,
    },
  ) {}

  /** Seconds the address must wait before trying again (at least 1), or 0 when it may try now. */
  wait(address: string, now: number): number {
    const recent = this.recent(address, now);
    if (recent.length < this.limits.max) return 0;
    const free = recent[recent.length - this.limits.max]! + this.limits.windowMs;
    return Math.max(1, Math.ceil((free - now) / 1000));
  }

  /** A wrong token from the address. */
  failed(address: string, now: number): void {
    const recent = this.recent(address, now);
    recent.push(now);
    // Only the last `max` matter for the wait.
    if (recent.length > this.limits.max) recent.splice(0, recent.length - this.limits.max);
    this.failures.delete(address);
    this.failures.set(address, recent);
    while (this.failures.size > this.limits.addresses) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  /** A right token from the address: its failures are forgotten. */
  succeeded(address: string): void {
    this.failures.delete(address);
  }

  /** Addresses followed now. */
  size(): number {
    return this.failures.size;
  }

  private recent(address: string, now: number): number[] {
    const kept = (this.failures.get(address) ?? []).filter((at) => now - at < this.limits.windowMs);
    if (kept.length === 0) this.failures.delete(address);
    return kept;
  }
}

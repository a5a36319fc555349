/**
 * What the public answers (the status page at /status) share: how long browsers and CDNs keep
 * them, one build shared by every caller within a second, and If-None-Match against a weak ETag.
 */
import type { Clock } from '../platform/clock.ts';

/**
 * Five seconds: a status page is hit hardest during an outage, exactly when the daemon is busiest,
 * and a state change takes at least `failAfter` probes (seconds) anyway; so shared caches absorb
 * the burst while no one sees a state more than 5 s old.
 */
export const PUBLIC_CACHE = 'public, max-age=5';

/**
 * How long one build of a public answer serves every caller, in ms. Anyone may ask, and a build
 * reads the store: a burst in one second costs one build, and the answer is at most this much
 * older than the state.
 */
export const PUBLIC_BUILD_MS = 1000;

/**
 * `build()` shared by every call within `ms` of the one that started it (by `clock`), while it runs
 * and once it is done; a failure is shared by the calls that waited for it, never kept.
 */
export function sharedFor<T>(clock: Clock, ms: number, build: () => Promise<T>): () => Promise<T> {
  let held: { readonly at: number; readonly value: Promise<T> } | undefined;
  return () => {
    const now = clock.now();
    if (held && now >= held.at && now - held.at < ms) return held.value;
    const value = build();
    const entry = { at: now, value };
    held = entry;
    value.catch(() => {
      if (held === entry) held = undefined;
    });
    return value;
  };
}

/** If-None-Match matches (weak comparison, lists and `*` included). */
export function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(etag));
}

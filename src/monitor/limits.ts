/**
 * The sizes a result's texts are held to, the same for the configuration (check ids), the probes
 * and agents that make results, and the API that takes them: one definition, imported by all.
 */

/** The longest check id (the configuration refuses a longer one; the agent API too). */
export const MAX_CHECK_ID = 200;

/** The longest detail a result carries: probes and agents cut longer ones (ending with "…"). */
export const MAX_DETAIL = 500;

/** The most results one agent post carries, and its largest body (bytes), unless the server says otherwise. */
export const MAX_POST_OBSERVATIONS = 10_000;
export const MAX_POST_BYTES = 1 << 20;

/**
 * How far an agent's clock may be from the daemon's before its results are corrected by the
 * difference (ms); a result still later than the daemon's now by more than this is refused.
 */
export const CLOCK_TOLERANCE_MS = 2_000;

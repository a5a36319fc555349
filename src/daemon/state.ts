/**
 * What the daemon keeps between runs, opened at start: the data directory (made ready and locked:
 * one daemon per directory), the store behind its write-behind queue, the operator token, and the
 * agents' tokens. Whatever was opened is closed again if a later step fails.
 */
import { resolve } from 'node:path';
import type { Config } from '../model/schema.ts';
import { type Clock, systemClock } from '../platform/clock.ts';
import type { Logger } from '../platform/log.ts';
import { readSecret } from '../platform/secrets.ts';
import { daemonToken } from '../server/operator-token.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { WriteBehindStore } from '../store/write-behind.ts';
import { lockDataDir, prepareDataDir } from './data-dir.ts';

/** The part of the daemon's options this needs. */
export interface StateOptions {
  readonly config: Config;
  readonly baseDir: string;
  readonly dataDir?: string;
  readonly store?: string | Store;
  readonly env: NodeJS.ProcessEnv;
  readonly log: Logger;
  readonly clock?: Clock;
}

/** The agents' tokens, read now: a missing one stops the start, not the first post. */
export function readVantageTokens(o: StateOptions): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const [id, v] of Object.entries(o.config.vantages)) {
    if (v.token) tokens.set(id, readSecret(v.token, `vantages.${id}.token`, o.baseDir, o.env));
  }
  return tokens;
}

/**
 * Makes the data directory ready and locks it (one daemon per directory), opens (or takes) the
 * store, upgrades its schema, and finds the operator token.
 */
export async function openState(o: StateOptions) {
  const runtime = o.config.runtime;
  const dataDir = resolve(o.baseDir, o.dataDir ?? runtime?.dataDir ?? '.bascule');
  prepareDataDir(dataDir);
  const lock = lockDataDir(dataDir);
  const given = typeof o.store === 'object' ? o.store : undefined;
  try {
    const spec = typeof o.store === 'string' ? o.store : undefined;
    const storeSpec = given ? 'given' : (spec ?? o.env.BASCULE_STORE ?? runtime?.store ?? 'sqlite');
    const opened = given ?? (await openStore(storeSpec, dataDir));
    const store = new WriteBehindStore(opened, o.clock ?? systemClock, {
      onFailing: (e, st) =>
        o.log.error(
          { err: e, queued: st.queued, dropped: st.dropped },
          'store failing: writes wait in memory, the daemon goes on',
        ),
      onRecovered: (st) =>
        o.log.info(
          { failedForMs: st.failedForMs, dropped: st.dropped },
          'store back: what waited is written',
        ),
    });
    try {
      const operator = daemonToken({ secret: runtime?.token, dataDir, baseDir: o.baseDir, env: o.env });
      await store.migrate();
      return { store, storeSpec, dataDir, operatorToken: operator.token, lock };
    } catch (e) {
      if (!given) await opened.close().catch(() => undefined);
      throw e;
    }
  } catch (e) {
    lock.release();
    throw e;
  }
}

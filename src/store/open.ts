/**
 * Opens the store named by `runtime.store`, `--store` or BASCULE_STORE: `sqlite` (the file
 * `bascule.db` in the data directory), `sqlite:/path/to/file.db`, a `postgres://` URL, or `memory`
 * (nothing kept after the process ends: for tests and trials).
 */
import { join, resolve } from 'node:path';
import { errorCode, fail } from '../errors.ts';
import type { Store } from './store.ts';

/** A store URL with its password replaced by `***`, for logs and messages. */
export function redactUrl(spec: string): string {
  try {
    const url = new URL(spec);
    if (!url.password) return spec;
    url.password = '***';
    return url.toString();
  } catch {
    return spec.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
  }
}

export async function openStore(spec: string, dataDir: string): Promise<Store> {
  if (spec === 'memory' || spec.startsWith('memory:')) {
    const { MemoryStore } = await import('./memory.ts');
    return new MemoryStore(spec === 'memory' ? undefined : spec.slice('memory:'.length));
  }
  if (spec === 'sqlite' || spec.startsWith('sqlite:')) {
    const { SqliteStore } = await import('./sqlite.ts');
    const file =
      spec === 'sqlite' ? join(dataDir, 'bascule.db') : resolve(dataDir, spec.slice('sqlite:'.length));
    try {
      return new SqliteStore(file);
    } catch (e) {
      throw fail('BASCULE_E_STORE_OPEN', { file, reason: errorCode(e) });
    }
  }
  if (/^postgres(ql)?:\/\//.test(spec)) {
    const { PostgresStore } = await import('./postgres.ts');
    return new PostgresStore(spec, redactUrl(spec));
  }
  throw fail('BASCULE_E_STORE_UNKNOWN', { store: redactUrl(spec) });
}

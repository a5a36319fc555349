/**
 * TLS termination from certificate files that change (a renewal by certbot or cert-manager): the
 * folders holding them are watched, and when either file changes the pair is read again, checked,
 * and swapped into the listening server for new connections (open ones keep theirs). A pair that
 * does not load (half written, a key that does not match) is logged and the previous one is kept.
 */
import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { createSecureContext, type Server } from 'node:tls';
import type { Logger } from '../../platform/log.ts';

export interface TlsFiles {
  readonly cert: string;
  readonly key: string;
}

/** Waits this long after a change for the other file of the pair (they are seldom written at once). */
const SETTLE_MS = 100;

/** Reads and checks the pair (throws when it does not load). */
export async function loadPair(files: TlsFiles): Promise<{ cert: Buffer; key: Buffer }> {
  const [cert, key] = await Promise.all([readFile(files.cert), readFile(files.key)]);
  createSecureContext({ cert, key }); // throws on a bad certificate, a bad key, or a pair that does not match
  return { cert, key };
}

/** Watches the pair and swaps it into `server`; `onReload` is told each outcome. Returns the stop function. */
export function watchPair(
  server: Server,
  files: TlsFiles,
  log: Logger,
  onReload?: (ok: boolean) => void,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;
  const reload = async () => {
    const mine = ++generation;
    try {
      const pair = await loadPair(files);
      if (mine !== generation) return; // a newer change is being read
      server.setSecureContext(pair);
      log.info({ cert: files.cert }, 'proxy tls certificate reloaded');
      onReload?.(true);
    } catch (e) {
      log.warn(
        { cert: files.cert, reason: (e as Error).message },
        'proxy tls certificate not reloaded; the previous one is kept',
      );
      onReload?.(false);
    }
  };
  const names = new Set([basename(files.cert), basename(files.key)]);
  const watchers: FSWatcher[] = [...new Set([dirname(files.cert), dirname(files.key)])].map((dir) =>
    watch(dir, { persistent: false }, (_event, name) => {
      // Kubernetes swaps a `..data` symlink; an editor renames a temporary file: any change may be ours.
      if (name !== null && !names.has(name) && !name.startsWith('..')) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), SETTLE_MS);
    }),
  );
  for (const w of watchers) w.on('error', (e) => log.warn({ reason: e.message }, 'proxy tls watch failed'));
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}

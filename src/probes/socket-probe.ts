/**
 * A probe over one socket (tcp, tls): opened, judged when it is ready, then destroyed; its deadline
 * or the abort signal ends it first. Always a result, never an exception.
 */
import type { Socket } from 'node:net';
import type { ProbeResult } from '../monitor/types.ts';
import { classify, since } from './classify.ts';

export function socketProbe<S extends Socket>(
  open: () => S,
  ready: 'connect' | 'secureConnect',
  judge: (socket: S, t0: number) => ProbeResult,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const t0 = performance.now();
  // An abort listener added to an aborted signal never fires: answer now.
  if (signal?.aborted)
    return Promise.resolve({ ok: false, reason: 'error', detail: 'aborted', latencyMs: 0 });
  return new Promise((resolve) => {
    const socket = open();
    let done = false;
    const finish = (r: ProbeResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(
      () => finish({ ok: false, ...classify(undefined, true), latencyMs: since(t0) }),
      timeoutMs,
    );
    const onAbort = () => finish({ ok: false, reason: 'error', detail: 'aborted', latencyMs: since(t0) });
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once(ready, () => finish(judge(socket, t0)));
    socket.once('error', (e) => finish({ ok: false, ...classify(e), latencyMs: since(t0) }));
  });
}

/** The TCP probe: the connection opens within the timeout, then is closed at once. */
import { connect } from 'node:net';
import { tcpKind } from '../model/probes/tcp.ts';
import { classify, since } from './classify.ts';
import { type ProbePlugin, probePlugin } from './probe.ts';

export const tcpProbe: ProbePlugin<'tcp'> = probePlugin(tcpKind, function runTcp(target, check, signal) {
  const t0 = performance.now();
  // An abort listener added to an aborted signal never fires: answer now.
  if (signal?.aborted)
    return Promise.resolve({ ok: false, reason: 'error', detail: 'aborted', latencyMs: 0 });
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    let done = false;
    const finish = (r: Parameters<typeof resolve>[0]) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(
      () => finish({ ok: false, ...classify(undefined, true), latencyMs: since(t0) }),
      check.timeoutMs,
    );
    const onAbort = () => finish({ ok: false, reason: 'error', detail: 'aborted', latencyMs: since(t0) });
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish({ ok: true, latencyMs: since(t0) }));
    socket.once('error', (e) => finish({ ok: false, ...classify(e), latencyMs: since(t0) }));
  });
});

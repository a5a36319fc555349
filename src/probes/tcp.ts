/** The TCP probe: the connection opens within the timeout, then is closed at once. */
import { connect } from 'node:net';
import { tcpKind } from '../model/probes/tcp.ts';
import { since } from './classify.ts';
import { type ProbePlugin, probePlugin } from './probe.ts';
import { socketProbe } from './socket-probe.ts';

export const tcpProbe: ProbePlugin<'tcp'> = probePlugin(tcpKind, function runTcp(target, check, signal) {
  return socketProbe(
    () => connect({ host: target.host, port: target.port }),
    'connect',
    (_socket, t0) => ({ ok: true, latencyMs: since(t0) }),
    check.timeoutMs,
    signal,
  );
});

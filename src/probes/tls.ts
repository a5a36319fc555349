/**
 * The TLS probe: the handshake completes, the chain is trusted (unless verifyTls is false), the
 * certificate matches the host name and is not expired (expired fails even unverified); fewer than
 * `certValidFor` days left is a warning.
 */
import { isIP } from 'node:net';
import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls';
import { type TlsTarget, tlsKind } from '../model/probes/tls.ts';
import type { ProbeResult } from '../monitor/types.ts';
import { caList, daysLeft } from './certs.ts';
import { classify, since } from './classify.ts';
import { type ProbePlugin, probePlugin } from './probe.ts';
import { socketProbe } from './socket-probe.ts';

function judge(
  target: TlsTarget,
  cert: PeerCertificate,
  authorizationError: Error | string | null,
  t0: number,
): ProbeResult {
  const latencyMs = since(t0);
  if (!cert?.valid_to) return { ok: false, reason: 'tls-error', detail: 'no certificate', latencyMs };
  const certDaysLeft = daysLeft(cert.valid_to);
  if (certDaysLeft <= 0) {
    return { ok: false, reason: 'tls-expired', detail: `expired ${cert.valid_to}`, latencyMs, certDaysLeft };
  }
  if (target.verifyTls) {
    if (authorizationError) return { ok: false, ...classify(authorizationError), latencyMs, certDaysLeft };
    const identity = checkServerIdentity(target.host, cert);
    if (identity)
      return {
        ok: false,
        reason: 'tls-hostname',
        detail: identity.message.slice(0, 200),
        latencyMs,
        certDaysLeft,
      };
  }
  return {
    ok: true,
    latencyMs,
    certDaysLeft,
    ...(certDaysLeft * 86_400_000 < target.certValidForMs ? { warning: 'cert-expiring' as const } : {}),
  };
}

export const tlsProbe: ProbePlugin<'tls'> = probePlugin(tlsKind, function runTls(target, check, signal) {
  const ca = caList();
  return socketProbe(
    () =>
      connect({
        host: target.host,
        port: target.port,
        ...(isIP(target.host) ? {} : { servername: target.host }),
        // Judged below, so an untrusted or expired certificate gets its own reason.
        rejectUnauthorized: false,
        ...(ca ? { ca } : {}),
      }),
    'secureConnect',
    (socket, t0) => judge(target, socket.getPeerCertificate(), socket.authorizationError ?? null, t0),
    check.timeoutMs,
    signal,
  );
});

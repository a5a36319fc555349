/** The tls probe type, pure half: `tls: host:port`, verifyTls and certValidFor. Runner: src/probes/tls.ts. */
import { parseDuration } from '../duration.ts';
import { hostPort, parseHostPort } from '../schema-primitives.ts';
import { defineProbe } from './kind.ts';
import { certValidFor, verifyTls } from './options.ts';

export interface TlsTarget {
  readonly type: 'tls';
  readonly host: string;
  readonly port: number;
  readonly verifyTls: boolean;
  readonly certValidForMs: number;
}

export const tlsKind = defineProbe({
  type: 'tls',
  key: hostPort.meta({ description: 'host:port whose TLS certificate to verify.' }),
  options: { verifyTls },
  expect: { certValidFor },
  compile(spec, defaults): TlsTarget {
    return {
      type: 'tls',
      ...parseHostPort(spec.tls),
      verifyTls: spec.verifyTls ?? true,
      certValidForMs: parseDuration(spec.expect?.certValidFor ?? '') ?? defaults.certValidForMs,
    };
  },
});

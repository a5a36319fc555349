/**
 * The map of one failover group driven by all four actuators at once (the built-in proxy, the
 * built-in DNS with a BIND secondary, RFC 2136 to a BIND primary, HAProxy's Runtime API), over two
 * backends: what test/failover-e2e.test.ts and bench/failover-switch.ts both run. The caller adds
 * `version`, `name` and `runtime`; the TSIG keys are `./tsig.key` and `./xfr.key` beside the map.
 */
import type { Backend } from './backends.ts';

export interface FourActuators {
  readonly aws: Backend;
  readonly gcp: Backend;
  /** The RFC 2136 primary (`host:port`). */
  readonly rfc2136: string;
  /** HAProxy's Runtime API socket. */
  readonly haproxySocket: string;
  /** Where the BIND secondary of the built-in DNS listens (`host:port`). */
  readonly secondary: string;
  /** The checks' interval, e.g. `1s`. */
  readonly interval: string;
  readonly failAfter: number;
  /** The built-in proxy's listen address (default `127.0.0.1:0`). */
  readonly proxyListen?: string;
}

export function fourActuatorsMap(o: FourActuators) {
  const check = (b: Backend, component: string) => ({
    component,
    http: `http://${b.address}/`,
    interval: o.interval,
    timeout: '400ms',
    failAfter: o.failAfter,
    recoverAfter: 1,
  });
  return {
    services: { api: { criticality: 'critical', dependsOn: ['aws-web', 'gcp-web'] } },
    components: { 'aws-web': { provider: 'aws' }, 'gcp-web': { provider: 'gcp' } },
    checks: { 'api-aws': check(o.aws, 'aws-web'), 'api-gcp': check(o.gcp, 'gcp-web') },
    failover: {
      api: {
        service: 'api',
        endpoints: [
          { name: 'aws', address: o.aws.address, check: 'api-aws' },
          { name: 'gcp', address: o.gcp.address, check: 'api-gcp' },
        ],
        policy: { failback: 'manual', failbackAfter: '1s', minHold: '1s' },
        proxy: { listen: o.proxyListen ?? '127.0.0.1:0' },
        dns: { zone: 'example.com', name: 'api', ttl: 5 },
        rfc2136: {
          server: o.rfc2136,
          zone: 'example.com',
          name: 'api',
          ttl: 5,
          tsig: { name: 'bascule', algorithm: 'hmac-sha256', secret: { file: './tsig.key' } },
        },
        haproxy: { socket: o.haproxySocket, backend: 'api' },
      },
    },
    dnsZones: {
      'example.com': {
        secondaries: [
          {
            address: o.secondary,
            tsig: { name: 'xfr', algorithm: 'hmac-sha256', secret: { file: './xfr.key' } },
          },
        ],
      },
    },
  };
}

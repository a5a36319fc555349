/** The tcp probe type, pure half: `tcp: host:port`, no options of its own. Runner: src/probes/tcp.ts. */
import { hostPort, parseHostPort } from '../schema-primitives.ts';
import { defineProbe } from './kind.ts';

export interface TcpTarget {
  readonly type: 'tcp';
  readonly host: string;
  readonly port: number;
}

export const tcpKind = defineProbe({
  type: 'tcp',
  key: hostPort.meta({ description: 'host:port to connect to.' }),
  options: {},
  expect: {},
  compile(spec): TcpTarget {
    return { type: 'tcp', ...parseHostPort(spec.tcp) };
  },
});

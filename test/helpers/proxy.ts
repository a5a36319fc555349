/** The built-in proxy started in the test process on 127.0.0.1, its state in a temporary folder, its log kept. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Routing } from '../../src/actuators/actuator.ts';
import type { PassiveEvidence } from '../../src/actuators/proxy/evidence.ts';
import type { ProxyOptions } from '../../src/actuators/proxy/options.ts';
import { ProxyServer } from '../../src/actuators/proxy/server.ts';
import { createLogger } from '../../src/platform/log.ts';
import { createRegistry, type Registry } from '../../src/platform/metrics.ts';

export interface TestProxy {
  readonly proxy: ProxyServer;
  readonly url: string;
  readonly evidence: PassiveEvidence[];
  readonly registry: Registry;
  /** The log lines written so far, parsed. */
  logs(): Array<Record<string, unknown>>;
  readonly dir: string;
}

export type Extra = Partial<Omit<ProxyOptions, 'logger' | 'group'>>;

export async function startProxy(initial: Routing | undefined, extra: Extra = {}): Promise<TestProxy> {
  const dir = extra.stateFile ? '' : mkdtempSync(join(tmpdir(), 'bascule-proxy-'));
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const evidence: PassiveEvidence[] = [];
  const registry = createRegistry();
  const proxy = await ProxyServer.start({
    group: initial?.group ?? 'api',
    listen: '127.0.0.1:0',
    stateFile: join(dir, 'proxy-state.json'),
    ...(initial ? { initial } : {}),
    onEvidence: (e) => evidence.push(e),
    logger: createLogger('info', sink),
    registry,
    ...extra,
  });
  return {
    proxy,
    url: proxy.url,
    evidence,
    registry,
    dir,
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** `to`'s routing of group api, with `standby` behind it. */
export function routing(
  to: { name: string; address: string },
  ...standby: { name: string; address: string }[]
): Routing {
  return {
    group: 'api',
    endpoint: to.name,
    address: to.address,
    standby: standby.map((s) => ({ endpoint: s.name, address: s.address })),
  };
}

/**
 * A failover map for `bascule run` as a child process: service api on two backends (127.0.0.2 and
 * 127.0.0.3), checked over HTTP every second, a group with the built-in proxy on a fixed port (so a
 * restarted daemon listens on the same one), optional failover webhook and alert channels.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Backend } from './backends.ts';

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

export function failoverMap(
  dir: string,
  o: {
    aws: Backend;
    gcp: Backend;
    proxyPort: number;
    policy: Record<string, unknown>;
    webhook?: string;
    notify?: Record<string, unknown>;
  },
): string {
  const check = (b: Backend, component: string) => ({
    component,
    http: `http://${b.address}/`,
    interval: '1s',
    timeout: '400ms',
    failAfter: 2,
    recoverAfter: 1,
  });
  const file = join(dir, 'bascule.yaml');
  writeFileSync(
    file,
    stringify({
      version: 1,
      name: 'failover-control',
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
          policy: o.policy,
          proxy: { listen: `127.0.0.1:${o.proxyPort}` },
          ...(o.webhook ? { webhook: { url: o.webhook } } : {}),
        },
      },
      ...(o.notify ? { notify: o.notify } : {}),
      runtime: { listen: '127.0.0.1:0', dataDir: 'data', token: { env: 'OPERATOR' } },
    }),
  );
  return file;
}

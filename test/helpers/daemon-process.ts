/**
 * `bascule run` as a real process for fault tests: a map watching one backend and alerting one
 * webhook, the daemon spawned (directly, or under a shell that sets limits first), its output kept,
 * and its start line read once it has started.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { waitFor } from './daemon.ts';

export const BIN = fileURLToPath(new URL('../../bin/bascule.js', import.meta.url));

/** Writes `dir/bascule.yaml`: service shop on component web, checked over HTTP, alerts to `hook`. */
export function watchMap(
  dir: string,
  o: { name: string; backend: string; hook: string; dataDir?: string },
): string {
  const file = join(dir, 'bascule.yaml');
  writeFileSync(
    file,
    stringify({
      version: 1,
      name: o.name,
      services: { shop: { criticality: 'critical', dependsOn: ['web'] } },
      components: { web: { provider: 'aws' } },
      checks: {
        web: {
          component: 'web',
          http: o.backend,
          interval: '1s',
          timeout: '500ms',
          failAfter: 2,
          recoverAfter: 1,
        },
      },
      notify: { ops: { webhook: `${o.hook}/hook` } },
      runtime: { listen: '127.0.0.1:0', dataDir: o.dataDir ?? 'data', token: { env: 'OPERATOR' } },
    }),
  );
  return file;
}

export interface DaemonProcess {
  readonly child: ChildProcess;
  /** Everything it wrote so far, stdout and stderr. */
  output(): string;
  /** Its `bascule daemon started` log line, once it has started (fails with its output if it exits). */
  started(): Promise<{ url: string } & Record<string, unknown>>;
}

/** Spawns `bascule run -c bascule.yaml` in `dir`; `shell` runs it under `bash -c "<shell> && exec …"`. */
export function runDaemon(dir: string, operator: string, o: { shell?: string } = {}): DaemonProcess {
  const env = { ...process.env, LANG: 'C', OPERATOR: operator };
  const run = `"${process.execPath}" "${BIN}" run -c bascule.yaml`;
  const child = o.shell
    ? spawn('bash', ['-c', `${o.shell} && exec ${run}`], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env })
    : spawn(process.execPath, [BIN, 'run', '-c', 'bascule.yaml'], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
        env,
      });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c;
  });
  child.stderr!.on('data', (c: Buffer) => {
    out += c;
  });
  const line = () => out.split('\n').find((l) => l.includes('"msg":"bascule daemon started"'));
  return {
    child,
    output: () => out,
    started: async () => {
      await waitFor('daemon started', () => line() !== undefined || child.exitCode !== null, 20_000);
      assert.equal(child.exitCode, null, out);
      return JSON.parse(line()!) as { url: string } & Record<string, unknown>;
    },
  };
}

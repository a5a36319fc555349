/**
 * A real BIND 9 (Debian's `named`) started by a test on loopback, in the foreground, its
 * configuration, zone files and journal in a temporary directory: as a secondary of the built-in
 * server (fed by AXFR/IXFR with TSIG, told by NOTIFY), or as a primary serving a zone file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Bind {
  readonly host: string;
  readonly port: number;
  readonly dir: string;
  /** What named has written to stderr so far. */
  log(): string;
  stop(): Promise<void>;
}

/** A UDP port free on `host` now (named is told to listen there). */
export async function freePort(host: string): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, host, resolve));
  const { port } = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

function options(dir: string, host: string, port: number): string {
  return `options {
  directory "${dir}";
  pid-file "${dir}/named.pid";
  session-keyfile "${dir}/session.key";
  listen-on port ${port} { ${host}; };
  listen-on-v6 { none; };
  query-source address ${host};
  transfer-source ${host};
  notify-source ${host};
  recursion no;
  dnssec-validation no;
  notify no;
  allow-query { any; };
  max-refresh-time 3600;
  min-refresh-time 300;
};
controls { };
`;
}

async function startNamed(dir: string, host: string, port: number): Promise<Bind> {
  const child: ChildProcess = spawn('named', ['-g', '-c', join(dir, 'named.conf'), '-n', '1'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const deadline = Date.now() + 15_000;
  while (!/running\n/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`named did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host,
    port,
    dir,
    log: () => log,
    stop: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    },
  };
}

export interface SecondaryOptions {
  readonly host: string;
  readonly port: number;
  readonly primary: { host: string; port: number };
  readonly key: { name: string; algorithm: string; secret: string };
}

/** named as a secondary of `example.com`, its primary the built-in server. */
export async function startBindSecondary(o: SecondaryOptions): Promise<Bind> {
  const dir = await mkdtemp(join(tmpdir(), 'bascule-bind-'));
  const conf = `${options(dir, o.host, o.port)}
key "${o.key.name}" { algorithm ${o.key.algorithm}; secret "${o.key.secret}"; };
zone "example.com" {
  type secondary;
  primaries port ${o.primary.port} { ${o.primary.host} key "${o.key.name}"; };
  file "${dir}/example.com.db";
};
`;
  await writeFile(join(dir, 'named.conf'), conf);
  return startNamed(dir, o.host, o.port);
}

/** named as the primary of `zone`, from a zone file's text. */
export async function startBindPrimary(
  host: string,
  port: number,
  zone: string,
  zoneText: string,
): Promise<Bind> {
  const dir = await mkdtemp(join(tmpdir(), 'bascule-bind-'));
  await writeFile(join(dir, `${zone}.db`), zoneText);
  await writeFile(
    join(dir, 'named.conf'),
    `${options(dir, host, port)}
zone "${zone}" { type primary; file "${dir}/${zone}.db"; };
`,
  );
  return startNamed(dir, host, port);
}

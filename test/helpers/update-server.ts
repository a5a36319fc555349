/**
 * A real DNS server that takes RFC 2136 updates, started by a test on 127.0.0.1 on a free port in
 * the foreground, its files (configuration, zone, journal or database) in a temporary directory:
 * BIND (bind.ts), Knot DNS (knot.ts), PowerDNS (pdns.ts). Each serves `example.com` and lets the
 * TSIG keys below update it; `dig` reads what it serves. It can be stopped and started again
 * (what it wrote stays), or replaced by a port that accepts and never answers.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ZONE = 'example.com';
/** The key every server knows (a fixed test secret), and one no server knows. */
export const KEY_SECRET = 'Hh+ElyvelKoEwSNgLqA3xzS9w86Awx1zLwpsa0JEdz8=';
export const KEY_FILE_TEXT = `key "bascule" {\n\talgorithm hmac-sha256;\n\tsecret "${KEY_SECRET}";\n};\n`;
/** Keys for the other two algorithms Bascule supports. */
export const OTHER_KEYS = {
  'hmac-sha512': {
    name: 'bascule512',
    secret: 'NnC4J4LzVKCt89a3F5xN30DMydf1vhgaH1V9uvaHLVIFm15vxRVwK7VH5GdmvEmBMslnpWBbZXftDwHDYvDnGg==',
  },
  'hmac-sha1': { name: 'bascule1', secret: '34+TfdzkEtWWmNRKGrVBaXBJso4=' },
} as const;
export const WRONG_SECRET = 'c2VjcmV0LXRoYXQtYmluZC1kb2VzLW5vdC1rbm93LTEyMzQ1Ng==';

/** Every key a server lets update the zone: name, algorithm, base64 secret. */
export const UPDATE_KEYS: readonly { name: string; algorithm: string; secret: string }[] = [
  { name: 'bascule', algorithm: 'hmac-sha256', secret: KEY_SECRET },
  ...Object.entries(OTHER_KEYS).map(([algorithm, k]) => ({ name: k.name, algorithm, secret: k.secret })),
];

/** The zone every server starts from. */
export function zoneFile(): string {
  return [
    `$ORIGIN ${ZONE}.`,
    '$TTL 60',
    '@ IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 60',
    '@ IN NS ns1.example.com.',
    'ns1 IN A 127.0.0.1',
    '',
  ].join('\n');
}

export interface TestUpdateServer {
  readonly dir: string;
  readonly port: number;
  /** `127.0.0.1:<port>`. */
  readonly server: string;
  /** The values `dig` reads over TCP for `name` (`api.example.com`) and `type`, sorted. */
  dig(name: string, type: string): Promise<string[]>;
  /** Stops the server (SIGTERM: what it wrote stays). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and listens on its port with one that accepts and never answers. */
  hang(): Promise<void>;
  /** What the server printed (its log, in the foreground). */
  log(): string;
  close(): Promise<void>;
}

export interface UpdateServerSpec {
  /** For messages: `named`, `knotd`, `pdns_server`. */
  readonly name: string;
  /** Writes the server's files for `port` into `dir` (configuration, zone, keys, database). */
  prepare(dir: string, port: number): Promise<void> | void;
  /** The program and its arguments, to run it in the foreground with its log on stdout or stderr. */
  command(dir: string): readonly [string, readonly string[]];
  /** What its log says once it serves. */
  readonly ready: RegExp;
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** Whether something listens on 127.0.0.1:port (for a test that checks a server is gone). */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function startUpdateServer(spec: UpdateServerSpec): Promise<TestUpdateServer> {
  const dir = mkdtempSync(join(tmpdir(), `bascule-${spec.name}-`));
  const port = await freePort();
  await spec.prepare(dir, port);
  let child: ChildProcess | undefined;
  let hung: { server: Server; sockets: Set<Socket> } | undefined;
  let output = '';

  const start = async () => {
    if (child) return;
    const [file, args] = spec.command(dir);
    const c = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    const seen = output.length;
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${spec.name} did not start within 10 s:\n${output}`)),
        10_000,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (spec.ready.test(output.slice(seen))) {
          clearTimeout(timer);
          resolve();
        }
      };
      c.stdout?.on('data', onData);
      c.stderr?.on('data', onData);
      c.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${spec.name} exited (${code}):\n${output}`));
      });
    });
    await ready;
    // "Ready" can come before the TCP listener takes connections: wait for it (at most 5 s).
    for (let i = 0; i < 100 && !(await listening(port)); i++) await new Promise((r) => setTimeout(r, 50));
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = once(c, 'exit');
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const unhang = async () => {
    if (!hung) return;
    for (const s of hung.sockets) s.destroy();
    await new Promise((r) => hung?.server.close(r));
    hung = undefined;
  };

  try {
    await start();
  } catch (e) {
    await stop();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    dir,
    port,
    server: `127.0.0.1:${port}`,
    dig: (name, type) =>
      new Promise((resolve, reject) => {
        execFile(
          'dig',
          ['+short', '+tcp', '+time=2', '+tries=1', '-p', String(port), '@127.0.0.1', name, type],
          { timeout: 5_000 },
          (err, stdout) => {
            if (err) reject(err);
            else
              resolve(
                stdout
                  .split('\n')
                  .filter((l) => l !== '')
                  .sort(),
              );
          },
        );
      }),
    stop,
    async start() {
      await unhang();
      await start();
    },
    async hang() {
      await stop();
      const sockets = new Set<Socket>();
      const server = createServer((s) => {
        sockets.add(s);
        s.on('error', () => undefined);
      });
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
      hung = { server, sockets };
    },
    log: () => output,
    async close() {
      await unhang();
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

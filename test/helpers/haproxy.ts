/**
 * A real HAProxy (Debian's haproxy, installed by scripts/test.sh) for the Runtime API tests: config
 * in a temporary directory, a frontend on 127.0.0.1, backend `api` with servers `aws`
 * (127.0.0.2) and `gcp` (127.0.0.3) in front of two small HTTP servers that answer their name,
 * the stats socket (admin level) in the directory and, if asked, on TCP. `reload()` starts a new
 * process with `-sf` as a reload does: the runtime state is lost, unless `keepState` configures
 * HAProxy's `server-state-file`, which `stop()` and `reload()` then write first, as an operator's
 * reload script does (`show servers state > file`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer, request } from 'node:http';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestHaproxy {
  readonly dir: string;
  readonly socket: string;
  /** `127.0.0.1:<port>` of the TCP stats socket, when asked for. */
  readonly tcp?: string;
  /** `host:port` of each backend server, by server name. */
  readonly backends: Readonly<Record<'aws' | 'gcp', string>>;
  /** One request through the frontend: the name of the backend that answered, undefined for none (503). */
  get(): Promise<string | undefined>;
  /** HAProxy's own `show stat`: each server's status (UP, DRAIN, MAINT, DOWN…) and total sessions. */
  stats(): Promise<Record<string, { status: string; sessions: number }>>;
  command(line: string): Promise<string>;
  /** Kills one backend HTTP server (the endpoint goes down). */
  killBackend(name: 'aws' | 'gcp'): Promise<void>;
  reload(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops HAProxy and listens on its socket path with a server that accepts and never answers. */
  hang(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

async function backend(name: string, host: string): Promise<HttpServer> {
  const server = createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
    res.end(name);
  });
  server.listen(0, host);
  await once(server, 'listening');
  return server;
}

/** One Runtime API command on a UNIX socket path, its whole answer (at most 5 s). */
export function runtimeCommand(path: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ path });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`no answer to "${line}" within 5 s`));
    }, 5_000);
    s.once('connect', () => s.write(`${line}\n`));
    s.on('data', (c: Buffer) => chunks.push(c));
    s.once('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    s.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

export async function startHaproxy(
  o: { disabled?: boolean; tcp?: boolean; keepState?: boolean } = {},
): Promise<TestHaproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'bascule-haproxy-'));
  const socket = join(dir, 'admin.sock');
  const servers = { aws: await backend('aws', '127.0.0.2'), gcp: await backend('gcp', '127.0.0.3') };
  const backends = {
    aws: `127.0.0.2:${(servers.aws.address() as AddressInfo).port}`,
    gcp: `127.0.0.3:${(servers.gcp.address() as AddressInfo).port}`,
  };
  const front = await freePort();
  const tcpPort = o.tcp ? await freePort() : undefined;
  const disabled = o.disabled ? ' disabled' : '';
  const stateFile = join(dir, 'servers.state');
  const config = `global
  nbthread 1
${o.keepState ? `  server-state-file ${stateFile}\n` : ''}  stats socket ${socket} mode 600 level admin
${tcpPort ? `  stats socket ipv4@127.0.0.1:${tcpPort} level admin\n` : ''}defaults
  mode http
${o.keepState ? '  load-server-state-from-file global\n' : ''}  timeout connect 1s
  timeout client 5s
  timeout server 5s
  retries 1
  option redispatch
frontend fe
  bind 127.0.0.1:${front}
  default_backend api
backend api
  balance roundrobin
  server aws ${backends.aws} check inter 200ms fall 1 rise 1${disabled}
  server gcp ${backends.gcp} check inter 200ms fall 1 rise 1${disabled}
`;
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(cfg, config);
  let proc: ChildProcess | undefined;
  let hung: { server: Server; sockets: Set<Socket> } | undefined;
  let output = '';

  const ready = async () => {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await runtimeCommand(socket, 'show info')).includes('Pid:')) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`haproxy did not answer on its socket within 5 s:\n${output}`);
  };
  const spawnOne = async (extra: string[]) => {
    const child = spawn('haproxy', ['-db', '-f', cfg, ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (c: string) => {
      output = (output + c).slice(-8_000);
    });
    return child;
  };
  const stopProc = async (child: ChildProcess | undefined) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const start = async () => {
    if (hung) {
      for (const s of hung.sockets) s.destroy();
      await new Promise((r) => hung?.server.close(r));
      hung = undefined;
      rmSync(socket, { force: true });
    }
    if (proc) return;
    proc = await spawnOne([]);
    await ready();
  };
  const saveState = async () => {
    if (o.keepState && proc) writeFileSync(stateFile, await runtimeCommand(socket, 'show servers state'));
  };
  const stop = async () => {
    await saveState();
    const child = proc;
    proc = undefined;
    await stopProc(child);
  };
  await start();

  return {
    dir,
    socket,
    ...(tcpPort ? { tcp: `127.0.0.1:${tcpPort}` } : {}),
    backends,
    get: () =>
      new Promise((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: front,
            path: '/',
            agent: false,
            headers: { connection: 'close' },
            timeout: 5_000,
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => {
              body += c;
            });
            res.on('end', () => resolve(res.statusCode === 200 ? body : undefined));
          },
        );
        req.on('timeout', () => req.destroy(new Error('no answer through haproxy within 5 s')));
        req.on('error', reject);
        req.end();
      }),
    async stats() {
      const csv = await runtimeCommand(socket, 'show stat');
      const lines = csv.split('\n');
      const head = (lines[0] ?? '').replace(/^# /, '').split(',');
      const out: Record<string, { status: string; sessions: number }> = {};
      for (const l of lines.slice(1)) {
        const f = l.split(',');
        if (f[head.indexOf('pxname')] !== 'api') continue;
        const sv = f[head.indexOf('svname')]!;
        if (sv === 'BACKEND' || sv === 'FRONTEND') continue;
        out[sv] = { status: f[head.indexOf('status')]!, sessions: Number(f[head.indexOf('stot')]) };
      }
      return out;
    },
    command: (line) => runtimeCommand(socket, line),
    async killBackend(name) {
      servers[name].closeAllConnections();
      await new Promise((r) => servers[name].close(r));
    },
    async reload() {
      const old = proc;
      if (!old?.pid) throw new Error('haproxy is not running');
      await saveState();
      const exited = once(old, 'exit');
      proc = await spawnOne(['-sf', String(old.pid)]);
      await exited;
      await ready();
    },
    stop,
    start,
    async hang() {
      await stop();
      rmSync(socket, { force: true });
      const sockets = new Set<Socket>();
      const server = createServer((s) => {
        sockets.add(s);
        s.on('error', () => undefined);
      });
      server.listen(socket);
      await once(server, 'listening');
      hung = { server, sockets };
    },
    async close() {
      if (hung) {
        for (const s of hung.sockets) s.destroy();
        await new Promise((r) => hung?.server.close(r));
        hung = undefined;
      }
      await stop();
      for (const s of Object.values(servers)) {
        s.closeAllConnections();
        await new Promise((r) => s.close(r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

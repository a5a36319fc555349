/**
 * The demo's two providers: each a child process (`backend.ts`) on its own loopback address,
 * started, SIGKILLed as a provider dies, and started again on the same address. A backend that
 * cannot listen stops the demo with BASCULE_E_DEMO_BACKEND (127.0.0.2 and 127.0.0.3 answer on
 * Linux; elsewhere the loopback interface needs them as aliases).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail } from '../errors.ts';

const HERE = fileURLToPath(import.meta.url);
/** `backend.js` beside this file once built, `backend.ts` when run from the sources (through tsx). */
const ENTRY = join(dirname(HERE), `backend${extname(HERE)}`);
const ARGS = extname(HERE) === '.ts' ? ['--import', 'tsx', ENTRY] : [ENTRY];
/** How long a backend may take to listen. */
const START_MS = 10_000;
/** How long a backend asked to stop (SIGTERM) may take before it is killed. */
const STOP_MS = 2_000;

export interface Backend {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** `host:port`. */
  readonly address: string;
  readonly pid: number;
  /** SIGKILL, as a provider dies; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (SIGKILL past 2 s); resolves once the process is gone. */
  stop(): Promise<void>;
}

const gone = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function end(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (gone(child)) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  if (signal === 'SIGKILL') {
    await exited;
    return;
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_MS);
  await exited;
  clearTimeout(timer);
}

/** Starts `name` on `host` (port 0: any free one); fails with BASCULE_E_DEMO_BACKEND. */
export async function startBackend(name: string, host: string, port = 0): Promise<Backend> {
  const child = spawn(process.execPath, [...ARGS, name, host, String(port)], {
    stdio: ['ignore', 'pipe', 'ignore', 'ipc'],
  });
  child.channel?.unref(); // the channel only tells the backend when the demo is gone
  const address = `${host}:${port}`;
  const said = await new Promise<{ port?: number; error?: string }>((resolve) => {
    let out = '';
    const timer = setTimeout(() => resolve({ error: 'ETIMEDOUT' }), START_MS);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out.slice(0, nl)) as { port?: number; error?: string });
      } catch {
        resolve({ error: 'EPROTO' });
      }
    });
    child.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ error: e.code ?? 'ERROR' });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ error: `exit ${code}` });
    });
  });
  if (said.port === undefined) {
    await end(child, 'SIGKILL');
    throw fail('BASCULE_E_DEMO_BACKEND', { provider: name, address, reason: said.error ?? 'ERROR' });
  }
  child.stdout!.resume();
  const actual = said.port;
  return {
    name,
    host,
    port: actual,
    address: `${host}:${actual}`,
    pid: child.pid ?? 0,
    kill: () => end(child, 'SIGKILL'),
    stop: () => end(child, 'SIGTERM'),
  };
}

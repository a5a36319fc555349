/**
 * One command on HAProxy's Runtime API (the stats socket, UNIX or TCP): connect, send the line,
 * read until HAProxy closes (its non-interactive mode), within the caller's signal (which carries
 * the deadline). A socket that is absent, refuses or never answers is `unreachable`.
 */
import { connect } from 'node:net';
import { parseHostPort } from '../../model/schema-primitives.ts';

export type RuntimeTarget = { readonly socket: string } | { readonly host: string; readonly port: number };

export type CommandResult =
  | { readonly ok: true; readonly output: string }
  | { readonly ok: false; readonly kind: 'unreachable' | 'aborted'; readonly detail: string };

/** At most this much output is read (a `show servers state` of a large backend fits). */
const MAX_OUTPUT = 4 * 1024 * 1024;

export function runtimeTarget(o: { readonly socket?: string; readonly address?: string }): RuntimeTarget {
  if (o.socket !== undefined) return { socket: o.socket };
  return parseHostPort(o.address ?? '');
}

export function describeTarget(t: RuntimeTarget): string {
  return 'socket' in t ? t.socket : t.host.includes(':') ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`;
}

export function runCommand(
  target: RuntimeTarget,
  command: string,
  signal: AbortSignal,
): Promise<CommandResult> {
  const where = describeTarget(target);
  if (signal.aborted) return Promise.resolve(abortedOf(signal, where));
  return new Promise((resolve) => {
    const socket =
      'socket' in target
        ? connect({ path: target.socket })
        : connect({ host: target.host, port: target.port });
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: CommandResult) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(r);
    };
    const onAbort = () => finish(abortedOf(signal, where));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => socket.write(`${command}\n`));
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT)
        finish({ ok: false, kind: 'unreachable', detail: `${where} answered more than 4 MiB` });
      else chunks.push(chunk);
    });
    socket.once('end', () => finish({ ok: true, output: Buffer.concat(chunks).toString('utf8') }));
    socket.once('error', (e: NodeJS.ErrnoException) =>
      finish({ ok: false, kind: 'unreachable', detail: `${e.code ?? e.message} on ${where}` }),
    );
  });
}

/** The caller's abort, or the deadline (a TimeoutError reason). */
function abortedOf(signal: AbortSignal, where: string): CommandResult {
  const timedOut = (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
  return timedOut
    ? { ok: false, kind: 'unreachable', detail: `no answer in time from ${where}` }
    : { ok: false, kind: 'aborted', detail: 'aborted' };
}

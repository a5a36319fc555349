/**
 * Upgraded connections (WebSocket): the handshake goes to the active endpoint (to the next one when
 * a connection cannot be opened), and after the backend's 101 the two sockets are joined byte for
 * byte until either side closes or the tunnel stays silent for timeouts.tunnelIdle.
 */
import { type IncomingMessage, request } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ProxyContext } from './context.ts';
import { classifyError } from './evidence.ts';
import { forwardHeaders } from './forwarded.ts';
import { langOf, reasonText, replyRaw } from './replies.ts';

/** Open tunnels, so that closing the proxy closes them. */
export type Tunnels = Set<Duplex>;

export function handleUpgrade(
  ctx: ProxyContext,
  tunnels: Tunnels,
  req: IncomingMessage,
  client: Duplex,
  head: Buffer,
): void {
  const candidates = ctx.candidates();
  // Known from the start, so that closing the proxy also closes a handshake under way.
  tunnels.add(client);
  client.on('close', () => tunnels.delete(client));
  client.on('error', () => client.destroy());
  if (candidates.length === 0) {
    replyRaw(client as Socket, 'BASCULE_E_PROXY_NO_ROUTE', { group: ctx.o.group });
    return;
  }
  const headers = forwardHeaders(req.headers, req.socket.remoteAddress, ctx.proto);
  headers.connection = 'upgrade';
  if (req.headers.upgrade !== undefined) headers.upgrade = req.headers.upgrade;
  const tryAt = (i: number) => {
    const target = candidates[i]!;
    const backend = ctx.pool.get(target.address);
    const up = request({
      host: backend.host,
      port: backend.port,
      method: req.method,
      path: req.url,
      headers,
      setHost: false,
      agent: false,
      timeout: ctx.o.timeouts.connect,
    });
    let connected = false;
    up.on('socket', (s: Socket) =>
      s.once('connect', () => {
        connected = true;
        s.setTimeout(ctx.o.timeouts.firstByte);
      }),
    );
    up.on('timeout', () => up.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    up.on('error', (e) => {
      const c = classifyError(e, connected);
      const reason =
        (e as { code?: string }).code === 'ETIMEDOUT' && !connected ? 'connect-timeout' : c.reason;
      ctx.evidence(target, reason, (e as { code?: string }).code ?? e.message);
      if (!connected && i + 1 < candidates.length && !client.destroyed) return tryAt(i + 1);
      const lang = langOf(req.headers['accept-language']);
      replyRaw(client as Socket, 'BASCULE_E_PROXY_UNREACHABLE', {
        group: ctx.o.group,
        reason: reasonText(lang, reason),
      });
    });
    up.on('response', (res) => {
      // Not upgraded: the backend's answer is passed on as it is, and the connection ends with it.
      client.write(`HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n${rawHead(res.rawHeaders)}\r\n`);
      res.pipe(client);
    });
    up.on('upgrade', (res, socket, upHead) => {
      client.write(
        `HTTP/1.1 101 ${res.statusMessage || 'Switching Protocols'}\r\n${rawHead(res.rawHeaders)}\r\n`,
      );
      if (upHead.length > 0) client.write(upHead);
      if (head.length > 0) socket.write(head);
      join(ctx, tunnels, client, socket);
    });
    up.end();
  };
  tryAt(0);
}

function rawHead(raw: readonly string[]): string {
  let text = '';
  for (let i = 0; i + 1 < raw.length; i += 2) text += `${raw[i]}: ${raw[i + 1]}\r\n`;
  return text;
}

function join(ctx: ProxyContext, tunnels: Tunnels, a: Duplex, b: Duplex): void {
  tunnels.add(a);
  tunnels.add(b);
  const close = () => {
    tunnels.delete(a);
    tunnels.delete(b);
    a.destroy();
    b.destroy();
  };
  for (const s of [a, b] as Socket[]) {
    s.setTimeout(ctx.o.timeouts.tunnelIdle);
    s.on('timeout', () => {
      ctx.log.warn('tunnel-idle', { idleMs: ctx.o.timeouts.tunnelIdle }, 'proxy closed a silent tunnel');
      close();
    });
    s.on('error', close);
    s.on('close', close);
  }
  a.pipe(b);
  b.pipe(a);
}

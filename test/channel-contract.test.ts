/**
 * Every channel plugin of CHANNELS against the channel contract, with real receivers on 127.0.0.1:
 * an HTTP server (200, or 500 under /fail), an SMTP server (refusing one domain), a TCP listener that
 * never answers, and a port known to be closed.
 */
import { once } from 'node:events';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { after, before } from 'node:test';
import type { ChannelType } from '../src/model/channels/registry.ts';
import { CHANNELS } from '../src/notify/registry.ts';
import { type ChannelTargets, channelContract } from './channel.contract.ts';
import { receiver, smtpReceiver } from './helpers/receivers.ts';

const ENV = { C_SECRET: 'contract-secret-1', C_TOKEN: 'contract-token-2', C_SMTP: 'contract-smtp-3' };
const HIDDEN = [...Object.values(ENV), 'SECRETPATH', 'sig=s3cr3t'];

let rx: Awaited<ReturnType<typeof receiver>>;
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
let silent: Server;
const sockets = new Set<Socket>();
let silentPort = 0;
let closedPort = 0;

before(async () => {
  rx = await receiver((path) => (path.startsWith('/fail') ? 500 : 200));
  smtp = await smtpReceiver('alerts', ENV.C_SMTP);
  silent = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  silent.listen(0, '127.0.0.1');
  await once(silent, 'listening');
  silentPort = (silent.address() as AddressInfo).port;
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
});

after(async () => {
  rx.close();
  for (const s of sockets) s.destroy();
  silent.close();
  await smtp.close();
});

/** A channel whose key is a URL, with its own options. */
function web(type: ChannelType, options: Record<string, unknown> = {}): () => ChannelTargets {
  const path = `/${type}/SECRETPATH?sig=s3cr3t`;
  return () => ({
    accepts: { [type]: `${rx.url}/ok${path}`, ...options },
    refuses: { [type]: `${rx.url}/fail${path}`, ...options },
    closed: { [type]: `http://127.0.0.1:${closedPort}${path}`, ...options },
    silent: { [type]: `http://127.0.0.1:${silentPort}${path}`, ...options },
    received: () =>
      rx.requests
        .filter((r) => r.path.startsWith(`/ok/${type}/`))
        .map((r) => `${JSON.stringify(r.headers)}\n${r.body}`),
    env: ENV,
    hidden: HIDDEN,
  });
}

function email(): ChannelTargets {
  const settings = (port: number, to = 'oncall@example.com') => ({
    email: {
      host: '127.0.0.1',
      port,
      secure: false,
      user: 'alerts',
      password: { env: 'C_SMTP' },
      from: 'Bascule <bascule@example.com>',
      to: [to],
    },
  });
  return {
    accepts: settings(smtp.port),
    refuses: settings(smtp.port, 'oncall@refused.example'),
    closed: settings(closedPort),
    silent: settings(silentPort),
    received: () => smtp.mails.map((m) => m.raw),
    env: ENV,
    hidden: HIDDEN,
  };
}

/** The receivers of each type; the compiler asks for one entry per type of the table. */
const TARGETS: { readonly [P in ChannelType]: () => ChannelTargets } = {
  webhook: web('webhook', { secret: { env: 'C_SECRET' } }),
  slack: web('slack'),
  discord: web('discord'),
  teams: web('teams'),
  ntfy: web('ntfy', { token: { env: 'C_TOKEN' } }),
  email,
};

for (const type of Object.keys(CHANNELS) as ChannelType[]) channelContract(type, TARGETS[type]);

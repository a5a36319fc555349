/**
 * Every probe plugin of PROBES against the probe contract, each with real targets on 127.0.0.1: an
 * HTTP server, a TCP listener, a TLS server with a certificate of the test CA, a DNS server over
 * UDP, silent listeners that accept and never answer, and ports known to be closed.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer as createHttp } from 'node:http';
import { type AddressInfo, createServer as createTcp, type Server, type Socket } from 'node:net';
import { after, before } from 'node:test';
import { createServer as createTls } from 'node:tls';
import dnsPacket from 'dns-packet';
import type { ProbeType } from '../src/model/probes/registry.ts';
import { trustCa } from '../src/probes/certs.ts';
import { PROBES } from '../src/probes/registry.ts';
import { testCerts } from './helpers/certs.ts';
import { type ProbeTargets, probeContract } from './probe.contract.ts';

const servers: Server[] = [];
const sockets = new Set<Socket>();
const udps: UdpSocket[] = [];
const ports = { http: 0, silent: 0, tcp: 0, tls: 0, dns: 0, silentUdp: 0, closed: 0 };

async function listen(server: Server): Promise<number> {
  servers.push(server);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

async function udp(answer: boolean): Promise<number> {
  const socket = createSocket('udp4');
  udps.push(socket);
  if (answer) {
    socket.on('message', (msg, from) => {
      const q = dnsPacket.decode(msg);
      const name = q.questions?.[0]?.name ?? '';
      const reply = dnsPacket.encode({
        type: 'response',
        id: q.id,
        flags: dnsPacket.RECURSION_DESIRED,
        questions: q.questions,
        answers: [{ type: 'A', name, ttl: 60, data: '127.0.0.1' }],
      });
      socket.send(reply, from.port, from.address);
    });
  }
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return (socket.address() as AddressInfo).port;
}

before(async () => {
  const certs = testCerts();
  trustCa(certs.ca);
  ports.http = await listen(createHttp((_req, res) => res.end('ok')));
  ports.silent = await listen(createTcp(() => {}));
  ports.tcp = await listen(createTcp((s) => s.end()));
  ports.tls = await listen(createTls({ cert: certs.valid.cert, key: certs.valid.key }, (s) => s.end()));
  ports.dns = await udp(true);
  ports.silentUdp = await udp(false);
  // A port that was just free: nothing listens there (TCP and UDP).
  const probe = createTcp();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  ports.closed = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
});

after(async () => {
  for (const s of sockets) s.destroy();
  for (const s of servers) await new Promise((r) => s.close(r));
  for (const u of udps) u.close();
});

const at = (port: number) => `127.0.0.1:${port}`;
const dns = (port: number) => ({ dns: { name: 'up.test', resolver: at(port) } });

/** The targets of each type; the compiler asks for one entry per type of the table. */
const TARGETS: { readonly [P in ProbeType]: () => ProbeTargets } = {
  http: () => ({
    up: { http: `http://${at(ports.http)}/` },
    closed: { http: `http://${at(ports.closed)}/` },
    silent: { http: `http://${at(ports.silent)}/` },
  }),
  tcp: () => ({ up: { tcp: at(ports.tcp) }, closed: { tcp: at(ports.closed) } }),
  tls: () => ({
    up: { tls: at(ports.tls) },
    closed: { tls: at(ports.closed) },
    silent: { tls: at(ports.silent) },
  }),
  dns: () => ({ up: dns(ports.dns), closed: dns(ports.closed), silent: dns(ports.silentUdp) }),
};

for (const type of Object.keys(PROBES) as ProbeType[]) probeContract(type, TARGETS[type]);

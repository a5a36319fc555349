/** Free loopback ports for the demo's daemon, chosen before its map is written (the map names them). */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

const TRIES = 20;

function tcp(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(undefined));
    s.listen(port, host, () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : undefined));
    });
  });
}

function udp(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.once('error', () => {
      s.close();
      resolve(false);
    });
    s.bind(port, host, () => s.close(() => resolve(true)));
  });
}

/** A TCP port free on `host`, or also free for UDP with `udpToo` (the DNS server takes both). */
export async function freePort(host: string, udpToo = false): Promise<number> {
  for (let i = 0; i < TRIES; i++) {
    const port = await tcp(host, 0);
    if (port !== undefined && (!udpToo || (await udp(host, port)))) return port;
  }
  throw new Error(`no free port on ${host}`);
}

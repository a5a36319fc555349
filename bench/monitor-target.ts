/**
 * The benchmark's targets, in their own process so the daemon's CPU and memory are its own: small
 * HTTP servers on several loopback addresses (spreading connections over more address pairs).
 * Prints their base URLs as JSON on stdout, then serves until killed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const ADDRESSES = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'];
const urls: string[] = [];
for (const host of ADDRESSES) {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }).end('ok');
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, host, 4096, r));
  urls.push(`http://${host}:${(server.address() as AddressInfo).port}`);
}
process.stdout.write(`${JSON.stringify(urls)}\n`);

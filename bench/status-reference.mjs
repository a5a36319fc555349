// The status benchmark's reference: the smallest keep-alive node:http server answering each path
// with the bytes and headers the daemon answered it (argv: a JSON file {path: {headers, body}}),
// printing {"port":N} once listening. What Node itself costs per request on this machine, now.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const answers = new Map(
  Object.entries(JSON.parse(readFileSync(process.argv[2], 'utf8'))).map(([path, a]) => [
    path,
    { headers: a.headers, body: Buffer.from(a.body, 'utf8') },
  ]),
);
const server = createServer((req, res) => {
  const a = answers.get(req.url);
  if (!a) {
    res.writeHead(404, { 'content-length': 0 }).end();
    return;
  }
  res.writeHead(200, { ...a.headers, 'content-length': a.body.length });
  res.end(a.body);
});
server.keepAliveTimeout = 10_000; // as the daemon's
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('disconnect', () => process.exit(0));

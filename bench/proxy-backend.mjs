// The benchmark's backend: the smallest keep-alive HTTP server Node has (argv: host port), printing
// {"port":N} once listening. It stands for an application that answers at once.
import { createServer } from 'node:http';

const [host = '127.0.0.1', port = '0'] = process.argv.slice(2);
const body = Buffer.from('{"ok":true}\n');
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 120_000;
server.listen(Number(port), host, () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('disconnect', () => process.exit(0));

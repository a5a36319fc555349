/**
 * One provider's server in `bascule demo`, run as its own process so that killing it is a real
 * SIGKILL (argv: name host port). Every request is answered `{"provider": NAME}` with an
 * `X-Backend` header, which is how the demo's client counts who served it. Prints `{"port":N}` once
 * it listens; exits when the demo that started it is gone (its IPC channel closes), so a demo
 * killed with SIGKILL leaves no backend behind either.
 */
import { createServer } from 'node:http';

const [name = 'backend', host = '127.0.0.1', port = '0'] = process.argv.slice(2);
const body = `${JSON.stringify({ provider: name })}\n`;

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-backend': name,
    });
    res.end(body);
  });
});

process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));

server.once('error', (e: NodeJS.ErrnoException) => {
  process.stdout.write(`${JSON.stringify({ error: e.code ?? e.message })}\n`);
  process.exit(1);
});
server.listen(Number(port), host, () => {
  const a = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof a === 'object' && a ? a.port : 0 })}\n`);
});

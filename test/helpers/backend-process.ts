/**
 * A backend standing for one provider's server, run as its own process by test/helpers/backends.ts
 * (argv: name host port). Behaviours by path: `/` its name; `/echo` what it received; `/hang` never
 * answers; `/slow?ms=`; `/status/NNN`; `/garbage` not HTTP; `/endless` a body that never ends;
 * `/stall` a response head and part of its body, then silence;
 * `/die` reads the body then SIGKILLs itself; `/stats` the requests it has seen. With `?only=NAME`
 * the behaviour is that backend's alone (the others echo). An upgrade is accepted (101 with the
 * WebSocket accept key) and echoes every byte. Prints `{"port":N}` when ready.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const [name = 'backend', host = '127.0.0.1', port = '0'] = process.argv.slice(2);
const seen: Record<string, number> = {};

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const key = `${req.method} ${url.pathname}`;
  seen[key] = (seen[key] ?? 0) + 1;
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const only = url.searchParams.get('only');
    // `?only=NAME`: the behaviour is that backend's alone; the others answer as `/echo` does.
    const path = only === null || only === name ? url.pathname : '/echo';
    if (path === '/hang') return;
    if (path === '/die') return void process.kill(process.pid, 'SIGKILL');
    if (path === '/garbage') return void req.socket.end('SSH-2.0-OpenSSH_9.6 not http at all\r\n\r\n');
    if (path === '/stats') return void res.end(JSON.stringify(seen));
    if (path === '/stall') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
      return void res.write('the first half, then nothing');
    }
    if (path === '/endless') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-backend': name });
      const block = Buffer.alloc(16 * 1024, 0x61);
      const pump = () => {
        while (!res.destroyed && res.write(block));
        if (!res.destroyed) res.once('drain', pump);
      };
      return pump();
    }
    const status = /^\/status\/(\d{3})$/.exec(path);
    const answer = () => {
      res.writeHead(status ? Number(status[1]) : 200, {
        'content-type': 'application/json',
        'x-backend': name,
        connection: 'keep-alive, x-hop',
        'x-hop': 'must not reach the client',
      });
      res.end(
        JSON.stringify(
          path === '/echo'
            ? { name, method: req.method, url: req.url, headers: req.headers, body: body.toString() }
            : { name },
        ),
      );
    };
    const ms = Number(url.searchParams.get('ms') ?? 0);
    if (ms > 0) setTimeout(answer, ms);
    else answer();
  });
});

server.on('upgrade', (req, socket, head) => {
  const key = String(req.headers['sec-websocket-key'] ?? '');
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\nX-Backend: ${name}\r\n\r\n`,
  );
  if (head.length > 0) socket.write(head);
  socket.on('data', (d) => socket.write(d));
  socket.on('end', () => socket.end());
  socket.on('error', () => socket.destroy());
});

// The test that started it is gone (it crashed, or forgot): no orphan.
process.on('disconnect', () => process.exit(0));

server.listen(Number(port), host, () => {
  const a = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof a === 'object' && a ? a.port : 0 })}\n`);
});

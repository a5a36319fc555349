// The benchmark's reference proxies: the smallest pooled reverse proxies Node can make, with none of
// Bascule's work (no limits, retries, budget, forwarded headers, metrics). argv: mode upstream, where
// mode is `agent` (node:http's keep-alive Agent, the classic) or `undici` (an undici Pool, as
// Bascule's proxy uses). Prints {"port":N} once listening. What they reach bounds what any proxy
// written on Node's HTTP stack can reach on this machine: Bascule's proxy is judged against them too.
import { Agent, createServer, request } from 'node:http';
import { Pool } from 'undici';

const [mode = 'agent', upstream = '127.0.0.2:18481'] = process.argv.slice(2);
const [host, port] = upstream.split(':');
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const pool = new Pool(`http://${upstream}`, { connections: 256, pipelining: 1 });

function viaAgent(req, res) {
  const up = request(
    { host, port: Number(port), method: req.method, path: req.url, headers: req.headers, agent },
    (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    },
  );
  up.on('error', () => {
    res.writeHead(502);
    res.end();
  });
  req.pipe(up);
}

async function viaUndici(req, res) {
  try {
    const r = await pool.request({
      method: req.method,
      path: req.url,
      headers: req.headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? null : req,
    });
    res.writeHead(r.statusCode, r.headers);
    for await (const chunk of r.body) res.write(chunk);
    res.end();
  } catch {
    res.writeHead(502);
    res.end();
  }
}

const server = createServer({ noDelay: true }, mode === 'undici' ? viaUndici : viaAgent);
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('disconnect', () => process.exit(0));

// The built-in proxy as the benchmark runs it: compiled (dist/, as bin/bascule.js runs it), in its
// own process (argv: its options as JSON, without the logger); prints {"port":N} once listening and
// answers an IPC `stats` message with its RSS.
import { ProxyServer } from '../dist/actuators/proxy/server.js';
import { createLogger } from '../dist/platform/log.js';

const options = JSON.parse(process.argv[2] ?? '{}');
const proxy = await ProxyServer.start({ ...options, logger: createLogger('error') });
process.stdout.write(`${JSON.stringify({ port: proxy.port })}\n`);
process.on('message', (m) => {
  if (m === 'stats') process.send?.({ rss: process.memoryUsage().rss });
});
process.on('disconnect', () => void proxy.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void proxy.close().then(() => process.exit(0)));

/**
 * The built-in proxy as its own process (argv: its options as JSON, without the logger), so a test
 * can measure its memory alone: prints `{"port":N}` once listening; answers an IPC `stats` message
 * with its RSS after a garbage collection and its count of open handles.
 */
import { ProxyServer } from '../../src/actuators/proxy/server.ts';
import { createLogger } from '../../src/platform/log.ts';

const options = JSON.parse(process.argv[2] ?? '{}');
const proxy = await ProxyServer.start({ ...options, logger: createLogger('warn') });
process.stdout.write(`${JSON.stringify({ port: proxy.port })}\n`);
process.on('message', (m) => {
  if (m !== 'stats') return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ rss: process.memoryUsage().rss, handles: process.getActiveResourcesInfo().length });
});
process.on('disconnect', () => void proxy.close().then(() => process.exit(0)));

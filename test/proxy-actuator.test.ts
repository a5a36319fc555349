/**
 * The built-in proxy passes the actuator contract: what it serves is read by sending it a request
 * (the backends at the contract's addresses answer with their names); broken is a proxy that no
 * longer listens; hung is a state file on a disk that never completes the write (a FIFO nobody
 * reads); a restart is a new proxy on the same state file.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ProxyActuator } from '../src/actuators/proxy/actuator.ts';
import { ProxyServer } from '../src/actuators/proxy/server.ts';
import { createLogger } from '../src/platform/log.ts';
import { actuatorContract } from './actuator.contract.ts';
import { send } from './helpers/http-client.ts';
import { startProxy } from './helpers/proxy.ts';

/** The contract's endpoints: aws at 127.0.0.2:9001, gcp at 127.0.0.3:9002, answering their names. */
async function namedBackend(name: string, host: string, port: number): Promise<Server> {
  const s = createServer((_req, res) => res.end(name));
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, host, () => resolve());
  });
  return s;
}

actuatorContract('proxy', async () => {
  const backends = await Promise.all([
    namedBackend('aws', '127.0.0.2', 9001),
    namedBackend('gcp', '127.0.0.3', 9002),
  ]);
  const first = await startProxy(undefined);
  const stateFile = join(first.dir, 'proxy-state.json');
  let proxy = first.proxy;
  let actuator = new ProxyActuator(proxy);
  const fifo = `${stateFile}.tmp`;
  return {
    get actuator() {
      return actuator;
    },
    served: async () => {
      const r = await send(`${proxy.url}/`);
      return r.status === 200 ? r.body : undefined;
    },
    breakTarget: () => proxy.close(),
    hangTarget: async () => {
      execFileSync('mkfifo', [fifo]);
    },
    restart: async () => {
      await proxy.close();
      proxy = await ProxyServer.start({
        group: 'api',
        listen: '127.0.0.1:0',
        stateFile,
        logger: createLogger('silent'),
      });
      actuator = new ProxyActuator(proxy);
    },
    close: async () => {
      // Lets a write blocked on the FIFO go on (and fail), so no thread stays blocked.
      if (existsSync(fifo)) closeSync(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
      await proxy.close();
      await Promise.all(backends.map((b) => new Promise((resolve) => b.close(resolve))));
    },
  };
});

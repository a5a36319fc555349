/**
 * The built-in DNS as an Actuator: the contract suite, with what the target serves read by `dig`
 * (the failover name's A record), a restart that keeps only the state file, a hung state file (a
 * FIFO where it is written) for the hang.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { STATE_FILE } from '../src/actuators/dns/built-in.ts';
import { actuatorContract } from './actuator.contract.ts';
import { dig, startExample } from './helpers/dns.ts';

const ENDPOINTS: Record<string, string> = { '127.0.0.2': 'aws', '127.0.0.3': 'gcp' };

actuatorContract('dns', async () => {
  let dns = await startExample();
  const fifo = join(dns.stateDir, `${STATE_FILE}.tmp`);
  return {
    get actuator() {
      return dns.actuator;
    },
    served: async () => {
      const a = await dig(dns.port, ['api.example.com', 'A']);
      const host = a.answer.find((r) => r[3] === 'A')?.[4];
      return host === undefined ? undefined : ENDPOINTS[host];
    },
    breakTarget: () => dns.close(),
    hangTarget: async () => {
      execFileSync('mkfifo', [fifo]);
    },
    restart: async () => {
      await dns.close();
      dns = await startExample({ stateDir: dns.stateDir });
    },
    close: async () => {
      // Lets a write blocked on the FIFO go on (and fail), so no thread stays blocked.
      if (existsSync(fifo)) closeSync(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
      await dns.close();
    },
  };
});

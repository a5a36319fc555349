/** What is not there (a daemon, a store, a free address), through the real executable: codes and exit 3. */

import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { bascule, checkErrors, ensureBuilt, listening } from './helpers/bin.ts';
import { tempDir } from './helpers/cli.ts';

let busyPort = 0;
let deadPort = 0;
let refusing = '';
let notFound = '';
let notJson = '';
const servers: { close: () => unknown }[] = [];

before(async () => {
  ensureBuilt();
  const busy = createServer();
  servers.push(busy);
  busyPort = await listening(busy);
  const released = createServer();
  deadPort = await listening(released);
  await new Promise((r) => released.close(r));
  const answering = (status: number, body: string) => {
    const s = createHttpServer((_req, res) =>
      res.writeHead(status, { 'content-type': 'text/plain' }).end(body),
    );
    servers.push(s);
    return listening(s);
  };
  refusing = `http://127.0.0.1:${await answering(401, '{"error":{"code":"unauthorized"}}')}`;
  notFound = `http://127.0.0.1:${await answering(404, 'not here')}`;
  notJson = `http://127.0.0.1:${await answering(200, '<html>a web site</html>')}`;
});
after(() => {
  for (const s of servers) s.close();
});

describe('the bascule executable when the daemon, the store or the address is not there', () => {
  checkErrors([
    {
      name: 'a --listen that is not host:port',
      args: () => ['run', '--listen', 'nowhere'],
      code: 'BASCULE_E_USAGE_FLAG_FORMAT',
      exit: 2,
      params: { flag: '--listen', value: 'nowhere' },
    },
    {
      name: 'a --listen whose port is out of range',
      args: () => ['run', '--listen', '127.0.0.1:99999'],
      code: 'BASCULE_E_USAGE_FLAG_FORMAT',
      exit: 2,
      params: { flag: '--listen', value: '127.0.0.1:99999' },
    },
    {
      name: 'a --url that is not an http URL',
      args: () => ['status', '--url', 'notaurl'],
      code: 'BASCULE_E_USAGE_FLAG_FORMAT',
      exit: 2,
      params: { flag: '--url', value: 'notaurl' },
    },
    { name: 'agent without --server', args: () => ['agent'], code: 'BASCULE_E_USAGE_AGENT_SERVER', exit: 2 },
    {
      name: 'agent without --vantage',
      args: () => ['agent', '--server', refusing],
      code: 'BASCULE_E_USAGE_AGENT_VANTAGE',
      exit: 2,
    },
    {
      name: 'agent without a token',
      args: () => ['agent', '--server', refusing, '--vantage', 'office'],
      code: 'BASCULE_E_USAGE_AGENT_TOKEN',
      exit: 2,
    },
    {
      name: 'an agent the daemon refuses',
      args: () => ['agent', '--server', refusing, '--vantage', 'office', '--token-env', 'TOKEN'],
      env: { TOKEN: 'wrong' },
      code: 'BASCULE_E_AGENT_REFUSED',
      exit: 2,
      params: { status: 401, vantage: 'office' },
    },
    {
      name: 'an agent whose daemon is down',
      args: () => [
        'agent',
        '--server',
        `http://127.0.0.1:${deadPort}`,
        '--vantage',
        'office',
        '--token-env',
        'TOKEN',
      ],
      env: { TOKEN: 't' },
      code: 'BASCULE_E_DAEMON_UNREACHABLE',
      exit: 3,
      params: { reason: 'ECONNREFUSED' },
    },
    {
      name: 'status with no daemon',
      args: () => ['status', '--url', `http://127.0.0.1:${deadPort}`],
      code: 'BASCULE_E_DAEMON_UNREACHABLE',
      exit: 3,
      params: { reason: 'ECONNREFUSED' },
    },
    {
      name: 'status from something answering 404',
      args: () => ['status', '--url', notFound],
      code: 'BASCULE_E_DAEMON_STATUS',
      exit: 3,
      params: { status: 404 },
    },
    {
      name: 'status from something answering a web page',
      args: () => ['status', '--url', notJson],
      code: 'BASCULE_E_DAEMON_STATUS',
      exit: 3,
      params: { status: 200 },
    },
    {
      name: 'run on an address already in use',
      args: () => ['run', '--listen', `127.0.0.1:${busyPort}`, '--data-dir', 'data'],
      code: 'BASCULE_E_RUNTIME_LISTEN',
      exit: 3,
      params: () => ({
        address: `127.0.0.1:${busyPort}`,
        reason: 'EADDRINUSE',
        key: 'runtime.listen (--listen)',
      }),
    },
    {
      name: 'run with a data directory that is a file',
      args: () => ['run', '--listen', '127.0.0.1:0', '--data-dir', 'bascule.yaml'],
      code: 'BASCULE_E_DATA_DIR',
      exit: 3,
      params: { reason: 'ENOTDIR' },
    },
    {
      name: 'run with an SQLite file that is a directory',
      args: () => ['run', '--listen', '127.0.0.1:0', '--data-dir', 'data', '--store', 'sqlite:../folder'],
      code: 'BASCULE_E_STORE_OPEN',
      exit: 3,
    },
    {
      name: 'run with a memory store and a data directory that is a file',
      args: () => ['run', '--listen', '127.0.0.1:0', '--store', 'memory', '--data-dir', 'bascule.yaml'],
      code: 'BASCULE_E_DATA_DIR',
      exit: 3,
      params: { reason: 'ENOTDIR' },
    },
    {
      name: 'run with a PostgreSQL that does not answer',
      args: () => [
        'run',
        '--listen',
        '127.0.0.1:0',
        '--data-dir',
        'data',
        '--store',
        `postgres://b:hunter2@127.0.0.1:${deadPort}/b`,
      ],
      code: 'BASCULE_E_STORE_UNREACHABLE',
      exit: 3,
      params: () => ({ store: `postgres://b:***@127.0.0.1:${deadPort}/b`, reason: 'ECONNREFUSED' }),
    },
    {
      name: 'run with a store of an unknown kind',
      args: () => ['run', '--listen', '127.0.0.1:0', '--data-dir', 'data', '--store', 'mysql://h/db'],
      code: 'BASCULE_E_STORE_UNKNOWN',
      exit: 2,
    },
  ]);

  it('prints the error as one plain line, no stack, without BASCULE_ERRORS', async () => {
    const r = await bascule(['status', '--url', `http://127.0.0.1:${deadPort}`], tempDir(), {
      BASCULE_ERRORS: '',
    });
    assert.equal(r.status, 3);
    assert.equal(r.errors.length, 0);
    assert.match(
      r.stderr,
      /^no Bascule daemon answers at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); start it with "bascule run"\n$/,
    );
  });
});

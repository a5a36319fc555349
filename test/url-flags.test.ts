/**
 * The daemon's URL on the command line (`status --url`, `agent --server`) with a user name and
 * password in it: refused with exit 2, the password never echoed, the daemon never asked.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { runCli } from './helpers/cli.ts';

let hits = 0;
const server = createServer((_req, res) => {
  hits++;
  res.writeHead(401).end();
});
let hostPort = '';
before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise((r) => server.close(r)));

it('refuses credentials in --url and --server, never echoing the password nor sending them', async () => {
  const env = { LANG: 'en_US.UTF-8', BASCULE_ERRORS: 'json', TOKEN: 'agent-token' };
  for (const args of [
    ['status', '--url', `http://ops:hunter2@${hostPort}`],
    ['status', '--url', `https://:hunter2@${hostPort}/`],
    ['status', '--url', `http://ops@${hostPort}`],
    ['agent', '--server', `http://ops:hunter2@${hostPort}`, '--vantage', 'office', '--token-env', 'TOKEN'],
  ]) {
    const r = await runCli(args, { env });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(JSON.parse(r.stderr.trim().split('\n')[0]!).code, 'BASCULE_E_USAGE_URL_CREDENTIALS');
    assert.doesNotMatch(r.stdout + r.stderr, /hunter2|ops[:@]/, args.join(' '));
  }
  const text = await runCli(['status', '--url', `http://ops:hunter2@${hostPort}`]);
  assert.match(text.stderr, new RegExp(`--url http://…@${hostPort.replace(/\./g, '\\.')}: .*bearer token`));
  // Not an http URL: refused as such, also without echoing what it carries.
  const ftp = await runCli(['status', '--url', `ftp://ops:hunter2@${hostPort}`], { env });
  assert.equal(JSON.parse(ftp.stderr.trim()).code, 'BASCULE_E_USAGE_FLAG_FORMAT');
  assert.doesNotMatch(ftp.stderr, /hunter2/);
  assert.equal(hits, 0, 'the daemon was never asked');
});

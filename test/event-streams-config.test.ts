/** runtime.eventStreams: how many live event streams the daemon keeps open at once, and its bad values. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Daemon } from '../src/daemon/daemon.ts';
import { createLogger } from '../src/platform/log.ts';
import { runCli, tempDir } from './helpers/cli.ts';
import { map } from './helpers/map.ts';

const OPERATOR = 'operator-token-5d1c77';

describe('runtime.eventStreams', () => {
  const streams: AbortController[] = [];
  let daemon: Daemon | undefined;
  after(async () => {
    for (const s of streams) s.abort();
    await daemon?.stop();
  });

  it('is the number of event streams the daemon takes at once: one more is a 503', async () => {
    daemon = await Daemon.start({
      config: map({ components: { a: { provider: 'x' } }, runtime: { eventStreams: 3 } }),
      baseDir: tempDir(),
      listen: '127.0.0.1:0',
      lang: 'en',
      log: createLogger('silent'),
      env: { BASCULE_TOKEN: OPERATOR },
    });
    const open = async () => {
      const abort = new AbortController();
      streams.push(abort);
      const res = await fetch(`${daemon!.url}/api/v1/events`, {
        headers: { authorization: `Bearer ${OPERATOR}` },
        signal: abort.signal,
      });
      return { status: res.status, body: res.status === 200 ? '' : await res.text() };
    };
    for (let i = 0; i < 3; i++) assert.equal((await open()).status, 200, `stream ${i + 1}`);
    const refused = await open();
    assert.equal(refused.status, 503);
    assert.equal((JSON.parse(refused.body) as { error: { code: string } }).error.code, 'BASCULE_E_HTTP_BUSY');
  });

  for (const [value, message] of [
    ['0', /^bascule\.yaml:6:17: runtime\.eventStreams: .*\b1\b/m],
    ['20000', /^bascule\.yaml:6:17: runtime\.eventStreams: .*\b10000\b/m],
    ['many', /^bascule\.yaml:6:17: runtime\.eventStreams: /m],
  ] as const) {
    it(`refuses ${value}, located, with exit code 2`, async () => {
      const dir = tempDir();
      writeFileSync(
        join(dir, 'bascule.yaml'),
        `version: 1\nname: T\ncomponents:\n  a: {provider: x}\nruntime:\n  eventStreams: ${value}\n`,
      );
      const r = await runCli(['validate', '-c', join(dir, 'bascule.yaml')], { cwd: dir });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr.replace(`${dir}/`, ''), message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    });
  }
});

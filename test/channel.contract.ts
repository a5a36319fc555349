/**
 * The alert channel contract: every plugin of CHANNELS passes the same tests against real receivers
 * on 127.0.0.1 (one that accepts, one that refuses, a closed port, one that never answers). The
 * caller gives the `notify` entries per type, as bascule.yaml keys; they go through the real loader.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BasculeError } from '../src/errors.ts';
import { CHANNEL_KINDS, CHANNEL_OPTIONS, type ChannelType } from '../src/model/channels/registry.ts';
import { loadConfig } from '../src/model/load.ts';
import type { Config } from '../src/model/schema.ts';
import { Notifier } from '../src/notify/notifier.ts';
import { CHANNELS } from '../src/notify/registry.ts';
import { testAlert } from '../src/notify/render.ts';
import { map } from './helpers/map.ts';

export interface ChannelTargets {
  /** `notify` entries delivering to a receiver that accepts, refuses, is closed, never answers. */
  readonly accepts: Record<string, unknown>;
  readonly refuses: Record<string, unknown>;
  readonly closed: Record<string, unknown>;
  readonly silent: Record<string, unknown>;
  /** Everything the accepting receiver got for this entry, as text (headers and body, or raw mails). */
  received(): string[];
  /** The environment holding every secret the entries name. */
  readonly env: Readonly<Record<string, string>>;
  /** What must never appear in an error: secret values, URL paths. */
  readonly hidden: readonly string[];
}

const config = (entry: Record<string, unknown>): Config => map({ notify: { c: entry } });

function notifier(entry: Record<string, unknown>, env: Readonly<Record<string, string>>): Notifier {
  return new Notifier({ config: config(entry), lang: 'en', baseDir: '.', env, retryDelays: [] });
}

function secretFree(targets: ChannelTargets, type: ChannelType) {
  return (err: unknown) => {
    assert.ok(err instanceof Error);
    assert.ok(err.message.startsWith(`${type}: `), err.message);
    for (const h of targets.hidden) assert.ok(!err.message.includes(h), `${err.message} shows ${h}`);
    return true;
  };
}

export function channelContract(type: ChannelType, targets: () => ChannelTargets): void {
  describe(`channel contract: ${type}`, () => {
    const kind = CHANNEL_KINDS.find((k) => k.type === type);

    it('is the descriptor of its type joined with a sender', () => {
      const plugin = CHANNELS[type];
      assert.ok(kind);
      assert.equal(plugin.type, type);
      assert.equal(plugin.key, kind.key);
      assert.equal(plugin.options, kind.options);
      assert.equal(typeof plugin.send, 'function');
    });

    it('delivers a test alert to a receiver that accepts', async () => {
      const t = targets();
      const before = t.received().length;
      await notifier(t.accepts, t.env).test('c');
      const got = t.received().slice(before);
      assert.equal(got.length, 1);
      assert.match(got[0] ?? '', /Bascule test alert for channel c/);
    });

    it('rejects a refusing receiver with an error naming its type and no secret', async () => {
      const t = targets();
      await assert.rejects(notifier(t.refuses, t.env).test('c'), secretFree(t, type));
    });

    it('rejects a closed receiver the same way', async () => {
      const t = targets();
      await assert.rejects(notifier(t.closed, t.env).test('c'), secretFree(t, type));
    });

    it('stops promptly when aborted, on a receiver that never answers', async () => {
      const t = targets();
      const spec = config(t.silent).notify.c!;
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 50);
      const t0 = performance.now();
      await assert.rejects(CHANNELS[type].send(testAlert('c', 'en', Date.now()), spec, {}, abort.signal));
      assert.ok(performance.now() - t0 < 1000, `${performance.now() - t0} ms`);
    });

    it('reads every secret it declares, where it declares it', () => {
      const t = targets();
      assert.doesNotThrow(() => notifier(t.accepts, t.env));
      for (const path of Object.values<readonly string[]>(kind?.secrets ?? {})) {
        assert.throws(
          () => notifier(t.accepts, {}),
          (err: unknown) =>
            err instanceof BasculeError &&
            err.diagnostics.some(
              (d) => d.code === 'BASCULE_E_SECRET_MISSING' && d.params.where === `notify.c.${path.join('.')}`,
            ),
        );
      }
    });

    it('rejects the options of other channel types, at their key', () => {
      const foreign = [...CHANNEL_OPTIONS].filter(([, types]) => !types.includes(type));
      for (const [option, types] of foreign) {
        // Every channel option today is a secret reference; a {env} value is valid for it.
        const body = {
          version: 1,
          name: 'T',
          notify: { c: { ...targets().accepts, [option]: { env: 'X' } } },
        };
        const r = loadConfig(JSON.stringify(body), 'bascule.yaml');
        assert.equal(r.ok, false, option);
        const d = !r.ok ? r.diagnostics.find((x) => x.code === 'BASCULE_E_CONFIG_NOTIFY_OPTION') : undefined;
        assert.ok(d, `${option} on ${type}`);
        assert.equal(d.path, `notify.c.${option}`);
        assert.deepEqual(d.params, { option, applies: types.join('/'), channel: type });
      }
    });
  });
}

/**
 * The probe contract: every plugin of PROBES passes the same tests against real targets on
 * 127.0.0.1 (an up one, a closed port, a silent one). The caller gives the targets per type, as
 * bascule.yaml check keys; they are compiled by the real loader and compiler.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROBE_KINDS, type ProbeType } from '../src/model/probes/registry.ts';
import { type CompiledCheck, compileCheck } from '../src/monitor/compile.ts';
import { FAILURE_REASONS } from '../src/monitor/types.ts';
import { GRACE_MS, PROBES, runProbe } from '../src/probes/registry.ts';
import { map } from './helpers/map.ts';

/** The keys of a check (`{http: URL}`, `{dns: {...}}`) for each kind of target. */
export interface ProbeTargets {
  /** Answers healthily. */
  readonly up: Record<string, unknown>;
  /** Nothing listens there. */
  readonly closed: Record<string, unknown>;
  /**
   * Accepts and never answers. Undefined only for a type that has no way to hang on 127.0.0.1
   * (tcp: a local connect completes or fails at once).
   */
  readonly silent?: Record<string, unknown>;
}

const TIMEOUT_MS = 400;

function compiled(keys: Record<string, unknown>): CompiledCheck {
  const config = map({
    components: { c: { provider: 'x' } },
    checks: { k: { component: 'c', interval: '1s', timeout: `${TIMEOUT_MS}ms`, ...keys } },
  });
  return compileCheck('k', config.checks.k!, config);
}

/** Runs the plugin itself (not runProbe: its guard would hide a plugin that overruns). */
async function run(type: ProbeType, check: CompiledCheck, signal?: AbortSignal) {
  const plugin = PROBES[type] as { run(t: unknown, c: CompiledCheck, s?: AbortSignal): Promise<unknown> };
  const t0 = performance.now();
  const result = (await plugin.run(check.target, check, signal)) as Awaited<ReturnType<typeof runProbe>>;
  return { result, ms: performance.now() - t0 };
}

export function probeContract(type: ProbeType, targets: () => ProbeTargets): void {
  describe(`probe contract: ${type}`, () => {
    it('is the descriptor of its type joined with a runner', () => {
      const kind = PROBE_KINDS.find((k) => k.type === type);
      const plugin = PROBES[type];
      assert.ok(kind);
      assert.equal(plugin.type, type);
      assert.equal(plugin.key, kind.key);
      assert.equal(plugin.options, kind.options);
      assert.equal(plugin.compile, kind.compile);
      assert.equal(typeof plugin.run, 'function');
      assert.equal(compiled(targets().up).target.type, type);
    });

    it('passes a target that is up, with its latency', async () => {
      const { result } = await run(type, compiled(targets().up));
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.ok(result.latencyMs >= 0 && result.latencyMs < TIMEOUT_MS, JSON.stringify(result));
    });

    it('classifies a closed port, within the timeout', async () => {
      const { result, ms } = await run(type, compiled(targets().closed));
      assert.equal(result.ok, false);
      assert.ok(result.reason && FAILURE_REASONS.includes(result.reason), JSON.stringify(result));
      assert.notEqual(result.reason, 'error', JSON.stringify(result));
      assert.ok(ms < TIMEOUT_MS + GRACE_MS, `${ms} ms`);
    });

    it('returns at once when the signal is already aborted', async () => {
      const { result, ms } = await run(type, compiled(targets().up), AbortSignal.abort());
      assert.deepEqual([result.ok, result.reason, result.detail], [false, 'error', 'aborted']);
      assert.ok(ms < 50, `${ms} ms`);
    });

    // Its own deadline, not runProbe's guard (timeout + grace), ends the probe; the margin is for busy CI hosts.
    it('times out a silent target by itself, at its timeout', async (t) => {
      const keys = targets().silent;
      if (!keys) return t.diagnostic(`${type}: no silent target on 127.0.0.1`);
      const { result, ms } = await run(type, compiled(keys));
      assert.deepEqual([result.ok, result.reason], [false, 'timeout'], JSON.stringify(result));
      assert.ok(ms >= TIMEOUT_MS - 5 && ms < TIMEOUT_MS + 3 * GRACE_MS, `${ms} ms`);
    });

    it('stops promptly when aborted mid-probe', async (t) => {
      const keys = targets().silent;
      if (!keys) return t.diagnostic(`${type}: no silent target on 127.0.0.1`);
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 50);
      const { result, ms } = await run(type, compiled(keys), abort.signal);
      assert.deepEqual([result.ok, result.reason, result.detail], [false, 'error', 'aborted']);
      // Well before the probe's own timeout (the reason says it too); a loaded machine adds its delay.
      assert.ok(ms < TIMEOUT_MS - 50, `${ms} ms`);
    });

    it('never throws, even for a target this build cannot read', async () => {
      const check = compiled(targets().closed);
      const broken = { ...check, target: { type } } as unknown as CompiledCheck;
      const t0 = performance.now();
      const result = await runProbe(broken);
      assert.equal(result.ok, false);
      assert.ok(performance.now() - t0 <= TIMEOUT_MS + GRACE_MS + 20);
    });
  });
}

/**
 * The failover decision, rule by rule: tables of steps (time, health, passive evidence, commands)
 * with the active endpoint and the events expected after each; the monitor's own hysteresis in
 * front of it (a blink causes no switch); and a restart from the persisted JSON state that says
 * nothing new.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph } from '../src/analysis/graph.ts';
import { type Command, type CommandResult, drain, pin, release } from '../src/failover/commands.ts';
import { type DecisionEvent, decide, type EndpointObservation } from '../src/failover/decision.ts';
import { observeEndpoint, observeGroup } from '../src/failover/health.ts';
import { type GroupSpec, groupSpec } from '../src/failover/spec.ts';
import { type DecisionState, initialState, parseState } from '../src/failover/state.ts';
import { loadConfig } from '../src/model/load.ts';
import { failoverGroups } from '../src/model/schema-failover.ts';
import { compileChecks } from '../src/monitor/compile.ts';
import { Monitor } from '../src/monitor/monitor.ts';

const UP: EndpointObservation = { health: 'up', quorumHealthy: true };
const DOWN: EndpointObservation = { health: 'down', quorumHealthy: true };
const UNKNOWN: EndpointObservation = { health: 'unknown', quorumHealthy: false };
/** Down, or up, as seen by too few vantage points: the others are stale. */
const STALE_DOWN: EndpointObservation = { health: 'down', quorumHealthy: false };
const STALE_UP: EndpointObservation = { health: 'up', quorumHealthy: false };

function spec(policy: Partial<GroupSpec['policy']> = {}): GroupSpec {
  return {
    id: 'api',
    endpoints: [
      { name: 'aws', address: '127.0.0.2:9001', check: 'api-aws' },
      { name: 'gcp', address: '127.0.0.3:9002', check: 'api-gcp' },
      { name: 'ovh', address: '127.0.0.4:9003', check: 'api-ovh' },
    ],
    policy: { failback: 'auto', failbackAfterMs: 60_000, minHoldMs: 30_000, ...policy },
  };
}

/** Events in a line each: `switched aws→gcp (down)`, `held aws until 30 (failback)`, `refused aws (pinned, down)`. */
function show(e: DecisionEvent): string {
  switch (e.type) {
    case 'switched':
      return `switched ${e.from}→${e.to} (${e.reason})`;
    case 'all-down':
      return `all-down ${e.active}`;
    case 'recovered':
      return `recovered ${e.endpoint}`;
    case 'held-by-minHold':
      return `held ${e.to} until ${e.until / 1000} (${e.wanted})`;
    case 'refused':
      return `refused ${e.to} (${e.reason}, ${e.wanted})`;
  }
}

type Health = Partial<Record<'aws' | 'gcp' | 'ovh', EndpointObservation>>;
type Manual =
  | { pin: string; force?: boolean }
  | { drain: string; force?: boolean }
  | { release: true }
  | { pin: string; refused: string }
  | { drain: string; refused: string };

interface Step {
  /** Seconds. */
  readonly t: number;
  readonly health?: Health;
  readonly passive?: readonly string[];
  /** A command instead of a decision (after one when `health` is given too). */
  readonly manual?: Manual;
  readonly active: string;
  readonly events?: readonly string[];
}

const ALL_UP: Health = { aws: UP, gcp: UP, ovh: UP };
const cmd = (t: number, force?: boolean): Command => ({
  who: 'alice',
  why: 'maintenance',
  at: t * 1000,
  force,
});

function runCommand(s: GroupSpec, state: DecisionState, m: Manual, t: number): CommandResult {
  const force = 'force' in m ? m.force : undefined;
  if ('release' in m) return release(s, state, cmd(t));
  if ('pin' in m) return pin(s, state, m.pin, cmd(t, force));
  return drain(s, state, m.drain, cmd(t, force));
}

/** Plays the steps; each step's health stays in force until the next one gives another. */
function play(s: GroupSpec, steps: readonly Step[]): DecisionState {
  let health: Health = ALL_UP;
  let state = decide(s, initialState(s, 0), { now: 0, health }).state;
  for (const step of steps) {
    const label = `t=${step.t}s`;
    const events: string[] = [];
    if (step.health || !step.manual) {
      health = step.health ?? health;
      const d = decide(s, state, { now: step.t * 1000, health, passive: step.passive ?? [] });
      state = d.state;
      events.push(...d.events.map(show));
      assert.equal(d.routing.endpoint, state.active, label);
      assert.equal(d.routing.address, s.endpoints.find((e) => e.name === state.active)!.address, label);
    }
    if (step.manual) {
      const r = runCommand(s, state, step.manual, step.t);
      if ('refused' in step.manual) {
        assert.deepEqual(r, { ok: false, refused: step.manual.refused }, label);
      } else {
        assert.ok(r.ok, `${label}: ${JSON.stringify(r)}`);
        state = r.state;
        events.push(...r.events.map(show));
        assert.equal(r.audit.who, 'alice');
        assert.equal(r.audit.why, 'maintenance');
        assert.equal(r.audit.at, step.t * 1000);
      }
    }
    assert.equal(state.active, step.active, `${label}: active`);
    assert.deepEqual(events, step.events ?? [], `${label}: events`);
  }
  return state;
}

const TABLE: { name: string; policy?: Partial<GroupSpec['policy']>; steps: Step[] }[] = [
  {
    name: 'all healthy: the most preferred endpoint, nothing said',
    steps: [
      { t: 0, health: ALL_UP, active: 'aws' },
      { t: 5, active: 'aws' },
    ],
  },
  {
    name: 'the active endpoint down by quorum: at once to the most preferred healthy one',
    steps: [
      { t: 0, health: ALL_UP, active: 'aws' },
      { t: 1, health: { aws: DOWN, gcp: UP, ovh: UP }, active: 'gcp', events: ['switched aws→gcp (down)'] },
    ],
  },
  {
    name: 'never to an endpoint that is not healthy: the next one that is',
    steps: [
      {
        t: 0,
        health: { aws: DOWN, gcp: UNKNOWN, ovh: UP },
        active: 'ovh',
        events: ['switched aws→ovh (down)'],
      },
    ],
  },
  {
    name: 'all down: the last active is kept, said once; the first to recover gets the traffic',
    steps: [
      { t: 0, health: { aws: DOWN, gcp: DOWN, ovh: DOWN }, active: 'aws', events: ['all-down aws'] },
      { t: 5, active: 'aws' },
      { t: 6, health: { aws: DOWN, gcp: DOWN, ovh: UNKNOWN }, active: 'aws' },
      {
        t: 9,
        health: { aws: DOWN, gcp: DOWN, ovh: UP },
        active: 'ovh',
        events: ['switched aws→ovh (down)', 'recovered ovh'],
      },
    ],
  },
  {
    name: 'all down, then the active one itself recovers: no switch',
    steps: [
      { t: 0, health: { aws: DOWN, gcp: DOWN, ovh: DOWN }, active: 'aws', events: ['all-down aws'] },
      { t: 4, health: { aws: UP, gcp: DOWN, ovh: DOWN }, active: 'aws', events: ['recovered aws'] },
    ],
  },
  {
    name: 'a DOWN the quorum cannot vouch for (vantage points stale): refused, said once',
    steps: [
      {
        t: 0,
        health: { aws: STALE_DOWN, gcp: UP, ovh: UP },
        active: 'aws',
        events: ['refused gcp (quorum-stale, down)'],
      },
      { t: 3, active: 'aws' },
      { t: 4, health: { aws: DOWN, gcp: UP, ovh: UP }, active: 'gcp', events: ['switched aws→gcp (down)'] },
    ],
  },
  {
    name: 'the only other endpoint up by a stale quorum: refused, not all-down',
    steps: [
      {
        t: 0,
        health: { aws: DOWN, gcp: STALE_UP, ovh: DOWN },
        active: 'aws',
        events: ['refused gcp (quorum-stale, down)'],
      },
    ],
  },
  {
    name: 'minHold holds a failback: said once, switched when it ends',
    policy: { failbackAfterMs: 10_000, minHoldMs: 30_000 },
    steps: [
      { t: 0, health: { aws: DOWN, gcp: UP, ovh: UP }, active: 'gcp', events: ['switched aws→gcp (down)'] },
      { t: 1, health: ALL_UP, active: 'gcp' },
      { t: 11, active: 'gcp', events: ['held aws until 30 (failback)'] },
      { t: 20, active: 'gcp' },
      { t: 30, active: 'aws', events: ['switched gcp→aws (failback)'] },
    ],
  },
  {
    name: 'minHold never keeps traffic on an endpoint the quorum sees down',
    steps: [
      { t: 0, health: { aws: DOWN, gcp: UP, ovh: DOWN }, active: 'gcp', events: ['switched aws→gcp (down)'] },
      { t: 5, health: { aws: UP, gcp: DOWN, ovh: DOWN }, active: 'aws', events: ['switched gcp→aws (down)'] },
    ],
  },
  {
    name: 'failback only after failbackAfter of continuous health',
    steps: [
      { t: 0, health: { aws: DOWN, gcp: UP, ovh: UP }, active: 'gcp', events: ['switched aws→gcp (down)'] },
      { t: 10, health: ALL_UP, active: 'gcp' },
      { t: 40, health: { aws: DOWN, gcp: UP, ovh: UP }, active: 'gcp' },
      { t: 50, health: ALL_UP, active: 'gcp' },
      { t: 109, active: 'gcp' },
      { t: 110, active: 'aws', events: ['switched gcp→aws (failback)'] },
    ],
  },
  {
    name: 'failback: manual: back only by hand',
    policy: { failback: 'manual' },
    steps: [
      { t: 0, health: { aws: DOWN, gcp: UP, ovh: UP }, active: 'gcp', events: ['switched aws→gcp (down)'] },
      { t: 1, health: ALL_UP, active: 'gcp' },
      { t: 3600, active: 'gcp' },
      { t: 3601, manual: { pin: 'aws' }, active: 'aws', events: ['switched gcp→aws (pin)'] },
    ],
  },
  {
    name: 'passive evidence hastens a switch away from an endpoint the quorum still sees up',
    steps: [
      { t: 0, health: ALL_UP, active: 'aws' },
      { t: 1, passive: ['aws'], active: 'gcp', events: ['switched aws→gcp (passive)'] },
      // aws's health restarts when the proxy stops seeing failures: failback 60 s later.
      { t: 2, active: 'gcp' },
      { t: 61, active: 'gcp' },
      { t: 62, active: 'aws', events: ['switched gcp→aws (failback)'] },
    ],
  },
  {
    name: 'passive evidence never switches alone to an endpoint the quorum sees down',
    steps: [
      { t: 0, health: { aws: UP, gcp: DOWN, ovh: DOWN }, passive: ['aws'], active: 'aws' },
      { t: 1, health: { aws: UP, gcp: UNKNOWN, ovh: STALE_UP }, passive: ['aws'], active: 'aws' },
    ],
  },
  {
    name: 'passive evidence is held by minHold',
    steps: [
      { t: 0, health: { aws: DOWN, gcp: UP, ovh: UP }, active: 'gcp', events: ['switched aws→gcp (down)'] },
      { t: 5, passive: ['gcp'], active: 'gcp', events: ['held ovh until 30 (passive)'] },
      { t: 30, passive: ['gcp'], active: 'ovh', events: ['switched gcp→ovh (passive)'] },
    ],
  },
  {
    name: 'a pin holds the traffic where it was put; a wanted switch is refused; release gives it back',
    steps: [
      { t: 0, manual: { pin: 'gcp' }, active: 'gcp', events: ['switched aws→gcp (pin)'] },
      { t: 100, active: 'gcp', events: ['refused aws (pinned, failback)'] },
      {
        t: 101,
        health: { aws: UP, gcp: DOWN, ovh: UP },
        active: 'gcp',
        events: ['refused aws (pinned, down)'],
      },
      { t: 102, active: 'gcp' },
      { t: 103, manual: { release: true }, active: 'gcp' },
      { t: 104, active: 'aws', events: ['switched gcp→aws (down)'] },
    ],
  },
  {
    name: 'pin refuses an endpoint that is not healthy or unknown, unless forced',
    steps: [
      { t: 0, health: { aws: UP, gcp: DOWN, ovh: UP }, active: 'aws' },
      { t: 1, manual: { pin: 'gcp', refused: 'not-healthy' }, active: 'aws' },
      { t: 2, manual: { pin: 'azure', refused: 'unknown-endpoint' }, active: 'aws' },
      { t: 3, manual: { pin: 'gcp', force: true }, active: 'gcp', events: ['switched aws→gcp (pin)'] },
    ],
  },
  {
    name: 'drain moves the traffic off an endpoint, which gets none back until release',
    steps: [
      { t: 0, manual: { drain: 'aws' }, active: 'gcp', events: ['switched aws→gcp (drain)'] },
      { t: 500, active: 'gcp' },
      { t: 501, manual: { drain: 'aws', refused: 'already-drained' }, active: 'gcp' },
      { t: 502, manual: { release: true }, active: 'gcp' },
      { t: 560, active: 'aws', events: ['switched gcp→aws (failback)'] },
    ],
  },
  {
    name: 'drain never leaves zero endpoints in service',
    steps: [
      { t: 0, health: { aws: UP, gcp: DOWN, ovh: UNKNOWN }, active: 'aws' },
      { t: 1, manual: { drain: 'aws', refused: 'last-healthy' }, active: 'aws' },
      {
        t: 2,
        health: { aws: UP, gcp: UP, ovh: UNKNOWN },
        manual: { drain: 'aws' },
        active: 'gcp',
        events: ['switched aws→gcp (drain)'],
      },
      { t: 3, manual: { drain: 'gcp', refused: 'last-healthy' }, active: 'gcp' },
      // gcp fails: the drained aws is the only healthy endpoint left, so it gets the traffic.
      { t: 4, health: { aws: UP, gcp: DOWN, ovh: DOWN }, active: 'aws', events: ['switched gcp→aws (down)'] },
    ],
  },
  {
    name: 'a pinned endpoint cannot be drained; pin refuses a drained one',
    steps: [
      { t: 0, manual: { pin: 'aws' }, active: 'aws' },
      { t: 1, manual: { drain: 'aws', refused: 'pinned' }, active: 'aws' },
      { t: 2, manual: { release: true }, active: 'aws' },
      { t: 3, manual: { drain: 'gcp' }, active: 'aws' },
      { t: 4, manual: { pin: 'gcp', refused: 'drained' }, active: 'aws' },
    ],
  },
];

describe('failover decision', () => {
  for (const c of TABLE) it(c.name, () => void play(spec(c.policy), c.steps));

  it('refuses a command without a reason, and release with nothing to release', () => {
    const s = spec();
    const state = initialState(s, 0);
    assert.deepEqual(pin(s, state, 'aws', { who: 'alice', why: ' ', at: 0 }), {
      ok: false,
      refused: 'no-reason',
    });
    assert.deepEqual(release(s, state, cmd(0)), { ok: false, refused: 'nothing-to-release' });
  });

  it('audits who, when, why, from and to, and a forced override as forced', () => {
    const s = spec();
    const state = decide(s, initialState(s, 0), { now: 0, health: { aws: UP, gcp: DOWN, ovh: UP } }).state;
    const r = pin(s, state, 'gcp', { who: 'alice', why: 'gcp hotfix test', at: 7000, force: true });
    assert.ok(r.ok);
    assert.deepEqual(r.audit, {
      action: 'pin',
      group: 'api',
      endpoint: 'gcp',
      who: 'alice',
      at: 7000,
      why: 'gcp hotfix test',
      from: 'aws',
      to: 'gcp',
      forced: true,
    });
  });

  it('moves off an endpoint the map no longer has', () => {
    const s = spec();
    const stale: DecisionState = { ...initialState(s, 0), active: 'azure' };
    const d = decide(s, stale, { now: 1000, health: ALL_UP });
    assert.deepEqual(d.events.map(show), ['switched azure→aws (config)']);
  });

  it('resumes from its JSON state with no spurious switch and nothing said', () => {
    // States worth restarting in: after a failover, during a hold, all down, refused, pinned.
    const at: {
      name: string;
      policy?: Partial<GroupSpec['policy']>;
      steps: Step[];
      health: Health;
      t: number;
    }[] = [
      { name: 'failed over', steps: TABLE[1]!.steps, health: { aws: DOWN, gcp: UP, ovh: UP }, t: 2 },
      { name: 'held', policy: TABLE[7]!.policy, steps: TABLE[7]!.steps.slice(0, 3), health: ALL_UP, t: 12 },
      {
        name: 'all down',
        steps: TABLE[3]!.steps.slice(0, 2),
        health: { aws: DOWN, gcp: DOWN, ovh: DOWN },
        t: 6,
      },
      {
        name: 'refused',
        steps: TABLE[5]!.steps.slice(0, 1),
        health: { aws: STALE_DOWN, gcp: UP, ovh: UP },
        t: 1,
      },
      {
        name: 'pinned',
        steps: TABLE[14]!.steps.slice(0, 3),
        health: { aws: UP, gcp: DOWN, ovh: UP },
        t: 101,
      },
    ];
    for (const r of at) {
      const s = spec(r.policy);
      const before = play(s, r.steps);
      const restored = parseState(JSON.parse(JSON.stringify(before)));
      assert.ok(restored, r.name);
      assert.deepEqual(restored, before, r.name);
      const d = decide(s, restored, { now: r.t * 1000, health: r.health });
      assert.deepEqual(d.events, [], r.name);
      assert.equal(d.routing.endpoint, before.active, r.name);
    }
    assert.equal(parseState({ version: 1, active: 3 }), undefined);
    assert.equal(parseState('aws'), undefined);
  });
});

describe('health from the monitor', () => {
  const MAP = `version: 1
name: Blink
services:
  api: {dependsOn: [api-aws, api-gcp]}
components:
  api-aws: {provider: aws}
  api-gcp: {provider: gcp}
vantages:
  paris: {provider: ovh}
  fsn: {provider: hetzner}
checks:
  api-aws: {component: api-aws, tcp: 127.0.0.2:9001, interval: 1s, timeout: 1s, failAfter: 3, recoverAfter: 2, from: [local, paris, fsn]}
  api-gcp: {component: api-gcp, tcp: 127.0.0.3:9002, interval: 1s, timeout: 1s, from: [local, paris, fsn]}
failover:
  api:
    service: api
    endpoints:
      - {name: aws, address: 127.0.0.2:9001, check: api-aws}
      - {name: gcp, address: 127.0.0.3:9002, check: api-gcp}
`;

  function setup() {
    const loaded = loadConfig(MAP, 'bascule.yaml');
    assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.diagnostics));
    const [[id, group]] = failoverGroups(loaded.config.failover) as [[string, never]];
    const s = groupSpec(id, group);
    const monitor = new Monitor(buildGraph(loaded.config), compileChecks(loaded.config));
    return { s, monitor };
  }

  /** One second of probes: `aws` ok or not from each vantage point, gcp always ok. */
  function second(monitor: Monitor, t: number, aws: Record<string, boolean>) {
    const at = t * 1000;
    const batch = Object.entries(aws).flatMap(([vantage, ok]) => [
      { check: 'api-aws', vantage, at, ok, latencyMs: 1, ...(ok ? {} : { reason: 'refused' as const }) },
      { check: 'api-gcp', vantage, at, ok: true, latencyMs: 1 },
    ]);
    monitor.ingest(batch, at);
  }

  function run(pattern: (t: number) => Record<string, boolean>, seconds: number) {
    const { s, monitor } = setup();
    let state = initialState(s, 0);
    const events: string[] = [];
    for (let t = 0; t < seconds; t++) {
      second(monitor, t, pattern(t));
      const d = decide(s, state, { now: t * 1000, health: observeGroup(s, (c) => monitor.checkView(c)) });
      state = d.state;
      events.push(...d.events.map((e) => `${t}: ${show(e)}`));
    }
    return events;
  }

  const ALL = (ok: boolean) => ({ local: ok, paris: ok, fsn: ok });

  it('a primary that blinks (down 1 s, up) causes no switch: failAfter is not reached', () => {
    assert.deepEqual(
      run((t) => ALL(t !== 5), 20),
      [],
    );
  });

  it('a primary that stays down switches at its failAfter-th failure, once', () => {
    assert.deepEqual(
      run((t) => ALL(t < 5), 12),
      ['7: switched aws→gcp (down)'],
    );
  });

  it('one vantage point seeing it down is not a quorum; two silent ones make the quorum unhealthy', () => {
    assert.deepEqual(
      run((t) => ({ local: t < 2, paris: true, fsn: true }), 10),
      [],
    );
    const { monitor } = setup();
    second(monitor, 0, { local: false, paris: true, fsn: true });
    for (let t = 1; t < 60; t++) second(monitor, t, { local: false });
    const seen = observeEndpoint(monitor.checkView('api-aws'));
    assert.deepEqual(seen, { health: 'down', quorumHealthy: false });
  });
});

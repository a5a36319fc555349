/**
 * Live health of components and services, derived from check states through the map with the same
 * propagation rules as the analyser: a component whose checks are DOWN fails, and failure spreads
 * through hard dependencies and through redundancy groups that lose too many members. Pure.
 *
 * `LiveHealth` keeps one state per graph node in typed arrays and updates its maps in place, so
 * re-deriving after a change allocates nothing per node: at 20,000 checks coming up, building
 * fresh maps of every component on each flush was most of the monitor's garbage.
 */
import { type Graph, NODE_COMPONENT, NODE_GROUP, NODE_SERVICE } from '../analysis/graph.ts';
import { Propagator } from '../analysis/propagate.ts';
import type { State } from './types.ts';

export interface Health {
  readonly components: ReadonlyMap<string, State>;
  readonly services: ReadonlyMap<string, State>;
  /** For a DOWN node, the dependency that took it down (`checkout` → `web`), when not its own check. */
  readonly causes: ReadonlyMap<string, string>;
}

/** States as codes ordered by badness: the worse of two is the larger. */
const CODES: readonly State[] = ['UNKNOWN', 'UP', 'DEGRADED', 'DOWN'];
const CODE: Readonly<Record<State, number>> = { UNKNOWN: 0, UP: 1, DEGRADED: 2, DOWN: 3 };
const DOWN = 3;
const DEGRADED = 2;

/** The worse of two states; UNKNOWN loses to any observation. */
export function worse(a: State, b: State): State {
  return CODE[a] >= CODE[b] ? a : b;
}

/** A node whose derived state changed: its graph index, type, id, before and after. */
export interface HealthChange {
  readonly node: number;
  readonly type: 'component' | 'service';
  readonly id: string;
  readonly from: State;
  readonly to: State;
}

export class LiveHealth implements Health {
  readonly components = new Map<string, State>();
  readonly services = new Map<string, State>();
  readonly causes = new Map<string, string>();
  /** Each node's state from its own checks (the worst of them); UNKNOWN where none. */
  private readonly own: Uint8Array;
  /** Each node's derived state. */
  private readonly state: Uint8Array;
  private readonly prop: Propagator;

  constructor(
    private readonly graph: Graph,
    prop?: Propagator,
  ) {
    this.prop = prop ?? new Propagator(graph);
    this.own = new Uint8Array(graph.count);
    this.state = new Uint8Array(graph.count);
    for (let n = 0; n < graph.count; n++) this.publish(n, 0);
  }

  /** Sets what a node's own checks say; takes effect at the next `update`. Unknown ids are ignored. */
  setOwn(id: string, s: State): void {
    const n = this.graph.index.get(id);
    if (n !== undefined) this.own[n] = CODE[s];
  }

  /** Sets the derived state of components and services as a baseline (a restored snapshot). */
  setDerived(id: string, s: State): void {
    const n = this.graph.index.get(id);
    if (n !== undefined && this.typeOf(n)) {
      this.state[n] = CODE[s];
      this.publish(n, CODE[s]);
    }
  }

  /**
   * Derives every node again from the own states; returns the components and services whose state
   * changed, foundations first (so a timeline reads cause before effect).
   */
  update(): HealthChange[] {
    const { graph, prop, own, state, causes } = this;
    const seeds: number[] = [];
    for (let n = 0; n < graph.count; n++) if (own[n] === DOWN) seeds.push(n);
    prop.run(seeds);
    const changes: HealthChange[] = [];
    for (let i = graph.order.length - 1; i >= 0; i--) {
      const n = graph.order[i]!;
      let s = own[n]!;
      let anyBelowBad = false;
      let anyBelowKnown = false;
      for (let e = graph.depStart[n]!; e < graph.depStart[n + 1]!; e++) {
        const d = state[graph.deps[e]!]!;
        if (d >= DEGRADED) anyBelowBad = true;
        if (d !== 0) anyBelowKnown = true;
      }
      let cause: string | undefined;
      if (prop.isFailed(n)) {
        if (s !== DOWN) {
          const c = prop.cause[n]!;
          if (c >= 0) cause = causeName(graph, c);
        }
        s = DOWN;
      } else if (anyBelowBad && graph.nodeType[n] !== NODE_GROUP) {
        s = Math.max(s, DEGRADED);
      } else if (anyBelowBad) {
        s = DEGRADED; // a group that lost members but holds
      } else if (s === 0 && anyBelowKnown) {
        s = 1;
      }
      const type = this.typeOf(n);
      if (type) {
        const id = graph.ids[n]!;
        if (cause !== undefined) causes.set(id, cause);
        else if (causes.size > 0) causes.delete(id);
        if (s !== state[n]) {
          changes.push({ node: n, type, id, from: CODES[state[n]!]!, to: CODES[s]! });
          this.publish(n, s);
        }
      }
      state[n] = s;
    }
    return changes;
  }

  private typeOf(n: number): 'component' | 'service' | undefined {
    const t = this.graph.nodeType[n];
    return t === NODE_SERVICE ? 'service' : t === NODE_COMPONENT ? 'component' : undefined;
  }

  private publish(n: number, s: number): void {
    const type = this.typeOf(n);
    if (type === 'service') this.services.set(this.graph.ids[n]!, CODES[s]!);
    else if (type === 'component') this.components.set(this.graph.ids[n]!, CODES[s]!);
  }
}

/**
 * `own`: the state each watched component or service gets from its own checks (the worst of them).
 * Nodes with no checks are UNKNOWN unless something below them is observed.
 */
export function deriveHealth(graph: Graph, own: ReadonlyMap<string, State>, prop?: Propagator): Health {
  const h = new LiveHealth(graph, prop);
  for (const [id, s] of own) h.setOwn(id, s);
  h.update();
  return h;
}

/** A group's failure is explained by its owner's entry; name the group by its members' owner. */
function causeName(graph: Graph, node: number): string {
  // Groups are named so already (`web.dependsOn[1]`), and a failover group Bascule runs `failover[api]`.
  return graph.ids[node]!;
}

/**
 * Failure propagation: from a set of failed nodes, every dependent whose failed dependencies exceed
 * its tolerance fails too. Reusable across runs (generation stamps, no clearing), so running it once
 * per component stays proportional to what actually fails.
 */
import type { Graph } from './graph.ts';

export class Propagator {
  readonly graph: Graph;
  /** Nodes that failed in the last run, seeds first, in failure order. */
  readonly failed: Int32Array;
  failedCount = 0;
  /** For each failed node, the dependency that tipped it (-1 for a seed). Valid for failed nodes only. */
  readonly cause: Int32Array;
  /** For each node touched in the last run, how many of its dependencies failed. */
  readonly failedDeps: Int32Array;
  private readonly touched: Int32Array;
  private readonly dead: Int32Array;
  private generation = 0;

  constructor(graph: Graph) {
    this.graph = graph;
    this.failed = new Int32Array(graph.count);
    this.cause = new Int32Array(graph.count);
    this.failedDeps = new Int32Array(graph.count);
    this.touched = new Int32Array(graph.count);
    this.dead = new Int32Array(graph.count);
  }

  isFailed(node: number): boolean {
    return this.dead[node] === this.generation;
  }

  /** How many dependencies of `node` failed in the last run. */
  failedDependencies(node: number): number {
    return this.touched[node] === this.generation ? this.failedDeps[node]! : 0;
  }

  run(seeds: Iterable<number>): number {
    const gen = ++this.generation;
    const { revStart, rev, tolerance } = this.graph;
    const { failed, cause, failedDeps, touched, dead } = this;
    let tail = 0;
    for (const s of seeds) {
      if (dead[s] === gen) continue;
      dead[s] = gen;
      cause[s] = -1;
      failed[tail++] = s;
    }
    for (let head = 0; head < tail; head++) {
      const n = failed[head]!;
      for (let e = revStart[n]!; e < revStart[n + 1]!; e++) {
        const d = rev[e]!;
        if (touched[d] !== gen) {
          touched[d] = gen;
          failedDeps[d] = 0;
        }
        if (++failedDeps[d]! > tolerance[d]! && dead[d] !== gen) {
          dead[d] = gen;
          cause[d] = n;
          failed[tail++] = d;
        }
      }
    }
    this.failedCount = tail;
    return tail;
  }
}

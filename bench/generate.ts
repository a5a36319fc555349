/**
 * Generates large, realistic-shaped maps for benchmarks: teams of 50 components in 5 layers over a
 * shared platform pool (DNS, auth, secrets...), about 5 dependencies per component, a fifth of them
 * redundancy groups, 4 providers × 3 regions × 3 zones, one service per team. Deterministic (seeded).
 */

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROVIDERS = ['aws', 'gcp', 'azure', 'ovh'];
const TEAM = 50;
const LAYERS = 5;

export interface GeneratedMap {
  readonly yaml: string;
  readonly components: number;
  readonly services: number;
  readonly edges: number;
}

export function generateMap(components: number, seed = 42): GeneratedMap {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const poolSize = Math.max(5, Math.floor(components / 100));
  const teams = Math.max(1, Math.floor((components - poolSize) / TEAM));
  const lines: string[] = ['version: 1', `name: Generated ${components}`, 'components:'];
  let edges = 0;
  const placement = () => {
    const p = pick(PROVIDERS);
    const r = Math.floor(random() * 3);
    return `provider: ${p}, region: ${p}-r${r}, zone: ${p}-r${r}-z${Math.floor(random() * 3)}`;
  };
  const pool: string[] = [];
  for (let i = 0; i < poolSize; i++) {
    pool.push(`platform-${i}`);
    lines.push(`  platform-${i}: {${placement()}, kind: ${i % 10 === 0 ? 'dns' : 'compute'}}`);
  }
  const tops: string[][] = [];
  for (let t = 0; t < teams; t++) {
    const layer: string[][] = [];
    for (let l = 0; l < LAYERS; l++) {
      layer.push([]);
      for (let i = 0; i < TEAM / LAYERS; i++) {
        const id = `t${t}-l${l}-c${i}`;
        layer[l]!.push(id);
        const deps: string[] = [];
        if (l > 0) {
          const below = layer.slice(0, l).flat();
          for (let d = 0; d < 5; d++) {
            const roll = random();
            if (roll < 0.15) {
              deps.push(`{anyOf: [${pick(below)}, ${pick(below)}]}`.replace(/\[(\S+), \1\]/, '[$1]'));
            } else if (roll < 0.2 && below.length >= 3) {
              const a = pick(below);
              const rest = below.filter((b) => b !== a);
              const b = pick(rest);
              const c = pick(rest.filter((x) => x !== b));
              deps.push(`{quorum: {need: 2, of: [${a}, ${b}, ${c}]}}`);
            } else deps.push(pick(below));
          }
        }
        deps.push(pick(pool));
        if (l === 0) deps.push(pick(pool));
        const unique = [...new Set(deps)];
        edges += unique.length;
        lines.push(`  ${id}: {${placement()}, dependsOn: [${unique.join(', ')}]}`);
      }
    }
    tops.push(layer[LAYERS - 1]!);
  }
  lines.push('services:');
  tops.forEach((top, t) => {
    const crit = ['critical', 'high', 'medium', 'low'][t % 4];
    lines.push(`  svc-${t}: {criticality: ${crit}, dependsOn: [${top[0]}, {anyOf: [${top[1]}, ${top[2]}]}]}`);
  });
  return { yaml: `${lines.join('\n')}\n`, components: poolSize + teams * TEAM, services: teams, edges };
}

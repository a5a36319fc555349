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
/** Real regions of each provider (as the provider catalogue knows them), so a generated map reads as a user's would. */
const REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: ['eu-west-3', 'eu-central-1', 'us-east-1'],
  gcp: ['europe-west9', 'europe-west1', 'us-central1'],
  azure: ['francecentral', 'westeurope', 'northeurope'],
  ovh: ['gra', 'rbx', 'bhs'],
};
/** Where a generated component runs: provider, region r (0–2) of it, zone z (0–2) of that region. */
const place = (p: string, r: number, z: number) => {
  const region = REGIONS[p]![r]!;
  return `provider: ${p}, region: ${region}, zone: ${region}-${'abc'[z]}`;
};
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
    return place(p, r, Math.floor(random() * 3));
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

/**
 * The deep shape: components in a random order, each depending on about five others picked at
 * random among those before it ("below" it): 30 % `anyOf` pairs, 10 % `quorum` 2 of 3, the rest
 * hard dependencies. Chains run thousands deep and a failure near the bottom takes most of the map
 * down. One service per 50 components, each on a component of the top tenth and an `anyOf` pair
 * there. Same placements as the layered shape. Deterministic (seeded).
 */
export function generateDeepMap(components: number, seed = 42): GeneratedMap {
  const random = rng(seed);
  const below = (i: number) => Math.floor(random() * i);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const lines: string[] = ['version: 1', `name: Deep ${components}`, 'components:'];
  let edges = 0;
  for (let i = 0; i < components; i++) {
    const p = pick(PROVIDERS);
    const r = Math.floor(random() * 3);
    const deps = new Set<string>();
    for (let d = 0; d < 5 && i > 0; d++) {
      const roll = random();
      if (roll < 0.3 && i >= 2) {
        const a = below(i);
        let b = below(i - 1);
        if (b >= a) b++;
        deps.add(`{anyOf: [c${a}, c${b}]}`);
      } else if (roll < 0.4 && i >= 3) {
        const [a, b, c] = distinct3(i, below);
        deps.add(`{quorum: {need: 2, of: [c${a}, c${b}, c${c}]}}`);
      } else deps.add(`c${below(i)}`);
    }
    edges += deps.size;
    const dependsOn = deps.size > 0 ? `, dependsOn: [${[...deps].join(', ')}]` : '';
    lines.push(`  c${i}: {${place(p, r, Math.floor(random() * 3))}${dependsOn}}`);
  }
  lines.push('services:');
  const services = Math.max(1, Math.floor(components / 50));
  const top = Math.max(1, Math.floor(components / 10));
  const high = () => `c${components - 1 - Math.floor(random() * top)}`;
  for (let s = 0; s < services; s++) {
    const crit = ['critical', 'high', 'medium', 'low'][s % 4];
    const a = high();
    let b = high();
    if (b === a) b = `c${(Number(a.slice(1)) + components - 1) % components}`;
    const group = top > 1 ? `, {anyOf: [${a}, ${b}]}` : '';
    lines.push(`  svc-${s}: {criticality: ${crit}, dependsOn: [${high()}${group}]}`);
    edges += 2;
  }
  return { yaml: `${lines.join('\n')}\n`, components, services, edges };
}

/** Three distinct indices below `i` (i ≥ 3). */
function distinct3(i: number, below: (n: number) => number): [number, number, number] {
  const a = below(i);
  let b = below(i - 1);
  if (b >= a) b++;
  let c = below(i - 2);
  for (const x of [Math.min(a, b), Math.max(a, b)]) if (c >= x) c++;
  return [a, b, c];
}

/** The commented starter map `bascule init` writes, built from a few answers, in English or French. */
import type { Lang } from '../i18n/index.ts';

export interface InitAnswers {
  readonly name: string;
  readonly providers: readonly string[];
  readonly services: readonly string[];
  readonly suppliers: readonly string[];
}

export const INIT_DEFAULTS: InitAnswers = {
  name: 'My company',
  providers: ['aws', 'cloudflare'],
  services: ['website', 'api'],
  suppliers: ['stripe'],
};

const REGION: Readonly<Record<string, string>> = {
  aws: 'eu-west-3',
  gcp: 'europe-west9',
  azure: 'francecentral',
  ovh: 'gra',
  scaleway: 'fr-par',
  hetzner: 'fsn1',
  cloudflare: 'global',
};

/** What well-known suppliers are and where they are publicly known (or assumed) to run. */
const SUPPLIERS: Readonly<Record<string, { kind: string; runsOn?: string }>> = {
  stripe: { kind: 'payment', runsOn: '{provider: aws, region: us-east-1}' },
  auth0: { kind: 'auth', runsOn: '{provider: aws}' },
  sendgrid: { kind: 'email' },
  'microsoft-365': { kind: 'saas', runsOn: '{provider: azure, service: front-door}' },
  payfit: { kind: 'saas' },
};

const TEXT = {
  en: {
    head: 'Bascule resilience map, written by `bascule init`. Check it with `bascule validate`,\n# then run `bascule analyze`. Reference: docs/model.md, or `bascule schema` for editors.',
    services: 'What your customers see. criticality: critical | high | medium | low.',
    rto: 'Recovery time objective: the longest acceptable outage (30s, 15m, 4h, 2d).',
    rpo: 'Recovery point objective: how much data you may lose.',
    components: 'What runs your services, and what it runs on.',
    app: 'Replace with what really runs it (ec2, ecs, a VPS...).',
    db: 'One database is a single point of failure; declare a replica with anyOf: [db, db-replica].',
    dns: 'Your DNS: if it sits on the provider you fail over from, failover cannot happen.',
    supplier: 'A supplier. runsOn: where it runs itself, when known, so its outages become yours.',
    assumed: 'assumed: check your supplier’s documentation',
    checks: 'External checks (see docs/model.md). Run them from outside the providers above.',
  },
  fr: {
    head: 'Carte de résilience Bascule, écrite par `bascule init`. Vérifiez-la avec `bascule validate`,\n# puis lancez `bascule analyze`. Référence : docs/model.md, ou `bascule schema` pour les éditeurs.',
    services: 'Ce que voient vos clients. criticality : critical | high | medium | low.',
    rto: 'Durée maximale d’interruption admissible (30s, 15m, 4h, 2d).',
    rpo: 'Perte de données maximale admissible.',
    components: 'Ce qui fait tourner vos services, et sur quoi.',
    app: 'À remplacer par ce qui le fait réellement tourner (ec2, ecs, un VPS...).',
    db: 'Une seule base est un point unique de défaillance ; déclarez un réplica avec anyOf: [db, db-replica].',
    dns: 'Votre DNS : s’il est chez le fournisseur que vous quittez en cas de panne, la bascule est impossible.',
    supplier:
      'Un fournisseur. runsOn : où il tourne lui-même, s’il est connu, car ses pannes deviennent les vôtres.',
    assumed: 'hypothèse : à vérifier dans la documentation du fournisseur',
    checks: 'Vérifications externes (voir docs/model.md). Lancez-les hors des fournisseurs ci-dessus.',
  },
} as const;

function id(text: string): string {
  const s = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'x' : s;
}

function placement(provider: string, indent: string): string[] {
  const region = REGION[provider];
  return [`${indent}provider: ${provider}`, ...(region ? [`${indent}region: ${region}`] : [])];
}

export function initTemplate(answers: InitAnswers, lang: Lang): string {
  const m = TEXT[lang];
  const providers = answers.providers.length > 0 ? answers.providers.map(id) : ['onprem'];
  const main = providers[0]!;
  const dnsProvider = providers[1] ?? main;
  const services = [...new Set(answers.services.map(id))];
  const suppliers = [...new Set(answers.suppliers.map(id))].filter((s) => !services.includes(s));
  const out = [
    `# ${m.head}`,
    '',
    'version: 1',
    `name: ${JSON.stringify(answers.name)}`,
    '',
    `# ${m.services}`,
    'services:',
  ];
  services.forEach((s, i) => {
    const deps = [`${s}-app`, ...(i === 0 ? suppliers : [])];
    out.push(`  ${s}:`, `    criticality: ${i === 0 ? 'critical' : 'high'}`);
    out.push(`    rto: 1h   # ${m.rto}`, `    rpo: 15m  # ${m.rpo}`, `    dependsOn: [${deps.join(', ')}]`);
  });
  out.push('', `# ${m.components}`, 'components:');
  for (const s of services) {
    out.push(
      `  ${s}-app:   # ${m.app}`,
      ...placement(main, '    '),
      '    kind: compute',
      '    dependsOn: [db, dns]',
    );
  }
  out.push(`  db:   # ${m.db}`, ...placement(main, '    '), '    kind: database');
  out.push(`  dns:   # ${m.dns}`, ...placement(dnsProvider, '    '), '    kind: dns');
  for (const s of suppliers) {
    const known = SUPPLIERS[s];
    out.push(`  ${s}:   # ${m.supplier}`, `    provider: ${s}`, `    kind: ${known?.kind ?? 'saas'}`);
    if (known?.runsOn) out.push(`    runsOn: [${known.runsOn}]   # ${m.assumed}`);
  }
  out.push('', `# ${m.checks}`, '# checks:', `#   ${services[0] ?? 'website'}:`);
  out.push(
    `#     service: ${services[0] ?? 'website'}`,
    '#     http: https://www.example.com/health',
    '#     interval: 30s',
  );
  return `${out.join('\n')}\n`;
}

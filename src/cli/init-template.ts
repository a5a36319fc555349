/** The starter map `bascule init` writes: what it says, worked out from a few answers; its words are in i18n/documents/. */
import { renderDocument } from '../i18n/documents/document.ts';
import { type Placement, type StarterMap, starterMap } from '../i18n/documents/starter-map.ts';
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

function id(text: string): string {
  const s = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'x' : s;
}

function placement(provider: string): Placement {
  const region = REGION[provider];
  return region ? { provider, region } : { provider };
}

/** What the starter map says, worked out from the answers. */
export function starterMapOf(answers: InitAnswers): StarterMap {
  const providers = answers.providers.length > 0 ? answers.providers.map(id) : ['onprem'];
  const main = providers[0]!;
  const services = [...new Set(answers.services.map(id))];
  const suppliers = [...new Set(answers.suppliers.map(id))].filter((s) => !services.includes(s));
  return {
    name: answers.name,
    services: services.map((s, i) => ({
      id: s,
      criticality: i === 0 ? 'critical' : 'high',
      dependsOn: [`${s}-app`, ...(i === 0 ? suppliers : [])],
    })),
    apps: services.map((s) => ({ id: `${s}-app`, placement: placement(main) })),
    db: placement(main),
    dns: placement(providers[1] ?? main),
    suppliers: suppliers.map((s) => {
      const known = SUPPLIERS[s];
      return { id: s, kind: known?.kind ?? 'saas', ...(known?.runsOn ? { runsOn: known.runsOn } : {}) };
    }),
    checked: services[0] ?? 'website',
  };
}

/** The commented starter map, in the user's language (templates in i18n/documents/starter-map/). */
export function initTemplate(answers: InitAnswers, lang: Lang): string {
  return renderDocument(starterMap, lang, starterMapOf(answers));
}

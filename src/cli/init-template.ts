/**
 * The starter map `bascule init` writes, worked out from the answers: ids made from the names people
 * gave (the names kept for display), what each service runs on, the suppliers with their kind and
 * where they run. Nothing is added that the answers do not say; what is assumed (a kind, where a
 * supplier runs according to the provider catalogue, the example's placements) is marked `assumed`.
 * Its words are in i18n/documents/starter-map/.
 */
import { renderDocument } from '../i18n/documents/document.ts';
import { type StarterComponent, type StarterMap, starterMap } from '../i18n/documents/starter-map.ts';
import type { Lang } from '../i18n/index.ts';
import type { Catalogue } from '../model/catalogue.ts';
import type { AssumableField } from '../model/schema.ts';

/** The kinds a supplier is chosen from: words of the kind vocabulary advice by kind knows (analysis/advice.ts). */
export const SUPPLIER_KINDS = [
  'payment',
  'email',
  'office-suite',
  'payroll',
  'accounting',
  'crm',
  'auth',
  'storage',
  'dns',
  'cdn',
  'other',
] as const;
export type SupplierKind = (typeof SUPPLIER_KINDS)[number];

/** `other` is written as the general kind of the map's vocabulary. */
const KIND_IN_MAP: Readonly<Record<SupplierKind, string>> = {
  payment: 'payment',
  email: 'email',
  'office-suite': 'office-suite',
  payroll: 'payroll',
  accounting: 'accounting',
  crm: 'crm',
  auth: 'auth',
  storage: 'storage',
  dns: 'dns',
  cdn: 'cdn',
  other: 'saas',
};

/** A provider (a catalogue id, or a name as the user gave it) and, when known, its region. */
export interface Where {
  readonly provider: string;
  readonly region?: string;
}

export interface ServiceAnswer {
  /** As the user wrote it: `site web`. */
  readonly name: string;
  /** What it runs on; undefined when the user does not know. */
  readonly runsOn?: Where;
}

export interface SupplierAnswer {
  readonly name: string;
  readonly kind: SupplierKind;
  /** The supplier itself: a catalogue provider (with its region when regional), else its name. */
  readonly place: Where;
  /** Where it runs itself, as the user said (the catalogue's hosting is added when the map is made). */
  readonly runsOn: readonly Where[];
  /** Indexes of the services that use it. */
  readonly usedBy: readonly number[];
}

export interface InitAnswers {
  readonly company: string;
  readonly services: readonly ServiceAnswer[];
  readonly suppliers: readonly SupplierAnswer[];
  /** The example of `--yes`: where its services run is not the user's, so it is marked assumed. */
  readonly example?: boolean;
}

/** What `--yes` (or no terminal) writes: a small example, truthful about being one. */
export function exampleAnswers(lang: Lang): InitAnswers {
  const paris = { provider: 'aws', region: 'eu-west-3' };
  return {
    company: lang === 'fr' ? 'Mon entreprise' : 'My company',
    services: [
      { name: lang === 'fr' ? 'site web' : 'website', runsOn: paris },
      { name: 'api', runsOn: paris },
    ],
    suppliers: [
      { name: 'Stripe', kind: 'payment', place: { provider: 'stripe' }, runsOn: [], usedBy: [0, 1] },
    ],
    example: true,
  };
}

/** An id from a name: `Site Web (boutique)` → `site-web-boutique`; empty when nothing is left. */
export function idOf(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '');
}

/** Hands out ids that no other service or component has. */
class Ids {
  readonly #taken = new Set<string>();
  take(wanted: string, fallback: string): string {
    const base = wanted === '' ? fallback : wanted;
    let id = base;
    for (let n = 2; this.#taken.has(id); n++) id = `${base}-${n}`;
    this.#taken.add(id);
    return id;
  }
}

/** A component's place, its missing region, and the hosting the catalogue gives its provider (assumed). */
function placed(catalogue: Catalogue, where: Where) {
  const info = catalogue.provider(where.provider);
  return {
    provider: where.provider,
    ...(info ? { providerName: info.name } : {}),
    ...(where.region !== undefined ? { region: where.region } : {}),
    regionMissing: where.region === undefined && catalogue.isRegional(where.provider),
    hostedOn: (info?.hostedOn ?? []).map((p) => ({ provider: p, name: catalogue.provider(p)?.name ?? p })),
  };
}

/** The display name, when the id does not say it as the user wrote it. */
const nameIfNeeded = (name: string, id: string) => (name === id ? {} : { name });

/** What the starter map says, worked out from the answers. */
export function starterMapOf(answers: InitAnswers, catalogue: Catalogue): StarterMap {
  const ids = new Ids();
  const serviceIds = answers.services.map((s, i) => ids.take(idOf(s.name), `service-${i + 1}`));
  const components: StarterComponent[] = [];
  const hostOf = answers.services.map((s, i): string | undefined => {
    if (!s.runsOn) return undefined;
    const id = ids.take(`${serviceIds[i]}-app`, `service-${i + 1}-app`);
    const p = placed(catalogue, s.runsOn);
    // What runs a service is taken to be a server (kind compute), or an online service at a provider
    // that itself runs on others (Microsoft 365 on Azure: kind saas): the user said where, not what.
    const assumed: AssumableField[] = [
      ...(answers.example ? (['provider', ...(p.region ? ['region'] : [])] as AssumableField[]) : []),
      'kind',
      ...(p.hostedOn.length > 0 ? (['runsOn'] as const) : []),
    ];
    components.push({
      id,
      role: 'host',
      of: s.name,
      ...p,
      kind: p.hostedOn.length > 0 ? 'saas' : 'compute',
      runsOn: p.hostedOn.map((h) => ({ provider: h.provider })),
      runsOnFrom: p.hostedOn.length > 0 ? 'catalogue' : 'none',
      assumed,
      unused: false,
    });
    return id;
  });
  const supplierIds = answers.suppliers.map((s, i) => ids.take(idOf(s.name), `supplier-${i + 1}`));
  answers.suppliers.forEach((s, i) => {
    const p = placed(catalogue, s.place);
    // The catalogue's hosting (Microsoft 365 on Azure) is public knowledge, not the user's word.
    const fromCatalogue = s.runsOn.length === 0 && p.hostedOn.length > 0;
    const runsOn = fromCatalogue ? p.hostedOn.map((h) => ({ provider: h.provider })) : s.runsOn;
    components.push({
      id: supplierIds[i]!,
      role: 'supplier',
      ...nameIfNeeded(s.name, supplierIds[i]!),
      ...p,
      kind: KIND_IN_MAP[s.kind],
      runsOn,
      runsOnFrom: fromCatalogue ? 'catalogue' : runsOn.length > 0 ? 'answer' : 'unknown',
      assumed: fromCatalogue ? ['runsOn'] : [],
      unused: s.usedBy.length === 0,
    });
  });
  const services = answers.services.map((s, i) => {
    const host = hostOf[i];
    const suppliers = answers.suppliers.flatMap((sup, j) =>
      sup.usedBy.includes(i) ? [supplierIds[j]!] : [],
    );
    return {
      id: serviceIds[i]!,
      ...nameIfNeeded(s.name, serviceIds[i]!),
      dependsOn: [...(host ? [host] : []), ...suppliers],
      hostKnown: host !== undefined,
    };
  });
  return {
    name: answers.company,
    example: answers.example === true,
    services,
    components,
    checked: services[0]?.id,
  };
}

/** The commented starter map, in the user's language (templates in i18n/documents/starter-map/). */
export function initTemplate(answers: InitAnswers, catalogue: Catalogue, lang: Lang): string {
  return renderDocument(starterMap, lang, starterMapOf(answers, catalogue));
}

/**
 * What to do about a single point of failure depends on what it is: a payment provider needs a
 * second provider or a degraded mode, an office internet line a backup line, a DNS secondary servers
 * elsewhere. The component's `kind` (free text in the map) is sorted into an advice class; the
 * words are in the analysis catalogue (`finding.single-point-of-failure` recommendation). Pure.
 */

export const ADVICE = [
  'payment',
  'email',
  'office',
  'network',
  'dns',
  'database',
  'compute',
  'storage',
  'cdn',
  'auth',
  'power',
  'queue',
  'saas',
  'generic',
] as const;
export type Advice = (typeof ADVICE)[number];

/** Kinds as maps write them, and the advice class each gets. */
const CLASSES: ReadonlyArray<readonly [Advice, RegExp]> = [
  ['payment', /^(payments?|psp|billing|checkout-provider)$/],
  ['email', /^(e-?mail|mail|smtp|transactional-email|newsletter)$/],
  ['office', /^(office|office-suite|productivity|collaboration|workspace|groupware|chat)$/],
  ['network', /^(network|internet|isp|line|wan|vpn|router|firewall|connectivity|lan)$/],
  ['dns', /^(dns|registrar)$/],
  [
    'database',
    /^(database|db|sql|nosql|postgres|postgresql|mysql|mariadb|mongo|mongodb|sqlserver|oracle|cache|search)$/,
  ],
  ['compute', /^(compute|vm|server|app|application|container|kubernetes|k8s|serverless|function|web|api)$/],
  ['storage', /^(storage|object-storage|nas|files?|file-server|fileserver|bucket|blob|backup|s3)$/],
  ['cdn', /^(cdn|proxy|waf|load-balancer|lb|edge)$/],
  ['auth', /^(auth|identity|sso|idp|iam|directory)$/],
  ['power', /^(power|ups|electricity|generator)$/],
  ['queue', /^(queue|messaging|broker|stream|pubsub|event-bus)$/],
  ['saas', /^(saas|payroll|accounting|invoicing|crm|hr|hris|helpdesk|ticketing|e-?commerce|marketplace)$/],
];

/** The advice class of a component's kind; `generic` when it has none or an unknown one. */
export function adviceFor(kind: string | undefined): Advice {
  if (!kind) return 'generic';
  const k = kind.trim().toLowerCase();
  for (const [advice, pattern] of CLASSES) if (pattern.test(k)) return advice;
  return 'generic';
}

/**
 * Kinds of the database and storage classes whose content is rebuilt rather than restored (a cache,
 * a search index) or that are themselves the copy (a backup store): they need no backup of their own.
 */
const NOT_PRIMARY_DATA = /^(cache|search|backup)$/;

/** Whether a component of this kind holds data a backup must protect (a database, a file store). */
export function holdsData(kind: string | undefined): boolean {
  const advice = adviceFor(kind);
  if (advice !== 'database' && advice !== 'storage') return false;
  return !NOT_PRIMARY_DATA.test(kind!.trim().toLowerCase());
}

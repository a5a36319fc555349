/** Findings rendered for people: message and recommendation in the chosen language. */
import type { Finding } from '../analysis/finding.ts';
import type { GroupedFinding } from '../analysis/root-cause-groups.ts';
import { type Lang, type MessageKey, render, t } from '../i18n/index.ts';

export interface RenderedFinding {
  readonly id?: string;
  readonly kind: Finding['kind'];
  readonly severity: Finding['severity'];
  readonly subjects: readonly string[];
  readonly message: string;
  readonly recommendation: string;
  /** The assumptions of the map it rests on, when there are any. */
  readonly assumed?: Finding['assumed'];
  /** The id of the finding it is grouped under (the same root cause), if any. */
  readonly rootCause?: string;
  /** On a root: the ids of the findings grouped under it. */
  readonly related?: readonly string[];
}

/** The short mark of a finding that rests on assumptions: `assumed: stripe runsOn`; undefined when none. */
export function assumedMark(lang: Lang, f: Finding): string | undefined {
  if (!f.assumed || f.assumed.length === 0) return undefined;
  const items = f.assumed.map((a) =>
    t(lang, 'finding.assumed.item', { component: a.component, fields: a.fields.join(', ') }),
  );
  return t(lang, 'finding.assumed', { items: items.join('; ') });
}

const CRITICALITIES = new Set(['critical', 'high', 'medium', 'low']);

/** The message keys of each kind and variant, made once (a deep map renders tens of thousands of findings). */
const KEYS = new Map<string, Map<string, { message: MessageKey; recommendation: MessageKey }>>();

function keysOf(f: Finding): { message: MessageKey; recommendation: MessageKey } {
  let variants = KEYS.get(f.kind);
  if (variants === undefined) {
    variants = new Map();
    KEYS.set(f.kind, variants);
  }
  const variant = f.variant ?? '';
  let keys = variants.get(variant);
  if (keys === undefined) {
    const key = `finding.${f.kind}${variant ? `.${variant}` : ''}`;
    keys = { message: `${key}.message` as MessageKey, recommendation: `${key}.recommendation` as MessageKey };
    variants.set(variant, keys);
  }
  return keys;
}

export function renderFinding(lang: Lang, f: Finding | GroupedFinding): RenderedFinding {
  const keys = keysOf(f);
  // A criticality named in a message is worded in the reader's language ("erp (critique)").
  const c = f.params.criticality;
  const params =
    typeof c === 'string' && CRITICALITIES.has(c)
      ? { ...f.params, criticality: t(lang, `alert.criticality.${c as 'critical'}`) }
      : f.params;
  const g = f as Partial<GroupedFinding>;
  // Built in the order of its fields (the JSON's order), the optional ones only when present.
  const out: { -readonly [K in keyof RenderedFinding]: RenderedFinding[K] } = {} as RenderedFinding;
  if (g.id !== undefined) out.id = g.id;
  out.kind = f.kind;
  out.severity = f.severity;
  out.subjects = f.subjects;
  out.message = render(lang, keys.message, params);
  out.recommendation = render(lang, keys.recommendation, params);
  if (f.assumed) out.assumed = f.assumed;
  if (g.rootCause !== undefined) out.rootCause = g.rootCause;
  if (g.related !== undefined) out.related = g.related;
  return out;
}

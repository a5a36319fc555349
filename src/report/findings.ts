/** Findings rendered for people: message and recommendation in the chosen language. */
import type { Finding } from '../analysis/finding.ts';
import { type Lang, type MessageKey, render, t } from '../i18n/index.ts';

export interface RenderedFinding {
  readonly kind: Finding['kind'];
  readonly severity: Finding['severity'];
  readonly subjects: readonly string[];
  readonly message: string;
  readonly recommendation: string;
}

const CRITICALITIES = new Set(['critical', 'high', 'medium', 'low']);

export function renderFinding(lang: Lang, f: Finding): RenderedFinding {
  const key = `finding.${f.kind}${f.variant ? `.${f.variant}` : ''}`;
  // A criticality named in a message is worded in the reader's language ("erp (critique)").
  const c = f.params.criticality;
  const params =
    typeof c === 'string' && CRITICALITIES.has(c)
      ? { ...f.params, criticality: t(lang, `alert.criticality.${c as 'critical'}`) }
      : f.params;
  return {
    kind: f.kind,
    severity: f.severity,
    subjects: f.subjects,
    message: render(lang, `${key}.message` as MessageKey, params),
    recommendation: render(lang, `${key}.recommendation` as MessageKey, params),
  };
}

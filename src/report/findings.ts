/** Findings rendered for people: message and recommendation in the chosen language. */
import type { Finding } from '../analysis/finding.ts';
import { type Lang, type MessageKey, render } from '../i18n/index.ts';

export interface RenderedFinding {
  readonly kind: Finding['kind'];
  readonly severity: Finding['severity'];
  readonly subjects: readonly string[];
  readonly message: string;
  readonly recommendation: string;
}

export function renderFinding(lang: Lang, f: Finding): RenderedFinding {
  const key = `finding.${f.kind}${f.variant ? `.${f.variant}` : ''}`;
  return {
    kind: f.kind,
    severity: f.severity,
    subjects: f.subjects,
    message: render(lang, `${key}.message` as MessageKey, f.params),
    recommendation: render(lang, `${key}.recommendation` as MessageKey, f.params),
  };
}

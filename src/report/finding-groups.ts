/**
 * Findings as people read them: one root cause at a time, its related findings (grouped under it by
 * analysis/root-cause-groups.ts) as short "also:" lines. The text and HTML reports share this.
 */
import { type Severity, severityRank } from '../analysis/finding.ts';
import type { GroupedFinding } from '../analysis/root-cause-groups.ts';
import { type Lang, t } from '../i18n/index.ts';
import { renderFinding } from './findings.ts';

export interface FindingGroup {
  readonly root: GroupedFinding;
  /** In report order. */
  readonly related: readonly GroupedFinding[];
  /** The most severe of the group: a group is listed where its most severe finding would be. */
  readonly severity: Severity;
}

/** How many "also:" lines a root gets, and how many names a line lists, before counting the rest. */
export const MAX_ALSO_LINES = 5;
export const MAX_ALSO_NAMES = 20;

/** How many root causes the findings come from (the findings grouped under none, and the roots). */
export function rootCount(findings: readonly GroupedFinding[]): number {
  return findings.filter((f) => f.rootCause === undefined).length;
}

/** The roots, each with its related findings, most severe group first (then in report order). */
export function findingGroups(findings: readonly GroupedFinding[]): FindingGroup[] {
  const byId = new Map(findings.map((f) => [f.id, f] as const));
  const groups = findings
    .filter((f) => f.rootCause === undefined)
    .map((root, order) => {
      const related = (root.related ?? []).map((id) => byId.get(id)!);
      const severity = [root, ...related].reduce<Severity>(
        (worst, f) => (severityRank(f.severity) < severityRank(worst) ? f.severity : worst),
        root.severity,
      );
      return { root, related, severity, order };
    });
  groups.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.order - b.order);
  return groups.map(({ root, related, severity }) => ({ root, related, severity }));
}

const isConcentration = (f: GroupedFinding) =>
  f.kind === 'provider-concentration' || f.kind === 'region-concentration';

function names(lang: Lang, list: readonly string[]): string {
  const shown = list.slice(0, MAX_ALSO_NAMES).join(', ');
  const more = list.length - MAX_ALSO_NAMES;
  return more > 0 ? `${shown} ${t(lang, 'finding.related.others', { count: more })}` : shown;
}

/**
 * What the related findings add, in short lines: the concentrations of one place in one line ("also:
 * a failure of cloudflare takes checkout, storefront down through it"), each other finding in its own.
 */
export function alsoLines(lang: Lang, group: FindingGroup): string[] {
  const buckets = new Map<string, GroupedFinding[]>();
  for (const f of group.related) {
    const key = isConcentration(f) ? `${f.kind} ${f.subjects[1]}` : f.id;
    const list = buckets.get(key) ?? [];
    list.push(f);
    buckets.set(key, list);
  }
  const lines: string[] = [];
  let left = group.related.length;
  for (const list of buckets.values()) {
    if (lines.length === MAX_ALSO_LINES) {
      lines.push(t(lang, 'finding.related.more', { count: left }));
      break;
    }
    left -= list.length;
    const f = list[0]!;
    const services = names(
      lang,
      list.map((x) => x.subjects[0]!),
    );
    if (isConcentration(f) && isConcentration(group.root) && group.root.subjects[1] === f.subjects[1])
      lines.push(t(lang, 'finding.related.same-place', { services }));
    else if (f.kind === 'provider-concentration')
      lines.push(t(lang, 'finding.related.provider', { provider: f.subjects[1]!, services }));
    else if (f.kind === 'region-concentration')
      lines.push(t(lang, 'finding.related.region', { region: f.subjects[1]!, services }));
    else if (f.kind === 'shared-dependency' && f.variant === undefined)
      lines.push(
        t(lang, 'finding.related.shared-dependency', {
          group: String(f.params.group),
          owner: String(f.params.owner),
          members: String(f.params.members),
        }),
      );
    else lines.push(t(lang, 'finding.related.other', { message: renderFinding(lang, f).message }));
  }
  return lines;
}

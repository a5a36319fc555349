/**
 * runsOn entries: a place, or a redundancy group of places (`anyOf`, `quorum`), read the same way
 * everywhere, and checked like dependsOn groups (empty, a place listed twice, `need` out of range).
 */
import type { PathSegment } from './locate.ts';
import type { Config, Place, RunsOnEntry } from './schema.ts';
import type { RawDiagnostic } from './schema-issues.ts';

/** One runsOn entry, normalised: it fails when more than `places.length - need` of its places fail. */
export interface RunsOnGroup {
  readonly type: 'place' | 'anyOf' | 'quorum';
  readonly places: readonly Place[];
  readonly need: number;
  readonly name: string | undefined;
}

export function runsOnGroup(entry: RunsOnEntry): RunsOnGroup {
  if ('anyOf' in entry) return { type: 'anyOf', places: entry.anyOf, need: 1, name: entry.name };
  if ('quorum' in entry)
    return { type: 'quorum', places: entry.quorum.of, need: entry.quorum.need, name: entry.name };
  return { type: 'place', places: [entry], need: 1, name: undefined };
}

/** Every place a runsOn list names, groups flattened. */
export function runsOnPlaces(entries: readonly RunsOnEntry[]): Place[] {
  return entries.flatMap((e) => runsOnGroup(e).places);
}

/** `aws/us-east-1/us-east-1a:dynamodb`: the place as one word, for messages and duplicates. */
export function placeLabel(p: Place): string {
  const where = [p.provider, p.region, p.zone].filter((x) => x !== undefined).join('/');
  return p.service === undefined ? where : `${where}:${p.service}`;
}

/** `aws/us-east-1`, `anyOf[aws/us-east-1, aws/us-west-2]`, `quorum 2 of [...]`, or the group's name. */
export function runsOnLabel(entry: RunsOnEntry, label: (p: Place) => string = placeLabel): string {
  const g = runsOnGroup(entry);
  const list = g.places.map(label).join(', ');
  if (g.type === 'place') return list;
  if (g.name) return g.name;
  return g.type === 'anyOf' ? `anyOf[${list}]` : `quorum ${g.need} of [${list}]`;
}

/** Reports the runsOn groups that are empty, list a place twice or need an impossible count. */
export function checkRunsOn(config: Config, out: RawDiagnostic[]): void {
  for (const [id, spec] of Object.entries(config.components)) {
    spec.runsOn.forEach((entry, i) => {
      const g = runsOnGroup(entry);
      if (g.type === 'place') return;
      const path: PathSegment[] = ['components', id, 'runsOn', i];
      const membersPath = g.type === 'anyOf' ? [...path, 'anyOf'] : [...path, 'quorum', 'of'];
      if (g.places.length === 0)
        out.push({ code: 'BASCULE_E_CONFIG_GROUP_EMPTY', path: membersPath, params: {} });
      const seen = new Set<string>();
      g.places.forEach((p, m) => {
        const label = placeLabel(p);
        if (seen.has(label))
          out.push({
            code: 'BASCULE_E_CONFIG_GROUP_DUPLICATE',
            path: [...membersPath, m],
            params: { id: label },
          });
        seen.add(label);
      });
      if (g.type === 'quorum' && g.places.length > 0 && (g.need < 1 || g.need > g.places.length)) {
        out.push({
          code: 'BASCULE_E_CONFIG_GROUP_NEED',
          path: [...path, 'quorum', 'need'],
          params: { need: g.need, size: g.places.length },
        });
      }
    });
  }
}

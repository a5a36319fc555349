/**
 * Checks of `statusPage` that need the whole map: `show` lists services of the map (with a
 * did-you-mean), at least one; every text is given in at least one language; `url` is http(s);
 * `timezone` is a time zone Intl knows (with a did-you-mean among its IANA names).
 */
import type { PathSegment } from './locate.ts';
import { unknownRef } from './references.ts';
import type { Config } from './schema.ts';
import type { RawDiagnostic } from './schema-issues.ts';
import { isHttpUrl } from './schema-primitives.ts';
import type { LocalizedText } from './schema-status-page.ts';
import { suggest } from './suggest.ts';

/** Whether Intl knows the zone (an IANA name such as Europe/Paris, or UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The IANA names Intl knows, for a did-you-mean. */
function timeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone')];
}

function checkText(value: LocalizedText | undefined, path: PathSegment[], out: RawDiagnostic[]): void {
  if (value === undefined || typeof value === 'string') return;
  if (value.en === undefined && value.fr === undefined)
    out.push({ code: 'BASCULE_E_CONFIG_STATUS_TEXT', path, params: {} });
}

export function checkStatusPage(config: Config, out: RawDiagnostic[]): void {
  const page = config.statusPage;
  if (!page) return;
  const path: PathSegment[] = ['statusPage'];
  checkText(page.title, [...path, 'title'], out);
  checkText(page.description, [...path, 'description'], out);
  if (page.url !== undefined && !isHttpUrl(page.url))
    out.push({ code: 'BASCULE_E_CONFIG_URL', path: [...path, 'url'], params: { value: page.url } });
  if (!isTimeZone(page.timezone)) {
    const suggestion = suggest(page.timezone, timeZones());
    out.push({
      code: 'BASCULE_E_CONFIG_TIMEZONE',
      path: [...path, 'timezone'],
      params: suggestion ? { value: page.timezone, suggestion } : { value: page.timezone },
    });
  }
  const entries = Object.entries(page.show);
  if (entries.length === 0)
    out.push({ code: 'BASCULE_E_CONFIG_TOO_FEW', path: [...path, 'show'], params: { min: 1 } });
  const services = Object.keys(config.services);
  for (const [id, shown] of entries) {
    const at: PathSegment[] = [...path, 'show', id];
    if (!Object.hasOwn(config.services, id))
      out.push({ ...unknownRef(id, 'service', services, at), atKey: true });
    checkText(shown.name, [...at, 'name'], out);
    checkText(shown.description, [...at, 'description'], out);
  }
}

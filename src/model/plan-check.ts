/**
 * Checks of the continuity plan's keys that need the whole map: every contact id named (the plan's
 * owner, deputies, escalation, decisions, runbook steps) is a contact, every runbook's service a
 * service, every supplier a provider the map uses (each with a did-you-mean); a text is given in one
 * language at least; a message uses only the placeholders the plan fills.
 */
import type { PathSegment } from './locate.ts';
import { unknownRef } from './references.ts';
import { runsOnPlaces } from './runs-on.ts';
import type { Config } from './schema.ts';
import type { RawDiagnostic } from './schema-issues.ts';
import {
  COMMUNICATION_CHANNELS,
  COMMUNICATION_EVENTS,
  type CommunicationChannel,
  type CommunicationEvent,
  MESSAGE_PLACEHOLDERS,
  type PlanText,
} from './schema-plan.ts';

function checkText(value: PlanText | undefined, path: PathSegment[], out: RawDiagnostic[]): void {
  if (value === undefined || typeof value === 'string') return;
  if (value.en === undefined && value.fr === undefined)
    out.push({ code: 'BASCULE_E_CONFIG_PLAN_TEXT', path, params: {} });
}

/**
 * The placeholders a message may use. The status page and the alerts post the internal and status
 * page messages of an incident that starts or ends themselves, when nobody can say when the next
 * update comes (nor, when it starts, when it ends): those messages may not use {next} (nor {end}).
 */
export function allowedPlaceholders(
  channel: CommunicationChannel,
  event: CommunicationEvent,
): readonly string[] {
  const posted = channel === 'statusPage' || channel === 'internal';
  if (!posted || event === 'update') return MESSAGE_PLACEHOLDERS;
  return MESSAGE_PLACEHOLDERS.filter((p) => p !== 'next' && (event === 'resolved' || p !== 'end'));
}

/** Every `{name}` of a text; each one the message cannot fill is reported. */
function checkPlaceholders(
  value: PlanText,
  path: PathSegment[],
  allowed: readonly string[],
  out: RawDiagnostic[],
): void {
  const texts: [string, PathSegment[]][] =
    typeof value === 'string'
      ? [[value, path]]
      : (['en', 'fr'] as const).flatMap((l) => (value[l] === undefined ? [] : [[value[l]!, [...path, l]]]));
  for (const [text, at] of texts) {
    for (const m of text.matchAll(/\{([^{}\s]*)\}/g)) {
      if (allowed.includes(m[1]!)) continue;
      out.push({
        code: 'BASCULE_E_CONFIG_PLAN_PLACEHOLDER',
        path: at,
        params: { placeholder: m[1]!, allowed: allowed.map((p) => `{${p}}`).join(', ') },
      });
    }
  }
}

/** The providers the map names: of its components, and of the places its suppliers run on. */
export function providersOf(config: Config): string[] {
  const out = new Set<string>();
  for (const c of Object.values(config.components)) {
    if (c.provider) out.add(c.provider);
    for (const place of runsOnPlaces(c.runsOn)) out.add(place.provider);
  }
  return [...out].sort();
}

export function checkPlan(config: Config, out: RawDiagnostic[]): void {
  const contacts = Object.keys(config.contacts);
  const contact = (id: string, path: PathSegment[]) => {
    if (!Object.hasOwn(config.contacts, id)) out.push(unknownRef(id, 'contact', contacts, path));
  };
  if (config.plan) {
    contact(config.plan.owner, ['plan', 'owner']);
    checkText(config.plan.scope, ['plan', 'scope'], out);
  }
  for (const [id, c] of Object.entries(config.contacts)) {
    checkText(c.role, ['contacts', id, 'role'], out);
    c.deputies.forEach((d, i) => {
      const at: PathSegment[] = ['contacts', id, 'deputies', i];
      if (d === id || c.deputies.indexOf(d) !== i)
        out.push({ code: 'BASCULE_E_CONFIG_PLAN_DEPUTY', path: at, params: { id: d } });
      else contact(d, at);
    });
  }
  const e = config.escalation;
  if (e) {
    e.criteria.forEach((c, i) => {
      checkText(c, ['escalation', 'criteria', i], out);
    });
    contact(e.declaredBy, ['escalation', 'declaredBy']);
    e.levels.forEach((l, i) => {
      l.contacts.forEach((c, k) => {
        contact(c, ['escalation', 'levels', i, 'contacts', k]);
      });
    });
    e.decisions.forEach((d, i) => {
      checkText(d.decision, ['escalation', 'decisions', i, 'decision'], out);
      contact(d.by, ['escalation', 'decisions', i, 'by']);
    });
  }
  const services = Object.keys(config.services);
  for (const [id, r] of Object.entries(config.runbooks)) {
    if (!Object.hasOwn(config.services, r.service))
      out.push(unknownRef(r.service, 'service', services, ['runbooks', id, 'service']));
    checkText(r.title, ['runbooks', id, 'title'], out);
    checkText(r.when, ['runbooks', id, 'when'], out);
    r.steps.forEach((s, i) => {
      checkText(s.do, ['runbooks', id, 'steps', i, 'do'], out);
      contact(s.who, ['runbooks', id, 'steps', i, 'who']);
    });
  }
  for (const channel of COMMUNICATION_CHANNELS) {
    const messages = config.communications?.[channel];
    for (const event of COMMUNICATION_EVENTS) {
      const m = messages?.[event];
      if (!m) continue;
      const at: PathSegment[] = ['communications', channel, event];
      for (const part of ['subject', 'body'] as const) {
        if (m[part] === undefined) continue;
        checkText(m[part], [...at, part], out);
        checkPlaceholders(m[part]!, [...at, part], allowedPlaceholders(channel, event), out);
      }
    }
  }
  const entries = Object.entries(config.suppliers);
  if (entries.length === 0) return;
  // As the components write them (the provider catalogue reads the names later), in any case.
  const providers = providersOf(config);
  const known = new Set(providers.map((p) => p.toLowerCase()));
  for (const [provider, s] of entries) {
    if (!known.has(provider.toLowerCase()))
      out.push({ ...unknownRef(provider, 'provider', providers, ['suppliers', provider]), atKey: true });
    checkText(s.support, ['suppliers', provider, 'support'], out);
  }
}

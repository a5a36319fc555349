/**
 * The communication part of the plan: the ready-to-send messages (the same texts the status page
 * and the alerts use: i18n/crisis.ts), filled with the company and its critical services, times
 * left in brackets; and the suppliers to call, every provider of the map with its declared contact.
 */
import type { Graph } from '../analysis/graph.ts';
import { crisisMessage } from '../i18n/crisis.ts';
import type { MessageView, SupplierView } from '../i18n/documents/plan.ts';
import { type Lang, t } from '../i18n/index.ts';
import { providersOf } from '../model/plan-check.ts';
import type { Config } from '../model/schema.ts';
import { COMMUNICATION_CHANNELS, COMMUNICATION_EVENTS } from '../model/schema-plan.ts';
import { planText } from './words.ts';

export function planMessages(config: Config, lang: Lang, services: readonly string[]): MessageView[] {
  const blank = (key: 'start' | 'next' | 'end') => `[${t(lang, `plan.fill.${key}`)}]`;
  const values = {
    company: config.name,
    services: services.join(', '),
    start: blank('start'),
    next: blank('next'),
    end: blank('end'),
  };
  return COMMUNICATION_CHANNELS.flatMap((channel) =>
    COMMUNICATION_EVENTS.map((event): MessageView => {
      const m = crisisMessage(lang, config.communications, channel, event, values);
      return { channel, event, subject: m.subject, body: m.body, custom: m.custom };
    }),
  );
}

export function planSuppliers(
  config: Config,
  graph: Graph,
  lang: Lang,
  providerId: (name: string) => string,
): SupplierView[] {
  const declared = new Map(
    Object.entries(config.suppliers).map(([k, v]) => [providerId(k).toLowerCase(), v]),
  );
  const byProvider = new Map<string, string[]>();
  for (const c of graph.components) {
    const cid = graph.ids[c]!;
    const spec = config.components[cid]!;
    if (spec.provider) byProvider.set(spec.provider, [...(byProvider.get(spec.provider) ?? []), cid]);
  }
  // The providers one deals with (those components are at), and any other the map declares a contact for.
  const shown = providersOf(config).filter((p) => byProvider.has(p) || declared.has(p.toLowerCase()));
  return shown.map((p) => {
    const s = declared.get(p.toLowerCase());
    return {
      provider: p,
      name: s?.name ?? p,
      declared: s !== undefined,
      ...(s?.support ? { support: planText(s.support, lang) } : {}),
      ...(s?.phone ? { phone: s.phone } : {}),
      ...(s?.email ? { email: s.email } : {}),
      ...(s?.url ? { url: s.url } : {}),
      ...(s?.account ? { account: s.account } : {}),
      components: byProvider.get(p) ?? [],
    };
  });
}

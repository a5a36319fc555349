/**
 * Silences by maintenance window, as Alertmanager's: while a window with `silence` runs, alerts
 * about its services are not sent but recorded as silenced (counted, logged, on the live feed); the
 * incident stays known to the router, so if it is still open when the window ends, the channels
 * that want it are told then (an alert still firing when its silence expires is notified). One
 * that opened and resolved within the window is never sent. A `resolved` alert still goes to the
 * channels told of the incident before the window: it pages nobody and closes what they were told.
 * Pure: which window silences a service now is asked of the caller.
 */
import type { Alert } from './alert.ts';
import type { Delivery } from './alert-router.ts';

/** The id of the maintenance window silencing a service's alerts now, if any. */
export type Silencer = (service: string) => string | undefined;

/** An alert a window silenced: what it was about, which window, and the channels it would have gone to. */
export interface SilencedAlert {
  readonly service: string;
  readonly incident: string;
  readonly kind: Alert['kind'];
  readonly window: string;
  readonly channels: readonly string[];
}

/** Splits deliveries (failover alerts) into those sent and those a window silences (grouped per alert). */
export function silenceDeliveries(
  deliveries: readonly Delivery[],
  silenced: Silencer | undefined,
): { readonly deliveries: Delivery[]; readonly silenced: SilencedAlert[] } {
  if (!silenced) return { deliveries: [...deliveries], silenced: [] };
  const sent: Delivery[] = [];
  const held = new Map<string, { alert: Alert; window: string; channels: string[] }>();
  for (const d of deliveries) {
    const window = d.alert.kind === 'resolved' ? undefined : silenced(d.alert.service);
    if (window === undefined) {
      sent.push(d);
      continue;
    }
    const entry = held.get(d.alert.key) ?? { alert: d.alert, window, channels: [] };
    entry.channels.push(d.channel);
    held.set(d.alert.key, entry);
  }
  return {
    deliveries: sent,
    silenced: [...held.values()].map(({ alert, window, channels }) => ({
      service: alert.service,
      incident: alert.incident,
      kind: alert.kind,
      window,
      channels,
    })),
  };
}

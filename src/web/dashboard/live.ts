/**
 * The live feed (GET /api/v1/events) as the dashboard follows it: the browser's EventSource, which
 * reconnects by itself with Last-Event-ID; when the server ends the stream with an error (a
 * restart, too many streams) it is opened again after a growing pause (1 s, doubling, at most
 * 30 s) from the last id seen, so nothing is missed, or a `reset` says to reload the state.
 */
export type LiveState = 'open' | 'connecting' | 'closed';

export const EVENT_TYPES = [
  'state',
  'incident-opened',
  'incident-worsened',
  'incident-resolved',
  'incident-update',
  'maintenance-saved',
  'maintenance-deleted',
  'maintenance-started',
  'maintenance-ended',
  'alert-silenced',
  'switch',
  'backup-started',
  'backup-finished',
  'backup-run-failed',
  'backup-verify-failed',
  'backup-breach',
  'backup-recovered',
  'backup-missed',
  'reset',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const MAX_PAUSE_MS = 30_000;

export function followLive(
  onEvent: (type: EventType, data: unknown) => void,
  onState: (state: LiveState) => void,
  /** Asked before opening again after the server closed the stream: false stops (the session is over). */
  stillAllowed: () => Promise<boolean>,
): () => void {
  let source: EventSource | undefined;
  let lastId: string | undefined;
  let pause = 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const open = () => {
    if (stopped) return;
    onState('connecting');
    const url = `api/v1/events${lastId ? `?lastEventId=${encodeURIComponent(lastId)}` : ''}`;
    const es = new EventSource(url, { withCredentials: false });
    source = es;
    es.onopen = () => {
      pause = 1000;
      onState('open');
    };
    for (const type of EVENT_TYPES) {
      es.addEventListener(type, (e) => {
        const m = e as MessageEvent<string>;
        if (m.lastEventId) lastId = m.lastEventId;
        let data: unknown;
        try {
          data = JSON.parse(m.data);
        } catch {
          data = undefined;
        }
        onEvent(type, data);
      });
    }
    es.onerror = () => {
      if (es.readyState === EventSource.CONNECTING) {
        onState('connecting');
        return;
      }
      es.close();
      onState('closed');
      timer = setTimeout(async () => {
        if (stopped) return;
        if (!(await stillAllowed().catch(() => true))) return;
        open();
      }, pause);
      pause = Math.min(MAX_PAUSE_MS, pause * 2);
    };
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}

/**
 * The dashboard: the login until a session is open, then the header (sections, live feed state,
 * language, logout) and the section shown (from the address's #fragment). The live state comes
 * from GET /api/v1/status, kept current by the event stream (a state change colours its box at
 * once; the full state is read again a moment later for the details).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiFailure, call, get, setApiLang, setCsrf, whenUnauthorized } from './api.ts';
import { initialLang, keepLang, type Lang, type T, translator } from './i18n.ts';
import { followLive, type LiveState } from './live.ts';
import type { FailoverGroup, Layout, MapJson, Session, Status, SwitchRecord, Transition } from './types.ts';
import { useData, useEvery } from './use-data.ts';
import { Analysis } from './views/analysis.tsx';
import { Backups } from './views/backups.tsx';
import { Checks } from './views/checks.tsx';
import { Failover } from './views/failover.tsx';
import { Incidents } from './views/incidents.tsx';
import { Login } from './views/login.tsx';
import { Maintenance } from './views/maintenance.tsx';
import { MapPage } from './views/map-page.tsx';
import { Failure, Loading } from './views/parts.tsx';
import { Plan } from './views/plan.tsx';
import { Simulator } from './views/simulator.tsx';

const VIEWS = [
  'map',
  'simulate',
  'failover',
  'backups',
  'checks',
  'incidents',
  'maintenance',
  'analysis',
  'plan',
] as const;
type View = (typeof VIEWS)[number];

const viewOf = (hash: string): View => VIEWS.find((v) => `#${v}` === hash) ?? 'map';

function LangSwitch({ lang, t, onLang }: { lang: Lang; t: T; onLang: (l: Lang) => void }) {
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  return (
    <button type="button" class="lang" lang={other} data-lang={other} onClick={() => onLang(other)}>
      {t('dash.lang.switch')}
    </button>
  );
}

/** Switch records the live feed brought, per group, newest first (a record saved again replaces itself). */
export type LiveSwitches = ReadonlyMap<string, readonly SwitchRecord[]>;

function withSwitch(live: LiveSwitches, r: SwitchRecord): LiveSwitches {
  const kept = (live.get(r.group) ?? []).filter((x) => x.id !== r.id);
  const next = new Map(live);
  next.set(r.group, [r, ...kept].sort((a, b) => b.decidedAt - a.decidedAt).slice(0, 20));
  return next;
}

/** A state change applied to the status, before the full state is read again. */
function applied(status: Status, c: Transition): Status {
  if (c.type === 'check')
    return { ...status, checks: status.checks.map((x) => (x.id === c.id ? { ...x, state: c.to } : x)) };
  if (c.type === 'component') {
    const known = status.components.some((x) => x.id === c.id);
    const components = known
      ? status.components.map((x) => (x.id === c.id ? { ...x, state: c.to } : x))
      : [...status.components, { id: c.id, state: c.to }];
    return { ...status, components };
  }
  const known = status.services.some((x) => x.id === c.id);
  const services = known
    ? status.services.map((x) => (x.id === c.id ? { ...x, state: c.to } : x))
    : [...status.services, { id: c.id, state: c.to, cause: null }];
  return { ...status, services };
}

function Dashboard({
  t,
  lang,
  onLang,
  onLogout,
}: {
  t: T;
  lang: Lang;
  onLang: (l: Lang) => void;
  onLogout: () => void;
}) {
  const [view, setView] = useState<View>(viewOf(location.hash));
  useEffect(() => {
    const follow = () => setView(viewOf(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  const layout = useData(() => get<Layout>(`/api/v1/dashboard/layout?lang=${lang}`), [lang]);
  const map = useData(() => get<MapJson>('/api/v1/map'), []);
  const [status, setStatus] = useState<Status | undefined>(undefined);
  const [statusError, setStatusError] = useState<ApiFailure | undefined>(undefined);
  const [groups, setGroups] = useState<readonly FailoverGroup[] | undefined>(undefined);
  const [switches, setSwitches] = useState<LiveSwitches>(new Map());
  const [live, setLive] = useState<LiveState>('connecting');
  const [versions, setVersions] = useState({ incidents: 0, maintenance: 0, checks: 0, backups: 0 });
  const refresh = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const loadStatus = useCallback(() => {
    get<Status>('/api/v1/status').then(
      (s) => {
        setStatus(s);
        setStatusError(undefined);
      },
      (e: unknown) => setStatusError(e as ApiFailure),
    );
  }, []);
  const loadGroups = useCallback(() => {
    get<{ groups: FailoverGroup[] }>('/api/v1/failover').then(
      (g) => setGroups(g.groups),
      () => {},
    );
  }, []);
  const soon = useCallback(() => {
    clearTimeout(refresh.current);
    refresh.current = setTimeout(() => {
      loadStatus();
      loadGroups();
    }, 700);
  }, [loadStatus, loadGroups]);

  useEffect(() => {
    loadStatus();
    loadGroups();
    const stop = followLive(
      (type, data) => {
        if (type === 'state') {
          setStatus((s) => (s ? applied(s, data as Transition) : s));
          setVersions((v) => ({ ...v, checks: v.checks + 1 }));
          soon();
        } else if (type === 'switch') {
          const r = data as SwitchRecord | undefined;
          if (r && typeof r.group === 'string' && typeof r.id === 'string')
            setSwitches((l) => withSwitch(l, r));
          loadGroups();
        } else if (type === 'reset') soon();
        else if (type.startsWith('incident-')) setVersions((v) => ({ ...v, incidents: v.incidents + 1 }));
        else if (type.startsWith('backup-')) setVersions((v) => ({ ...v, backups: v.backups + 1 }));
        else if (type.startsWith('maintenance-'))
          setVersions((v) => ({ ...v, maintenance: v.maintenance + 1 }));
      },
      (s) => {
        setLive(s);
        // Back after a gap: what changed meanwhile is replayed, or a reset is sent; read anyway.
        if (s === 'open') soon();
      },
      async () => {
        try {
          await get<Session>('/api/v1/session');
          return true;
        } catch (e) {
          return !(e instanceof ApiFailure && e.status === 401);
        }
      },
    );
    return () => {
      stop();
      clearTimeout(refresh.current);
    };
  }, [loadStatus, loadGroups, soon]);
  // Failover groups change without a state change (a pin, a drain): read them every 5 s.
  useEvery(5000, loadGroups);

  const logout = async () => {
    try {
      await call('DELETE', '/api/v1/session');
    } catch {
      // ended anyway on this side
    }
    onLogout();
  };

  let body: preact.ComponentChildren;
  if (layout.error) body = <Failure t={t} error={layout.error} retry={layout.reload} />;
  else if (map.error) body = <Failure t={t} error={map.error} retry={map.reload} />;
  else if (!layout.data || !map.data) body = <Loading t={t} />;
  else if (view === 'map')
    body = <MapPage layout={layout.data} status={status} groups={groups ?? []} t={t} lang={lang} />;
  else if (view === 'simulate') body = <Simulator layout={layout.data} map={map.data} t={t} lang={lang} />;
  else if (view === 'failover')
    body = (
      <Failover
        groups={groups}
        live={switches}
        checks={status?.checks ?? []}
        map={map.data}
        onChanged={loadGroups}
        t={t}
        lang={lang}
      />
    );
  else if (view === 'backups') body = <Backups version={versions.backups} t={t} lang={lang} />;
  else if (view === 'checks') body = <Checks version={versions.checks} t={t} lang={lang} />;
  else if (view === 'incidents') body = <Incidents version={versions.incidents} t={t} lang={lang} />;
  else if (view === 'maintenance')
    body = (
      <Maintenance
        services={Object.keys(map.data.services)}
        version={versions.maintenance}
        t={t}
        lang={lang}
      />
    );
  else if (view === 'plan') body = <Plan t={t} lang={lang} />;
  else body = <Analysis t={t} lang={lang} />;

  return (
    <>
      <header class="top">
        <p class="brand">
          Bascule <span class="map-name">{status?.name ?? ''}</span>
        </p>
        <nav aria-label={t('dash.nav.label')}>
          <ul>
            {VIEWS.map((v) => (
              <li key={v}>
                <a href={`#${v}`} aria-current={view === v ? 'page' : undefined}>
                  {t(`dash.nav.${v}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="tools">
          <span class={`live live-${live}`} role="status" data-live={live}>
            <span aria-hidden="true">{live === 'open' ? '●' : live === 'connecting' ? '◌' : '○'}</span>{' '}
            {t(
              live === 'open'
                ? 'dash.live.open'
                : live === 'connecting'
                  ? 'dash.live.connecting'
                  : 'dash.live.closed',
            )}
          </span>
          <LangSwitch lang={lang} t={t} onLang={onLang} />
          <button type="button" class="secondary" onClick={logout}>
            {t('dash.logout')}
          </button>
        </div>
      </header>
      <main id="main">
        {statusError ? <Failure t={t} error={statusError} retry={loadStatus} /> : null}
        {body}
      </main>
    </>
  );
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const t = useMemo(() => translator(lang), [lang]);
  const [auth, setAuth] = useState<'checking' | 'out' | 'in'>('checking');
  const [expired, setExpired] = useState(false);
  setApiLang(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('dash.title');
  }, [lang, t]);
  useEffect(() => {
    whenUnauthorized(() => {
      setCsrf(undefined);
      setExpired(true);
      setAuth('out');
    });
    get<Session>('/api/v1/session').then(
      (s) => {
        setCsrf(s.csrf ?? undefined);
        setAuth('in');
      },
      () => setAuth('out'),
    );
  }, []);
  const onLang = (l: Lang) => {
    keepLang(l);
    setLang(l);
  };
  if (auth === 'checking') return <Loading t={t} />;
  if (auth === 'out')
    return (
      <Login
        t={t}
        expired={expired}
        langSwitch={<LangSwitch lang={lang} t={t} onLang={onLang} />}
        onLoggedIn={(csrf) => {
          setCsrf(csrf);
          setExpired(false);
          setAuth('in');
        }}
      />
    );
  return (
    <Dashboard
      t={t}
      lang={lang}
      onLang={onLang}
      onLogout={() => {
        setCsrf(undefined);
        setExpired(false);
        setAuth('out');
      }}
    />
  );
}

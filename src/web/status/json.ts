/**
 * The status page's JSON (`/status/status.json`): the services shown under their public ids and
 * names, and their incidents with their public updates; built field by field from the view.
 */
import type { Lang } from '../../i18n/index.ts';
import type { State } from '../../monitor/types.ts';
import { plain, updateWords } from './html.ts';
import type { PublicStatus } from './input.ts';
import type { IncidentView, StatusView } from './view.ts';

export interface StatusPageJson {
  readonly title: string;
  readonly updatedAt: string;
  readonly lang: Lang;
  readonly services: readonly {
    readonly id: string;
    readonly name: string;
    readonly state: State;
    readonly maintenance: boolean;
    /** Over 90 days, 0 to 1; null without data. */
    readonly uptime: number | null;
  }[];
  readonly incidents: readonly {
    readonly id: string;
    readonly service: string;
    readonly status: PublicStatus;
    readonly worst: 'DOWN' | 'DEGRADED';
    readonly openedAt: string;
    readonly closedAt: string | null;
    readonly updates: readonly {
      readonly at: string;
      readonly status: PublicStatus;
      readonly message: string;
    }[];
  }[];
  readonly maintenance: readonly {
    readonly id: string;
    readonly title: string;
    readonly services: readonly string[];
    readonly start: string;
    readonly end: string;
    readonly active: boolean;
  }[];
}

const iso = (at: number) => new Date(at).toISOString();

function incident(lang: Lang, i: IncidentView): StatusPageJson['incidents'][number] {
  return {
    id: i.id,
    service: i.publicId,
    status: i.status,
    worst: i.worst,
    openedAt: iso(i.openedAt),
    closedAt: i.closedAt === undefined ? null : iso(i.closedAt),
    updates: i.updates.map((u) => ({
      at: iso(u.at),
      status: u.status,
      message: updateWords(lang, i, u).text,
    })),
  };
}

export function statusPageJson(view: StatusView, lang: Lang): StatusPageJson {
  return {
    title: plain(view.title, lang),
    updatedAt: iso(view.at),
    lang,
    services: view.services.map((s) => ({
      id: s.publicId,
      name: plain(s.name, lang),
      state: s.state,
      maintenance: s.maintenance,
      uptime: s.upRatio,
    })),
    incidents: [...view.active, ...view.past].map((i) => incident(lang, i)),
    maintenance: view.maintenance.map((m) => ({
      id: m.id,
      title: plain(m.title, lang),
      services: m.services.map((s) => s.publicId),
      start: iso(m.start),
      end: iso(m.end),
      active: m.active,
    })),
  };
}

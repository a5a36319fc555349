/**
 * The map `bascule demo` writes to its temporary directory and runs (the file it tells people to
 * read): a shop whose `api` runs at two providers, each a local backend, probed every interval,
 * behind the built-in proxy and DNS. Its parameters, and its English and French templates.
 */

import { en } from './demo-map/en.ts';
import { fr } from './demo-map/fr.ts';
import type { Document } from './document.ts';

/** One provider's endpoint: its name (`aws`) and where its backend listens (`127.0.0.2:41234`). */
export interface DemoEndpoint {
  readonly name: string;
  readonly address: string;
}

export interface DemoMap {
  /** The preferred endpoint (aws), then the standby (gcp). */
  readonly primary: DemoEndpoint;
  readonly secondary: DemoEndpoint;
  /** Durations as the map writes them (`1s`, `500ms`, `10s`). */
  readonly interval: string;
  readonly timeout: string;
  readonly failAfter: number;
  readonly failbackAfter: string;
  readonly minHold: string;
  /** `host:port` of the proxy, the built-in DNS and the API. */
  readonly proxy: string;
  readonly dns: string;
  readonly api: string;
  /** The zone the DNS answers for, and the failover name in it (`api`). */
  readonly zone: string;
  readonly name: string;
  readonly ttl: number;
}

export const demoMap: Document<DemoMap> = { en, fr };

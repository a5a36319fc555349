/** The demo's map in English. */

import type { DemoMap } from '../demo-map.ts';
import type { Template } from '../document.ts';

export const en: Template<DemoMap> = (m, h) =>
  h.lines(
    '# The map `bascule demo` runs: a small shop whose api runs at two providers. Each "provider" is',
    '# a small HTTP server the demo started on this machine; Bascule probes both, and its own proxy',
    '# and DNS send the traffic to the preferred one that is healthy. The demo deletes this file',
    '# when it stops. The same keys work in your own bascule.yaml: docs/failover.md.',
    'version: 1',
    'name: Demo shop',
    'lang: en',
    '',
    'services:',
    '  api:',
    '    criticality: critical',
    '    rto: 1m',
    `    dependsOn: [api-${m.primary.name}, api-${m.secondary.name}]   # one of them is enough: the failover group below makes them redundant`,
    '',
    'components:',
    `  api-${m.primary.name}: {provider: aws, region: eu-west-3, kind: compute}      # the preferred provider`,
    `  api-${m.secondary.name}: {provider: gcp, region: europe-west9, kind: compute}   # the standby, elsewhere`,
    '',
    'checks:',
    ...[m.primary, m.secondary].flatMap((e, i) => [
      `  api-${e.name}:`,
      `    component: api-${e.name}`,
      `    http: http://${e.address}/`,
      i === 0
        ? `${`    interval: ${m.interval}`.padEnd(32)}# between two probes (30s when not given; short for the demo)`
        : `    interval: ${m.interval}`,
      `    timeout: ${m.timeout}`,
      i === 0
        ? `${`    failAfter: ${m.failAfter}`.padEnd(32)}# ${m.failAfter} failed probes in a row: DOWN`
        : `    failAfter: ${m.failAfter}`,
      '    recoverAfter: 1',
    ]),
    '',
    'failover:',
    '  api:',
    '    service: api',
    '    endpoints:                     # in order of preference',
    `      - {name: ${m.primary.name}, address: ${m.primary.address}, check: api-${m.primary.name}}`,
    `      - {name: ${m.secondary.name}, address: ${m.secondary.address}, check: api-${m.secondary.name}}`,
    `    policy: {failback: auto, failbackAfter: ${m.failbackAfter}, minHold: ${m.minHold}}   # back to ${m.primary.name} once healthy for ${m.failbackAfter} (60s when not given)`,
    `    proxy: {listen: ${m.proxy}}   # Bascule's reverse proxy: clients talk to it`,
    `    dns: {zone: ${m.zone}, name: ${m.name}, ttl: ${m.ttl}}   # ${m.name}.${m.zone} answers the active endpoint's address`,
    '',
    'statusPage:                       # the public status page at /status: only what `show` lists, under its public name',
    '  title: Demo shop — service status',
    '  show:',
    '    api: {name: Online shop API}',
    '',
    'runtime:',
    `  listen: ${m.api}          # the API, the dashboard (/) and the status page (/status)`,
    '  dataDir: data                    # the SQLite history and the operator token (data/operator.token)',
    `  dns: {listen: ${m.dns}}   # Bascule's own DNS server, UDP and TCP`,
  );

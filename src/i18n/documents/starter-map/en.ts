/** The starter map in English. */
import type { Template } from '../document.ts';
import { placementLines, type StarterMap } from '../starter-map.ts';

export const en: Template<StarterMap> = (m, h) =>
  h.lines(
    '# Bascule resilience map, written by `bascule init`. Check it with `bascule validate`,',
    '# then run `bascule analyze`. Reference: docs/model.md, or `bascule schema` for editors.',
    '',
    'version: 1',
    `name: ${JSON.stringify(m.name)}`,
    '# The language Bascule speaks for this map (unless --lang or a locale names one).',
    'lang: en',
    '',
    '# What your customers see. criticality: critical | high | medium | low.',
    'services:',
    m.services.flatMap((s) => [
      `  ${s.id}:`,
      `    criticality: ${s.criticality}`,
      '    rto: 1h   # Recovery time objective: the longest acceptable outage (30s, 15m, 4h, 2d).',
      '    rpo: 15m  # Recovery point objective: how much data you may lose.',
      `    dependsOn: [${s.dependsOn.join(', ')}]`,
    ]),
    '',
    '# What runs your services, and what it runs on.',
    'components:',
    m.apps.flatMap((a) => [
      `  ${a.id}:   # Replace with what really runs it (ec2, ecs, a VPS...).`,
      ...placementLines(a.placement, '    '),
      '    kind: compute',
      '    dependsOn: [db, dns]',
    ]),
    '  db:   # One database is a single point of failure; declare a replica with anyOf: [db, db-replica].',
    placementLines(m.db, '    '),
    '    kind: database',
    '  dns:   # Your DNS: if it sits on the provider you fail over from, failover cannot happen.',
    placementLines(m.dns, '    '),
    '    kind: dns',
    m.suppliers.flatMap((s) => [
      `  ${s.id}:   # A supplier. runsOn: where it runs itself, when known, so its outages become yours.`,
      `    provider: ${s.id}`,
      `    kind: ${s.kind}`,
      ...(s.runsOn ? [`    runsOn: [${s.runsOn}]   # assumed: check your supplier’s documentation`] : []),
    ]),
    '',
    '# External checks (see docs/model.md). Run them from outside the providers above.',
    '# checks:',
    `#   ${m.checked}:`,
    `#     service: ${m.checked}`,
    '#     http: https://www.example.com/health',
    '#     interval: 30s',
  );

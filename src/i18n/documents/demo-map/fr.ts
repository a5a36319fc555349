/** La carte de la démo, en français. */

import type { DemoMap } from '../demo-map.ts';
import type { Template } from '../document.ts';

export const fr: Template<DemoMap> = (m, h) =>
  h.lines(
    '# La carte que fait tourner `bascule demo` : une petite boutique dont l’api tourne chez deux',
    '# fournisseurs. Chaque « fournisseur » est un petit serveur HTTP que la démo a lancé sur cette',
    '# machine ; Bascule sonde les deux, et son propre proxy et son DNS envoient le trafic au',
    '# préféré qui est en bonne santé. La démo supprime ce fichier quand elle s’arrête. Les mêmes',
    '# clés servent dans votre propre bascule.yaml : docs/failover.md.',
    'version: 1',
    'name: Boutique de démo',
    'lang: fr',
    '',
    'services:',
    '  api:',
    '    criticality: critical',
    '    rto: 1m',
    `    dependsOn: [api-${m.primary.name}, api-${m.secondary.name}]   # un seul suffit : le groupe de bascule plus bas les rend redondants`,
    '',
    'components:',
    `  api-${m.primary.name}: {provider: aws, region: eu-west-3, kind: compute}      # le fournisseur préféré`,
    `  api-${m.secondary.name}: {provider: gcp, region: europe-west9, kind: compute}   # le secours, ailleurs`,
    '',
    'checks:',
    ...[m.primary, m.secondary].flatMap((e, i) => [
      `  api-${e.name}:`,
      `    component: api-${e.name}`,
      `    http: http://${e.address}/`,
      i === 0
        ? `${`    interval: ${m.interval}`.padEnd(32)}# entre deux sondes (30s par défaut ; court pour la démo)`
        : `    interval: ${m.interval}`,
      `    timeout: ${m.timeout}`,
      i === 0
        ? `${`    failAfter: ${m.failAfter}`.padEnd(32)}# ${m.failAfter} sondes en échec d’affilée : DOWN`
        : `    failAfter: ${m.failAfter}`,
      '    recoverAfter: 1',
    ]),
    '',
    'failover:',
    '  api:',
    '    service: api',
    '    endpoints:                     # par ordre de préférence',
    `      - {name: ${m.primary.name}, address: ${m.primary.address}, check: api-${m.primary.name}}`,
    `      - {name: ${m.secondary.name}, address: ${m.secondary.address}, check: api-${m.secondary.name}}`,
    `    policy: {failback: auto, failbackAfter: ${m.failbackAfter}, minHold: ${m.minHold}}   # retour vers ${m.primary.name} après ${m.failbackAfter} de bonne santé (60s par défaut)`,
    `    proxy: {listen: ${m.proxy}}   # le proxy inverse de Bascule : les clients passent par lui`,
    `    dns: {zone: ${m.zone}, name: ${m.name}, ttl: ${m.ttl}}   # ${m.name}.${m.zone} renvoie l’adresse du point d’accès actif`,
    '',
    'statusPage:                       # la page de statut publique sur /status : seulement ce que `show` liste, sous son nom public',
    '  title: Boutique de démo — état des services',
    '  show:',
    '    api: {name: API de la boutique en ligne}',
    '',
    'runtime:',
    `  listen: ${m.api}          # l’API, le tableau de bord (/) et la page de statut (/status)`,
    '  dataDir: data                    # l’historique SQLite et le jeton opérateur (data/operator.token)',
    `  dns: {listen: ${m.dns}}   # le serveur DNS de Bascule, en UDP et TCP`,
  );

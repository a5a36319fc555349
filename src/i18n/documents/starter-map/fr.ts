/** La carte de départ, en français. */
import type { Template } from '../document.ts';
import { placementLines, type StarterMap } from '../starter-map.ts';

export const fr: Template<StarterMap> = (m, h) =>
  h.lines(
    '# Carte de résilience Bascule, écrite par `bascule init`. Vérifiez-la avec `bascule validate`,',
    '# puis lancez `bascule analyze`. Référence : docs/model.md, ou `bascule schema` pour les éditeurs.',
    '',
    'version: 1',
    `name: ${JSON.stringify(m.name)}`,
    '# La langue de Bascule pour cette carte (sauf --lang ou une locale qui en nomme une).',
    'lang: fr',
    '',
    '# Ce que voient vos clients. criticality : critical | high | medium | low.',
    'services:',
    m.services.flatMap((s) => [
      `  ${s.id}:`,
      `    criticality: ${s.criticality}`,
      '    rto: 1h   # Durée maximale d’interruption admissible (30s, 15m, 4h, 2d).',
      '    rpo: 15m  # Perte de données maximale admissible.',
      `    dependsOn: [${s.dependsOn.join(', ')}]`,
    ]),
    '',
    '# Ce qui fait tourner vos services, et sur quoi.',
    'components:',
    m.apps.flatMap((a) => [
      `  ${a.id}:   # À remplacer par ce qui le fait réellement tourner (ec2, ecs, un VPS...).`,
      ...placementLines(a.placement, '    '),
      '    kind: compute',
      '    dependsOn: [db, dns]',
    ]),
    '  db:   # Une seule base est un point unique de défaillance ; déclarez un réplica avec anyOf: [db, db-replica].',
    placementLines(m.db, '    '),
    '    kind: database',
    '  dns:   # Votre DNS : s’il est chez le fournisseur que vous quittez en cas de panne, la bascule est impossible.',
    placementLines(m.dns, '    '),
    '    kind: dns',
    m.suppliers.flatMap((s) => [
      `  ${s.id}:   # Un fournisseur. runsOn : où il tourne lui-même, s’il est connu, car ses pannes deviennent les vôtres.`,
      `    provider: ${s.id}`,
      `    kind: ${s.kind}`,
      ...(s.runsOn
        ? [`    runsOn: [${s.runsOn}]   # hypothèse : à vérifier dans la documentation du fournisseur`]
        : []),
    ]),
    '',
    '# Vérifications externes (voir docs/model.md). Lancez-les hors des fournisseurs ci-dessus.',
    '# checks:',
    `#   ${m.checked}:`,
    `#     service: ${m.checked}`,
    '#     http: https://www.example.com/health',
    '#     interval: 30s',
  );

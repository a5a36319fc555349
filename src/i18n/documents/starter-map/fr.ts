/** La carte de départ, en français. */
import { deFr } from '../../words.ts';
import type { Template } from '../document.ts';
import { listText, placeText, type StarterComponent, type StarterMap, yamlText } from '../starter-map.ts';

function component(c: StarterComponent): string[] {
  const assumed = (field: StarterComponent['assumed'][number]) => c.assumed.includes(field);
  const provider = c.providerName ?? c.provider;
  return [
    c.role === 'host'
      ? `  ${c.id}:   # Ce qui fait tourner « ${c.of} ».`
      : `  ${c.id}:   # Un fournisseur : ses pannes deviennent les vôtres.`,
    ...(c.name ? [`    name: ${JSON.stringify(c.name)}`] : []),
    `    provider: ${yamlText(c.provider)}${
      assumed('provider')
        ? '   # supposé : un exemple ; indiquez où tourne le vôtre'
        : c.providerName
          ? `   # ${c.providerName}`
          : ''
    }`,
    ...(c.region ? [`    region: ${c.region}${assumed('region') ? '   # supposé : un exemple' : ''}`] : []),
    ...(c.regionMissing
      ? [
          `    # region: ?   # Inconnue : ajoutez-la, sinon les pannes d’une région ${deFr(provider)} ne peuvent pas être vérifiées pour ce composant.`,
        ]
      : []),
    `    kind: ${yamlText(c.kind)}${
      assumed('kind')
        ? c.kind === 'saas'
          ? '   # supposé : un service en ligne ; précisez lequel (email, office-suite, storage…)'
          : '   # supposé : un serveur ; à changer (database, storage…) si ce n’en est pas un'
        : ''
    }`,
    ...(c.runsOnFrom === 'catalogue'
      ? [
          `    runsOn: [${c.runsOn.map(placeText).join(', ')}]   # supposé : d’après le catalogue des fournisseurs, ${provider} tourne sur ${c.hostedOn.map((h) => h.name).join(' et ')}`,
        ]
      : c.runsOnFrom === 'answer'
        ? [`    runsOn: [${c.runsOn.map(placeText).join(', ')}]   # Où il tourne lui-même, d’après vous.`]
        : c.runsOnFrom === 'unknown'
          ? [
              '    # runsOn: [{provider: aws, region: us-east-1}]   # Où il tourne lui-même, si sa documentation le dit (sa liste de sous-traitants).',
            ]
          : []),
    ...(c.assumed.length > 0 ? [`    assumed: ${listText(c.assumed)}`] : []),
    ...(c.unused
      ? [`    # Aucun service ne l’utilise encore : ajoutez ${c.id} au dependsOn de ceux qui s’en servent.`]
      : []),
  ];
}

export const fr: Template<StarterMap> = (m, h) => {
  const lines: (string | false | readonly string[])[] = [
    '# Carte de résilience Bascule, écrite par `bascule init`. Vérifiez-la avec `bascule validate`,',
    '# puis lancez `bascule analyze`. Référence : docs/model.md, ou `bascule schema` pour les éditeurs.',
    '# Rien n’y est inventé : ce qui n’est pas connu est laissé de côté ou en commentaire, et ce qui',
    '# est supposé est listé sous `assumed:` (l’analyse dit quels constats en dépendent). Retirez un',
    '# champ d’`assumed` une fois que vous l’avez vérifié.',
    m.example && [
      '# Ceci est un exemple (`bascule init --yes`) : mettez à la place vos services, ce sur quoi ils',
      '# tournent et vos fournisseurs, ou lancez `bascule init --force` dans un terminal pour répondre aux questions.',
    ],
    '',
    'version: 1',
    `name: ${JSON.stringify(m.name)}`,
    '# La langue de Bascule pour cette carte (sauf --lang ou une locale qui en nomme une).',
    'lang: fr',
    '',
    '# Ce qu’utilisent vos clients. criticality : critical | high | medium (par défaut) | low.',
    'services:',
    m.services.flatMap((s) => [
      `  ${s.id}:`,
      ...(s.name ? [`    name: ${JSON.stringify(s.name)}`] : []),
      '    criticality: medium',
      '    # rto: 4h    # Durée maximale d’interruption admissible (30s, 15m, 4h, 2d).',
      '    # rpo: 15m   # Perte de données maximale admissible.',
      `    dependsOn: ${listText(s.dependsOn)}`,
      ...(s.hostKnown
        ? []
        : [
            '    # Ce sur quoi il tourne n’est pas encore connu : ajoutez ce composant plus bas et listez-le dans dependsOn.',
          ]),
    ]),
    '',
    '# Ce qui fait tourner vos services, et les fournisseurs qu’ils utilisent.',
    m.components.length === 0 ? 'components: {}' : 'components:',
    m.components.flatMap(component),
  ];
  if (m.checked)
    lines.push(
      '',
      '# Vérifications externes (voir docs/model.md). Lancez-les hors des fournisseurs ci-dessus.',
      '# checks:',
      `#   ${m.checked}:`,
      `#     service: ${m.checked}`,
      '#     http: https://www.example.com/health',
      '#     interval: 30s',
    );
  return h.lines(...lines);
};

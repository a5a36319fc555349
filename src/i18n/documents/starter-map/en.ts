/** The starter map in English. */
import type { Template } from '../document.ts';
import { listText, placeText, type StarterComponent, type StarterMap, yamlText } from '../starter-map.ts';

function component(c: StarterComponent): string[] {
  const assumed = (field: StarterComponent['assumed'][number]) => c.assumed.includes(field);
  const provider = c.providerName ?? c.provider;
  return [
    c.role === 'host'
      ? `  ${c.id}:   # What runs ${JSON.stringify(c.of)}.`
      : `  ${c.id}:   # A supplier: its outages become yours.`,
    ...(c.name ? [`    name: ${JSON.stringify(c.name)}`] : []),
    `    provider: ${yamlText(c.provider)}${
      assumed('provider')
        ? '   # assumed: an example; write where yours runs'
        : c.providerName
          ? `   # ${c.providerName}`
          : ''
    }`,
    ...(c.region ? [`    region: ${c.region}${assumed('region') ? '   # assumed: an example' : ''}`] : []),
    ...(c.regionMissing
      ? [
          `    # region: ?   # Not known: add it, or outages of one ${provider} region cannot be checked against it.`,
        ]
      : []),
    `    kind: ${yamlText(c.kind)}${
      assumed('kind')
        ? c.kind === 'saas'
          ? '   # assumed: an online service; say which (email, office-suite, storage…)'
          : '   # assumed: a server; change it (database, storage…) if that is not what it is'
        : ''
    }`,
    ...(c.runsOnFrom === 'catalogue'
      ? [
          `    runsOn: [${c.runsOn.map(placeText).join(', ')}]   # assumed: the provider catalogue says ${provider} runs on ${c.hostedOn.map((h) => h.name).join(' and ')}`,
        ]
      : c.runsOnFrom === 'answer'
        ? [`    runsOn: [${c.runsOn.map(placeText).join(', ')}]   # Where it runs itself, as you said.`]
        : c.runsOnFrom === 'unknown'
          ? [
              '    # runsOn: [{provider: aws, region: us-east-1}]   # Where it runs itself, if its documentation says (its list of sub-processors).',
            ]
          : []),
    ...(c.assumed.length > 0 ? [`    assumed: ${listText(c.assumed)}`] : []),
    ...(c.unused ? [`    # No service uses it yet: add ${c.id} to the dependsOn of those that do.`] : []),
  ];
}

export const en: Template<StarterMap> = (m, h) => {
  const lines: (string | false | readonly string[])[] = [
    '# Bascule resilience map, written by `bascule init`. Check it with `bascule validate`,',
    '# then run `bascule analyze`. Reference: docs/model.md, or `bascule schema` for editors.',
    '# Nothing here is made up: what is not known is left out or in a comment, and what is assumed',
    '# is listed under `assumed:` (the analysis says which findings rest on it). Take a field out of',
    '# `assumed` once you have checked it.',
    m.example && [
      '# This is an example (`bascule init --yes`): put your own services, what they run on and your',
      '# suppliers in place of these, or run `bascule init --force` in a terminal to answer its questions.',
    ],
    '',
    'version: 1',
    `name: ${JSON.stringify(m.name)}`,
    '# The language Bascule speaks for this map (unless --lang or a locale names one).',
    'lang: en',
    '',
    '# What your customers use. criticality: critical | high | medium (the default) | low.',
    'services:',
    m.services.flatMap((s) => [
      `  ${s.id}:`,
      ...(s.name ? [`    name: ${JSON.stringify(s.name)}`] : []),
      '    criticality: medium',
      '    # rto: 4h    # Recovery time objective: the longest acceptable outage (30s, 15m, 4h, 2d).',
      '    # rpo: 15m   # Recovery point objective: how much data you may lose.',
      `    dependsOn: ${listText(s.dependsOn)}`,
      ...(s.hostKnown
        ? []
        : ['    # What it runs on is not known yet: add that component below and list it in dependsOn.']),
    ]),
    '',
    '# What runs your services, and the suppliers they use.',
    m.components.length === 0 ? 'components: {}' : 'components:',
    m.components.flatMap(component),
  ];
  if (m.checked)
    lines.push(
      '',
      '# External checks (see docs/model.md). Run them from outside the providers above.',
      '# checks:',
      `#   ${m.checked}:`,
      `#     service: ${m.checked}`,
      '#     http: https://www.example.com/health',
      '#     interval: 30s',
    );
  return h.lines(...lines);
};

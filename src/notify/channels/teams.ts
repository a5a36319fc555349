/**
 * Microsoft Teams through a Workflows (Power Automate) webhook: a message with one Adaptive Card 1.4
 * attachment (title coloured by state, the text, and facts).
 */

import { teamsKind } from '../../model/channels/teams.ts';
import { type Alert, type ChannelPlugin, channelPlugin } from '../alert.ts';
import { post } from './post.ts';

const COLOR = { DOWN: 'attention', DEGRADED: 'warning', UP: 'good', UNKNOWN: 'default' } as const;

export function teamsBody(alert: Alert): string {
  return JSON.stringify({
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: alert.title,
              weight: 'Bolder',
              size: 'Medium',
              wrap: true,
              color: alert.kind === 'test' ? 'accent' : COLOR[alert.state],
            },
            { type: 'TextBlock', text: alert.text, wrap: true },
            {
              type: 'FactSet',
              facts: [
                { title: 'Service', value: alert.service },
                { title: 'State', value: alert.state },
                { title: 'Key', value: alert.key },
              ],
            },
          ],
        },
      },
    ],
  });
}

export const teams: ChannelPlugin<'teams'> = channelPlugin(
  teamsKind,
  async function send(alert, spec, _secrets, signal) {
    await post({
      type: 'teams',
      url: spec.teams ?? '',
      body: teamsBody(alert),
      headers: { 'content-type': 'application/json', 'user-agent': 'bascule' },
      ...(signal ? { signal } : {}),
    });
  },
);

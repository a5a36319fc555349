/** Slack incoming webhook (also Mattermost, Rocket.Chat): `{text, blocks}` in mrkdwn. */

import { slackKind } from '../../model/channels/slack.ts';
import { type Alert, type ChannelPlugin, channelPlugin } from '../alert.ts';
import { post } from './post.ts';

/** Slack's mrkdwn treats &, < and > as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function slackBody(alert: Alert): string {
  const title = escapeMrkdwn(alert.title);
  const text = escapeMrkdwn(alert.text);
  return JSON.stringify({
    text: clip(`*${title}*\n${text}`, 3000),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(`*${title}*`, 3000) } },
      { type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: clip(`Bascule · ${alert.key}`, 3000) }] },
    ],
  });
}

export const slack: ChannelPlugin<'slack'> = channelPlugin(
  slackKind,
  async function send(alert, spec, _secrets, signal) {
    await post({
      type: 'slack',
      url: spec.slack ?? '',
      body: slackBody(alert),
      headers: { 'content-type': 'application/json', 'user-agent': 'bascule' },
      ...(signal ? { signal } : {}),
    });
  },
);

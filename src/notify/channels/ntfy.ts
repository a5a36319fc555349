/**
 * ntfy: the text POSTed to the topic URL, with Title, Priority (5 DOWN on a critical service, 4 DOWN,
 * 3 DEGRADED or other, 2 resolved), Tags and `Authorization: Bearer <token>` when a token is set.
 * Headers must be Latin-1: a title with other characters is sent RFC 2047-encoded, which ntfy decodes.
 */

import { ntfyKind } from '../../model/channels/ntfy.ts';
import { type Alert, type ChannelPlugin, channelPlugin } from '../alert.ts';
import { post } from './post.ts';

export function ntfyPriority(alert: Alert): number {
  if (alert.kind === 'resolved') return 2;
  if (alert.state === 'DOWN') return alert.criticality === 'critical' ? 5 : 4;
  return 3;
}

export function ntfyTags(alert: Alert): string {
  if (alert.kind === 'test') return 'test_tube,bascule';
  if (alert.kind === 'resolved') return 'white_check_mark,bascule';
  if (alert.state === 'DOWN') return 'rotating_light,bascule';
  return 'warning,bascule';
}

/** A header value: plain when printable ASCII, else `=?UTF-8?B?…?=`. */
export function headerText(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(flat) ? flat : `=?UTF-8?B?${Buffer.from(flat, 'utf8').toString('base64')}?=`;
}

export const ntfy: ChannelPlugin<'ntfy'> = channelPlugin(
  ntfyKind,
  async function send(alert, spec, secrets, signal) {
    const headers: Record<string, string> = {
      'content-type': 'text/plain; charset=utf-8',
      'user-agent': 'bascule',
      title: headerText(alert.title),
      priority: String(ntfyPriority(alert)),
      tags: ntfyTags(alert),
    };
    if (secrets.token !== undefined) headers.authorization = `Bearer ${secrets.token}`;
    await post({
      type: 'ntfy',
      url: spec.ntfy ?? '',
      body: alert.text,
      headers,
      ...(signal ? { signal } : {}),
    });
  },
);

/**
 * Email through SMTP (nodemailer): subject = title, a text part and a simple HTML part. Every mail of
 * one incident carries `References` to the incident's root Message-ID (the `opened` mail's), so
 * mail clients show an incident as one thread. STARTTLS is used when the server offers it, not
 * required; `secure` is TLS from the start (port 465).
 */
import nodemailer from 'nodemailer';
import { emailKind } from '../../model/channels/email.ts';
import { type Alert, type ChannelPlugin, channelPlugin } from '../alert.ts';

export const SMTP_TIMEOUT_MS = 10_000;

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The domain of the From address (`Bascule <alerts@example.com>` → `example.com`). */
function domainOf(from: string): string {
  return /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'bascule.invalid';
}

const idPart = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '-');

/** Message-ID of this alert and the root of its incident's thread. */
export function threadIds(alert: Alert, from: string): { messageId: string; root: string } {
  const domain = domainOf(from);
  const root = `<bascule.${idPart(alert.incident)}@${domain}>`;
  if (alert.kind === 'opened') return { messageId: root, root };
  return { messageId: `<bascule.${alert.key.split(':').map(idPart).join('.')}@${domain}>`, root };
}

export function emailHtml(alert: Alert): string {
  const lines = alert.text.split('\n').map(escapeHtml).join('<br>\n');
  return `<!doctype html><html lang="${alert.lang}"><body style="font-family:sans-serif">\n<h2>${escapeHtml(alert.title)}</h2>\n<p>${lines}</p>\n<p style="color:#888;font-size:small">Bascule · ${escapeHtml(alert.key)}</p>\n</body></html>\n`;
}

export const email: ChannelPlugin<'email'> = channelPlugin(
  emailKind,
  async function send(alert, spec, secrets, signal) {
    const e = spec.email;
    if (!e) throw new Error('email: no email settings');
    const where = `smtp${e.secure ? 's' : ''}://${e.host}:${e.port}`;
    const transport = nodemailer.createTransport({
      host: e.host,
      port: e.port,
      secure: e.secure ?? e.port === 465,
      ...(e.user !== undefined ? { auth: { user: e.user, pass: secrets.password ?? '' } } : {}),
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    });
    // Closing the transport does not end a sendMail waiting for a greeting: the abort rejects it itself.
    let abort = () => transport.close();
    const cancelled = new Promise<never>((_, reject) => {
      abort = () => {
        transport.close();
        reject(new Error('cancelled'));
      };
    });
    signal?.addEventListener('abort', abort, { once: true });
    const { messageId, root } = threadIds(alert, e.from);
    try {
      if (signal?.aborted) throw new Error('cancelled');
      const sending = transport.sendMail({
        from: e.from,
        to: e.to,
        subject: alert.title,
        text: alert.text,
        html: emailHtml(alert),
        messageId,
        ...(alert.kind === 'opened' || alert.kind === 'test' ? {} : { inReplyTo: root, references: [root] }),
        headers: { 'X-Bascule-Key': alert.key },
      });
      sending.catch(() => undefined); // it may still fail after a cancel
      await Promise.race([sending, cancelled]);
    } catch (err) {
      throw new Error(`email: ${smtpCause(err, secrets.password)} from ${where}`);
    } finally {
      signal?.removeEventListener('abort', abort);
      transport.close();
    }
  },
);

/** The SMTP error, first line only, without the password should a server ever echo it. */
function smtpCause(err: unknown, password: string | undefined): string {
  const e = err as { code?: unknown; responseCode?: unknown; message?: unknown };
  let text = typeof e.message === 'string' ? (e.message.split('\n')[0] ?? '') : 'error';
  if (password) text = text.replaceAll(password, '[redacted]');
  const code = typeof e.code === 'string' ? e.code : undefined;
  return code && !text.includes(code) ? `${code} ${text}` : text;
}

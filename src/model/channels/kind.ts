/**
 * The pure half of an alert channel type: its key in a `notify` entry, the options and secrets it
 * takes, and where it delivers. No I/O here (the sender is in src/notify/channels/).
 */
import type { z } from 'zod';
import type { PathSegment } from '../locate.ts';
import type { RawDiagnostic } from '../schema-issues.ts';
import { isHttpUrl } from '../schema-primitives.ts';

/** A zod object shape: key → schema. */
export type Shape = Readonly<Record<string, z.ZodType>>;

/** What a channel sees of a validated `notify` entry: its own key (set) and its options. */
export type ChannelInput<Ty extends string, K extends z.ZodType, O extends Shape> = {
  readonly [P in Ty]: z.output<K>;
} & Readonly<z.output<z.ZodObject<O>>>;

export interface ChannelKind<
  Ty extends string = string,
  K extends z.ZodType = z.ZodType,
  O extends Shape = Shape,
  S extends string = string,
> {
  /** Also the channel's key in a `notify` entry: `slack: URL`. */
  readonly type: Ty;
  /** The schema of the value under that key (with its description). */
  readonly key: K;
  /** Its other keys (optional ones): `secret` for webhook, `token` for ntfy. */
  readonly options: O;
  /** The secrets it reads, by name, and where its spec names them: `{password: ['email', 'password']}`. */
  readonly secrets: Readonly<Record<S, readonly string[]>>;
  /** The URL it delivers to (kept out of logs and errors); undefined when it has none. */
  address(spec: ChannelInput<Ty, K, O>): string | undefined;
  /** What the schema cannot say (a URL's scheme); paths under `path`. */
  validate?(spec: ChannelInput<Ty, K, O>, path: readonly PathSegment[]): RawDiagnostic[];
}

/** Declares a channel kind, inferring its types from the object (and freezing it). */
export function defineChannel<
  Ty extends string,
  K extends z.ZodType,
  O extends Shape,
  S extends string = never,
>(kind: ChannelKind<Ty, K, O, S>): ChannelKind<Ty, K, O, S> {
  return Object.freeze(kind);
}

/**
 * BASCULE_E_CONFIG_CHANNEL_URL when `url` is not an http(s) URL. The address is not echoed: a
 * channel's address is its secret (a Slack, Discord or Teams webhook URL).
 */
export function urlDiagnostics(url: string, path: readonly PathSegment[]): RawDiagnostic[] {
  return isHttpUrl(url) ? [] : [{ code: 'BASCULE_E_CONFIG_CHANNEL_URL', path, params: {} }];
}

/** The commented starter bascule.yaml that `bascule init` writes: its parameters, and its English and French templates. */
import type { AssumableField } from '../../model/schema.ts';
import type { Document } from './document.ts';
import { en } from './starter-map/en.ts';
import { fr } from './starter-map/fr.ts';

/** A place in a runsOn list. */
export interface Placement {
  readonly provider: string;
  readonly region?: string;
}

/** A component of the starter map: what runs a service (`host`), or a supplier. */
export interface StarterComponent {
  readonly id: string;
  readonly role: 'host' | 'supplier';
  /** A supplier's name as the user wrote it, when its id does not say it. */
  readonly name?: string;
  /** A host: the service it runs, as the user named it. */
  readonly of?: string;
  /** A catalogue id, or a name as the user gave it. */
  readonly provider: string;
  /** The catalogue's name for the provider (`OVHcloud`), when it knows it. */
  readonly providerName?: string;
  readonly region?: string;
  /** A regional provider, and no region known. */
  readonly regionMissing: boolean;
  readonly kind: string;
  readonly runsOn: readonly Placement[];
  /** Where runsOn comes from: the user, the provider catalogue (assumed), nowhere (unknown), or not a supplier. */
  readonly runsOnFrom: 'answer' | 'catalogue' | 'unknown' | 'none';
  /** The catalogue's hosting of its provider, named (`Microsoft Azure`). */
  readonly hostedOn: readonly { readonly provider: string; readonly name: string }[];
  /** The fields that are assumptions, written as `assumed:` and explained in comments. */
  readonly assumed: readonly AssumableField[];
  /** A supplier no service uses. */
  readonly unused: boolean;
}

/** Everything the starter map says, worked out from the answers to `bascule init` (ids already made safe). */
export interface StarterMap {
  readonly name: string;
  /** The example of `--yes`, not the user's answers. */
  readonly example: boolean;
  readonly services: readonly {
    readonly id: string;
    readonly name?: string;
    readonly dependsOn: readonly string[];
    /** Whether the user said what it runs on. */
    readonly hostKnown: boolean;
  }[];
  readonly components: readonly StarterComponent[];
  /** The service the commented-out example check watches. */
  readonly checked: string | undefined;
}

const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/** A value as YAML writes it: plain when it is a simple word, else double-quoted. */
export function yamlText(value: string): string {
  const plain = /^[A-Za-z][A-Za-z0-9._-]*$/.test(value) || /^[0-9]+[a-z][a-z0-9._-]*$/.test(value);
  return plain && !RESERVED.test(value) ? value : JSON.stringify(value);
}

/** `{provider: aws, region: us-east-1}` */
export function placeText(p: Placement): string {
  return `{provider: ${yamlText(p.provider)}${p.region ? `, region: ${yamlText(p.region)}` : ''}}`;
}

/** `[a, b]` */
export function listText(items: readonly string[]): string {
  return `[${items.map(yamlText).join(', ')}]`;
}

export const starterMap: Document<StarterMap> = { en, fr };

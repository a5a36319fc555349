/** The commented starter bascule.yaml that `bascule init` writes: its parameters, and its English and French templates. */
import type { Document } from './document.ts';
import { en } from './starter-map/en.ts';
import { fr } from './starter-map/fr.ts';

/** Where a component runs, as the map writes it. */
export interface Placement {
  readonly provider: string;
  readonly region?: string;
}

/** Everything the starter map says, worked out from the answers to `bascule init` (ids already made safe). */
export interface StarterMap {
  readonly name: string;
  readonly services: readonly {
    readonly id: string;
    readonly criticality: 'critical' | 'high';
    readonly dependsOn: readonly string[];
  }[];
  /** The component running each service (`<service>-app`), on the first provider. */
  readonly apps: readonly { readonly id: string; readonly placement: Placement }[];
  readonly db: Placement;
  readonly dns: Placement;
  /** Suppliers; `runsOn` (YAML flow text) where they are publicly known, or assumed, to run. */
  readonly suppliers: readonly { readonly id: string; readonly kind: string; readonly runsOn?: string }[];
  /** The service the commented-out example check watches. */
  readonly checked: string;
}

/** `provider: aws` and `region: eu-west-3` lines, indented. */
export function placementLines(p: Placement, indent: string): string[] {
  return [`${indent}provider: ${p.provider}`, ...(p.region ? [`${indent}region: ${p.region}`] : [])];
}

export const starterMap: Document<StarterMap> = { en, fr };

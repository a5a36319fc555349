/**
 * The incident updates aggregate: what operators tell the public about an incident (its status in
 * the investigating → identified → monitoring → resolved sense, and a message in French and/or
 * English). Appended, never rewritten; kept across restarts; read for a set of incidents at once
 * (a timeline, a status page).
 */

/** The public status an update gives an incident, in the order an incident usually goes through them. */
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** A message in French and/or English (at least one). */
export interface LocalText {
  readonly en?: string;
  readonly fr?: string;
}

export interface IncidentUpdate {
  /** Unique (random): saving the same update twice keeps one. */
  readonly id: string;
  /** The incident's id (`checkout@2026-11-29T15:23:25.623Z`). */
  readonly incident: string;
  /** When it was posted, epoch ms. */
  readonly at: number;
  readonly status: IncidentStatus;
  readonly message: LocalText;
  /** Who posted it (`operator@127.0.0.1`). */
  readonly who: string;
}

/** Most incidents whose updates one call reads. */
export const MAX_UPDATE_IDS = 1000;

export interface IncidentUpdateStore {
  /** Appends an update; one whose id is already stored changes nothing. */
  appendIncidentUpdate(update: IncidentUpdate): Promise<void>;
  /**
   * The updates of these incidents (at most MAX_UPDATE_IDS ids), oldest first (by time, then in the
   * order they were appended).
   */
  incidentUpdates(ids: readonly string[]): Promise<IncidentUpdate[]>;
}

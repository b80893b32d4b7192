/**
 * The records every part of the store shares: an organization's row and the stored answers of
 * idempotent requests. Imports nothing of the store, so no part of it imports another in a circle.
 */

export interface OrganizationRow {
  readonly id: string;
  readonly name: string;
  readonly rootPoolId: string;
  /** Incremented by every committed batch; lets a node trust its cached state. */
  readonly version: number;
  /** The latest `now` a batch applied for this organization. */
  readonly lastNow: number;
  readonly nextSequence: number;
  /** When an activation or expiry may next fall due; the sweep looks for rows past it. */
  readonly nextDueAt: number;
  readonly createdAt: number;
}

export interface StoredAnswer {
  readonly fingerprint: string;
  /** The first answer, as JSON text, returned again on a replay. */
  readonly answer: string;
}

export interface AnswerRow extends StoredAnswer {
  readonly key: string;
  readonly createdAt: number;
}

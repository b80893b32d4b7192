/**
 * The event outbox: what happened in an organization, in the order it committed, for webhooks and
 * any other consumer. An event is written in the same transaction as the change it tells of (or,
 * for the ledger, with the checkpoint of the journal it was projected from), so an event is never
 * lost and never tells of a change that rolled back.
 *
 * Each organization numbers its events densely (`sequence` 1, 2, 3 …). The number is taken from
 * the organization's row of `event_streams` inside the writing transaction; that row stays locked
 * until the commit, so on PostgreSQL the events of one organization commit in sequence order and a
 * reader that has seen sequence n has seen every event before it. A consumer pages and resumes by
 * sequence. An event's id is derived from its organization and sequence (see `eventIdOf`), so the
 * store needs no random source and the id of an event never changes.
 *
 * An event may carry a `dedupeKey`: an event whose key the organization already has is not written
 * (no sequence is taken for it), which is how a job emits "once per grant" without remembering.
 */
import { createHash } from "node:crypto";
import { encodeUlid, invariant } from "@creditpool/core";
import { type Cell, int, type Row, text } from "./rows.ts";

// The shapes of `directory.ts`'s `SqlRun` and `SqlRunner`, declared again here because the
// directory writes events (an import back would make a circle).
type SqlRun = (sql: string, params: readonly Cell[]) => Promise<Row[]>;
interface SqlRunner {
  all(sql: string, params: readonly Cell[]): Promise<Row[]>;
  inTransaction<T>(work: (run: SqlRun) => Promise<T>): Promise<T>;
}

export const eventTypes = [
  "grant.issued",
  "grant.expired",
  "grant.voided",
  "grant.depleted",
  "grant.expiring_soon",
  "pool.debt",
  "pool.debt_paid",
  "key.created",
  "key.revoked",
  "invoice.created",
  "invoice.finalized",
  "invoice.paid",
  "invoice.voided",
  "subscription.created",
  "subscription.renewed",
  "subscription.canceled",
  "webhook_endpoint.test",
  "alert.raised",
  "alert.resolved",
] as const;

export type EventType = (typeof eventTypes)[number];

/** The checkpoints kept per organization: the journal projected, the events fanned out. */
export type EventCheckpoint = "journal" | "deliveries";

/** An event to write: its number and id are given by the store in the writing transaction. */
export interface EventDraft {
  readonly organizationId: string;
  readonly type: EventType;
  /** JSON text of the event's data, at most `limits.eventDataBytesMax` bytes. */
  readonly data: string;
  readonly createdAt: number;
  /** Written only if the organization has no event with this key yet. */
  readonly dedupeKey?: string | null;
}

export interface EventRow {
  readonly organizationId: string;
  readonly id: string;
  readonly sequence: number;
  readonly type: EventType;
  readonly data: string;
  readonly createdAt: number;
}

export interface EventQuery {
  /** Only events numbered after this one (0: from the first). */
  readonly afterSequence: number;
  readonly limit: number;
  readonly type?: EventType | undefined;
}

/** An organization with work past one of its checkpoints. */
export interface EventsBehind {
  readonly organizationId: string;
  readonly position: number;
}

/** A live grant that will expire soon with credits left, not yet told of (`grant.expiring_soon`). */
export interface ExpiringGrant {
  readonly organizationId: string;
  readonly grantId: string;
}

/** The events' part of the store port. */
export interface EventStore {
  /** Writes the drafts (of any organizations) in one transaction; answers the events written. */
  appendEvents(drafts: readonly EventDraft[]): Promise<EventRow[]>;
  /**
   * Writes the drafts (all of `organizationId`) and moves the checkpoint from `from` to `to` in
   * one transaction; answers false and writes nothing when the checkpoint is no longer `from`.
   */
  appendEventsAt(
    organizationId: string,
    checkpoint: EventCheckpoint,
    from: number,
    to: number,
    drafts: readonly EventDraft[],
  ): Promise<boolean>;
  readEvent(organizationId: string, id: string): Promise<EventRow | null>;
  listEvents(organizationId: string, query: EventQuery): Promise<EventRow[]>;
  eventCheckpoint(organizationId: string, checkpoint: EventCheckpoint): Promise<number>;
  /**
   * Organizations with journal transfers (`journal`) or events (`deliveries`) past the
   * checkpoint, by id after `after`, at most `limit`.
   */
  eventsBehind(checkpoint: EventCheckpoint, limit: number, after?: string): Promise<EventsBehind[]>;
  /** Live grants with credits left expiring in (now, until], not told of yet, at most `limit`. */
  grantsExpiringSoon(now: number, until: number, limit: number): Promise<ExpiringGrant[]>;
  /** Forgets at most `limit` events created before `before`, the oldest first. */
  pruneEvents(before: number, limit: number): Promise<number>;
}

/** The key a `grant.expiring_soon` event is deduplicated by; also what the query looks for. */
export const expiringSoonKey = (grantId: string) => `grant.expiring_soon:${grantId}`;

/**
 * `evt_` and a ULID whose time is the event's and whose 80 random bits are the first of
 * SHA-256(organization, sequence): unique while (organization, sequence) is, and the same
 * whichever node wrote it.
 */
export function eventIdOf(organizationId: string, sequence: number, createdAt: number): string {
  const digest = createHash("sha256").update(`${organizationId}\u0000${sequence}`).digest();
  return `evt_${encodeUlid(createdAt, digest.subarray(0, 10))}`;
}

export function checkDraft(draft: EventDraft, dataBytesMax: number): void {
  invariant(eventTypes.includes(draft.type), `an event's type is known: ${draft.type}`);
  invariant(
    Buffer.byteLength(draft.data) <= dataBytesMax,
    `${draft.type}'s data is within the event size bound`,
  );
}

const rowToEvent = (row: Row): EventRow => ({
  organizationId: text(row.organization_id),
  id: text(row.id),
  sequence: int(row.sequence),
  type: text(row.type) as EventType,
  data: text(row.data),
  createdAt: int(row.created_at),
});

/** Drafts by organization, in the order given. */
function byOrganization(drafts: readonly EventDraft[]): Map<string, EventDraft[]> {
  const grouped = new Map<string, EventDraft[]>();
  for (const draft of drafts) {
    const list = grouped.get(draft.organizationId) ?? [];
    list.push(draft);
    grouped.set(draft.organizationId, list);
  }
  return grouped;
}

/**
 * Writes events inside a transaction the caller runs: the store API every feature uses to add its
 * events to its own writes. Organizations are locked in ascending id, so two writers never
 * deadlock. Drafts whose dedupe key is taken (or repeated among them) are skipped.
 */
export async function writeEvents(
  run: SqlRun,
  drafts: readonly EventDraft[],
  dataBytesMax: number,
): Promise<EventRow[]> {
  const written: EventRow[] = [];
  const grouped = [...byOrganization(drafts)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [organizationId, list] of grouped) {
    for (const draft of list) checkDraft(draft, dataBytesMax);
    // The upsert takes the stream's row lock (PostgreSQL) and reads its next number.
    const [stream] = await run(
      `INSERT INTO event_streams (organization_id, next_sequence) VALUES (?, 1)
        ON CONFLICT (organization_id) DO UPDATE SET next_sequence = event_streams.next_sequence
        RETURNING next_sequence`,
      [organizationId],
    );
    let next = int(stream?.next_sequence);
    const seen = new Set<string>();
    for (const draft of list) {
      const key = draft.dedupeKey ?? null;
      if (key !== null) {
        if (seen.has(key)) continue;
        seen.add(key);
        const [taken] = await run(
          "SELECT 1 AS taken FROM events WHERE organization_id = ? AND dedupe_key = ?",
          [organizationId, key],
        );
        if (taken !== undefined) continue;
      }
      const event: EventRow = {
        organizationId,
        id: eventIdOf(organizationId, next, draft.createdAt),
        sequence: next,
        type: draft.type,
        data: draft.data,
        createdAt: draft.createdAt,
      };
      await run(
        `INSERT INTO events (organization_id, sequence, id, type, data, dedupe_key, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [organizationId, next, event.id, event.type, event.data, key, event.createdAt],
      );
      written.push(event);
      next += 1;
    }
    await run("UPDATE event_streams SET next_sequence = ? WHERE organization_id = ?", [
      next,
      organizationId,
    ]);
  }
  return written;
}

class Moved extends Error {}

/** Moves a checkpoint from `from` to `to`, or throws `Moved` when it is no longer at `from`. */
async function moveCheckpoint(
  run: SqlRun,
  organizationId: string,
  name: EventCheckpoint,
  from: number,
  to: number,
): Promise<void> {
  const moved =
    from === 0
      ? await run(
          `INSERT INTO event_checkpoints (organization_id, name, position) VALUES (?, ?, ?)
            ON CONFLICT (organization_id, name) DO NOTHING RETURNING position`,
          [organizationId, name, to],
        )
      : await run(
          `UPDATE event_checkpoints SET position = ?
            WHERE organization_id = ? AND name = ? AND position = ? RETURNING position`,
          [to, organizationId, name, from],
        );
  if (moved.length === 0) throw new Moved();
}

/** Runs `work` after moving the checkpoint, all in one transaction; false when it had moved. */
export async function atCheckpoint(
  sql: SqlRunner,
  organizationId: string,
  name: EventCheckpoint,
  from: number,
  to: number,
  work: (run: SqlRun) => Promise<unknown>,
): Promise<boolean> {
  try {
    await sql.inTransaction(async (run) => {
      // First, so that on PostgreSQL a second node waits here and then finds it moved.
      await moveCheckpoint(run, organizationId, name, from, to);
      await work(run);
    });
    return true;
  } catch (error) {
    if (error instanceof Moved) return false;
    throw error;
  }
}

export class SqlEvents implements EventStore {
  constructor(
    private readonly sql: SqlRunner,
    private readonly dataBytesMax: number,
  ) {}

  appendEvents(drafts: readonly EventDraft[]): Promise<EventRow[]> {
    if (drafts.length === 0) return Promise.resolve([]);
    return this.sql.inTransaction((run) => writeEvents(run, drafts, this.dataBytesMax));
  }

  appendEventsAt(
    organizationId: string,
    checkpoint: EventCheckpoint,
    from: number,
    to: number,
    drafts: readonly EventDraft[],
  ): Promise<boolean> {
    invariant(
      drafts.every((draft) => draft.organizationId === organizationId),
      "a checkpoint's events are its organization's",
    );
    return atCheckpoint(this.sql, organizationId, checkpoint, from, to, (run) =>
      writeEvents(run, drafts, this.dataBytesMax),
    );
  }

  async readEvent(organizationId: string, id: string): Promise<EventRow | null> {
    const [row] = await this.sql.all("SELECT * FROM events WHERE organization_id = ? AND id = ?", [
      organizationId,
      id,
    ]);
    return row === undefined ? null : rowToEvent(row);
  }

  async listEvents(organizationId: string, query: EventQuery): Promise<EventRow[]> {
    const byType = query.type === undefined ? "" : " AND type = ?";
    const params = [organizationId, query.afterSequence, ...(query.type ? [query.type] : [])];
    const rows = await this.sql.all(
      `SELECT * FROM events WHERE organization_id = ? AND sequence > ?${byType}
        ORDER BY sequence LIMIT ?`,
      [...params, query.limit],
    );
    return rows.map(rowToEvent);
  }

  async eventCheckpoint(organizationId: string, checkpoint: EventCheckpoint): Promise<number> {
    const [row] = await this.sql.all(
      "SELECT position FROM event_checkpoints WHERE organization_id = ? AND name = ?",
      [organizationId, checkpoint],
    );
    return row === undefined ? 0 : int(row.position);
  }

  async eventsBehind(
    checkpoint: EventCheckpoint,
    limit: number,
    after = "",
  ): Promise<EventsBehind[]> {
    // The journal's end is the organization's next transfer number, the events' their stream's.
    const [source, end] =
      checkpoint === "journal"
        ? ["organizations s", "s.id"]
        : ["event_streams s", "s.organization_id"];
    const rows = await this.sql.all(
      `SELECT ${end} AS organization_id, COALESCE(c.position, 0) AS position FROM ${source}
        LEFT JOIN event_checkpoints c ON c.organization_id = ${end} AND c.name = ?
        WHERE ${end} > ? AND s.next_sequence - 1 > COALESCE(c.position, 0)
        ORDER BY ${end} LIMIT ?`,
      [checkpoint, after, limit],
    );
    return rows.map((row) => ({
      organizationId: text(row.organization_id),
      position: int(row.position),
    }));
  }

  async grantsExpiringSoon(now: number, until: number, limit: number): Promise<ExpiringGrant[]> {
    const rows = await this.sql.all(
      `SELECT g.organization_id, g.id FROM grants g
        WHERE g.closed IS NULL AND g.remaining > 0 AND g.expires_at > ? AND g.expires_at <= ?
          AND NOT EXISTS (SELECT 1 FROM events e WHERE e.organization_id = g.organization_id
            AND e.dedupe_key = 'grant.expiring_soon:' || g.id)
        ORDER BY g.expires_at, g.organization_id, g.id LIMIT ?`,
      [now, until, limit],
    );
    return rows.map((row) => ({
      organizationId: text(row.organization_id),
      grantId: text(row.id),
    }));
  }

  async pruneEvents(before: number, limit: number): Promise<number> {
    return this.sql.inTransaction(async (run) => {
      const rows = await run(
        `SELECT organization_id, sequence FROM events WHERE created_at < ?
          ORDER BY created_at LIMIT ?`,
        [before, limit],
      );
      for (const row of rows)
        await run("DELETE FROM events WHERE organization_id = ? AND sequence = ?", [
          text(row.organization_id),
          int(row.sequence),
        ]);
      return rows.length;
    });
  }
}

export const eventTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE events (
  organization_id ${t.text} NOT NULL,
  sequence ${t.big} NOT NULL CHECK (sequence > 0),
  id ${t.text} NOT NULL,
  type ${t.text} NOT NULL,
  data ${t.text} NOT NULL,
  dedupe_key ${t.text},
  created_at ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, sequence)
)${t.clustered};
CREATE UNIQUE INDEX events_id ON events (organization_id, id);
CREATE UNIQUE INDEX events_dedupe ON events (organization_id, dedupe_key)
  WHERE dedupe_key IS NOT NULL;
CREATE INDEX events_type ON events (organization_id, type, sequence);
CREATE INDEX events_created ON events (created_at);

CREATE TABLE event_streams (
  organization_id ${t.text} PRIMARY KEY,
  next_sequence ${t.big} NOT NULL CHECK (next_sequence > 0)
)${t.clustered};

CREATE TABLE event_checkpoints (
  organization_id ${t.text} NOT NULL,
  name ${t.text} NOT NULL CHECK (name IN ('journal', 'deliveries')),
  position ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, name)
)${t.clustered};

CREATE INDEX grants_expiring ON grants (expires_at) WHERE closed IS NULL AND expires_at IS NOT NULL;
`;

/**
 * Events in process memory, with the databases' contract (`../events.ts`): dense numbers per
 * organization, dedupe keys, checkpoints moved only from where the caller read them. Writes made
 * with another part's write (a key, an invoice) run under the memory store's lock, as the
 * databases' run in its transaction.
 */
import { type Grant, limits } from "@creditpool/core";
import {
  checkDraft,
  type EventCheckpoint,
  type EventDraft,
  type EventQuery,
  type EventRow,
  type EventStore,
  type EventsBehind,
  type ExpiringGrant,
  eventIdOf,
  expiringSoonKey,
} from "../events.ts";
import type { Mutex } from "../mutex.ts";
import { compare } from "./kept.ts";

/** What the events part uses of the memory store. */
export interface EventsHost {
  readonly lock: Mutex;
  /** Each organization's next journal sequence. */
  journalEnds(): Iterable<[organizationId: string, nextSequence: number]>;
  /** Every live grant, with its organization. */
  liveGrants(): Iterable<[organizationId: string, grant: Grant]>;
}

interface Stream {
  readonly events: EventRow[];
  readonly dedupeKeys: Set<string>;
  nextSequence: number;
}

export class MemoryEvents implements EventStore {
  private readonly streams = new Map<string, Stream>();
  private readonly checkpoints = new Map<string, number>();

  constructor(private readonly host: EventsHost) {}

  /** Each organization's last event sequence. */
  *heads(): Iterable<[string, number]> {
    for (const [organizationId, stream] of this.streams)
      yield [organizationId, stream.nextSequence - 1];
  }

  /** Writes drafts; callers hold the lock. */
  write(drafts: readonly EventDraft[]): EventRow[] {
    const written: EventRow[] = [];
    // By organization, as the databases write them (each organization's stream in turn).
    const ordered = [...drafts].sort((a, b) => compare(a.organizationId, b.organizationId));
    for (const draft of ordered) {
      checkDraft(draft, limits.eventDataBytesMax);
      const stream = this.stream(draft.organizationId);
      const key = draft.dedupeKey ?? null;
      if (key !== null && stream.dedupeKeys.has(key)) continue;
      if (key !== null) stream.dedupeKeys.add(key);
      const sequence = stream.nextSequence;
      stream.nextSequence += 1;
      const event: EventRow = {
        organizationId: draft.organizationId,
        id: eventIdOf(draft.organizationId, sequence, draft.createdAt),
        sequence,
        type: draft.type,
        data: draft.data,
        createdAt: draft.createdAt,
      };
      stream.events.push(event);
      written.push({ ...event });
    }
    return written;
  }

  /** Moves a checkpoint from `from` to `to`; false when it is elsewhere. Callers hold the lock. */
  move(organizationId: string, checkpoint: EventCheckpoint, from: number, to: number): boolean {
    const key = `${organizationId}/${checkpoint}`;
    if ((this.checkpoints.get(key) ?? 0) !== from) return false;
    this.checkpoints.set(key, to);
    return true;
  }

  appendEvents(drafts: readonly EventDraft[]): Promise<EventRow[]> {
    return this.host.lock.run(async () => this.write(drafts));
  }

  appendEventsAt(
    organizationId: string,
    checkpoint: EventCheckpoint,
    from: number,
    to: number,
    drafts: readonly EventDraft[],
  ): Promise<boolean> {
    return this.host.lock.run(async () => {
      if (!this.move(organizationId, checkpoint, from, to)) return false;
      this.write(drafts);
      return true;
    });
  }

  async readEvent(organizationId: string, id: string): Promise<EventRow | null> {
    const found = this.streams.get(organizationId)?.events.find((event) => event.id === id);
    return found === undefined ? null : { ...found };
  }

  async listEvents(organizationId: string, query: EventQuery): Promise<EventRow[]> {
    const events = this.streams.get(organizationId)?.events ?? [];
    return events
      .filter(
        (event) =>
          event.sequence > query.afterSequence &&
          (query.type === undefined || event.type === query.type),
      )
      .slice(0, query.limit)
      .map((event) => ({ ...event }));
  }

  async eventCheckpoint(organizationId: string, checkpoint: EventCheckpoint): Promise<number> {
    return this.checkpoints.get(`${organizationId}/${checkpoint}`) ?? 0;
  }

  async eventsBehind(
    checkpoint: EventCheckpoint,
    limit: number,
    after = "",
  ): Promise<EventsBehind[]> {
    const ends: Iterable<[string, number]> =
      checkpoint === "journal"
        ? this.host.journalEnds()
        : [...this.streams].map(([id, stream]): [string, number] => [id, stream.nextSequence]);
    const behind: EventsBehind[] = [];
    for (const [organizationId, nextSequence] of ends) {
      if (compare(organizationId, after) <= 0) continue;
      const position = this.checkpoints.get(`${organizationId}/${checkpoint}`) ?? 0;
      if (nextSequence - 1 > position) behind.push({ organizationId, position });
    }
    return behind.sort((a, b) => compare(a.organizationId, b.organizationId)).slice(0, limit);
  }

  async grantsExpiringSoon(now: number, until: number, limit: number): Promise<ExpiringGrant[]> {
    const found: { organizationId: string; grant: Grant }[] = [];
    for (const [organizationId, grant] of this.host.liveGrants()) {
      const expiresAt = grant.expiresAt;
      if (grant.closed !== null || grant.remaining <= 0n || expiresAt === null) continue;
      if (expiresAt <= now || expiresAt > until) continue;
      if (this.streams.get(organizationId)?.dedupeKeys.has(expiringSoonKey(grant.id))) continue;
      found.push({ organizationId, grant });
    }
    return found
      .sort(
        (a, b) =>
          (a.grant.expiresAt ?? 0) - (b.grant.expiresAt ?? 0) ||
          compare(a.organizationId, b.organizationId) ||
          compare(a.grant.id, b.grant.id),
      )
      .slice(0, limit)
      .map(({ organizationId, grant }) => ({ organizationId, grantId: grant.id }));
  }

  pruneEvents(before: number, limit: number): Promise<number> {
    return this.host.lock.run(async () => {
      const old = [...this.streams.values()]
        .flatMap((stream) => stream.events.filter((event) => event.createdAt < before))
        .sort((a, b) => a.createdAt - b.createdAt)
        .slice(0, limit);
      const gone = new Set(old);
      for (const stream of this.streams.values()) {
        const kept = stream.events.filter((event) => !gone.has(event));
        stream.events.splice(0, stream.events.length, ...kept);
      }
      return old.length;
    });
  }

  private stream(organizationId: string): Stream {
    let stream = this.streams.get(organizationId);
    if (stream === undefined) {
      stream = { events: [], dedupeKeys: new Set(), nextSequence: 1 };
      this.streams.set(organizationId, stream);
    }
    return stream;
  }
}

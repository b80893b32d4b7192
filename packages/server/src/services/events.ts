/**
 * Events: what happened in an organization, read by its keys and delivered to its webhooks.
 *
 * Three writers feed the outbox. Directory and billing writes add theirs in their own transaction
 * (`store/event-payloads.ts`). The journal's are projected here: a page of transfers past the
 * organization's `journal` checkpoint becomes events, written with the checkpoint's move in one
 * conditional step (as the ledger totals are, decision 0015), so two nodes never emit an event
 * twice and a crash between pages emits each once after restart. And a pass tells of grants
 * expiring within 72 hours, once per grant by a dedupe key.
 */
import { type Grant, limits } from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { EventDraft, EventRow, EventType } from "../store/port.ts";
import type { ServiceContext } from "./context.ts";
import {
  consumedGrants,
  depletedEvent,
  expiringSoonEvent,
  journalEvents,
} from "./journal-events.ts";

export { eventTypes } from "../store/events.ts";
export type { EventRow, EventType } from "../store/port.ts";

/** Journal transfers projected in one step. */
const transfersPerPage = 500;
/** Organizations one pass of the projector visits. */
const organizationsPerPassMax = 100;
/** Grants told of as expiring soon in one pass. */
const expiringPerPassMax = 500;
/** How far ahead a grant's expiry is told of. */
export const expiringSoonMs = 72 * 60 * 60 * 1000;

export interface EventPage {
  readonly type?: EventType | undefined;
  readonly startingAfter?: string | undefined;
  readonly limit: number;
}

export class EventService {
  constructor(private readonly context: ServiceContext) {}

  /** The organization's events in the order they happened, one more than the page. */
  async list(principal: Principal, page: EventPage): Promise<EventRow[]> {
    const { store } = this.context;
    const organizationId = requirePermission(principal, "events.read");
    let afterSequence = 0;
    if (page.startingAfter !== undefined) {
      const after = await store.readEvent(organizationId, page.startingAfter);
      if (after === null) throw new Refusal("event_not_found", undefined, "starting_after");
      afterSequence = after.sequence;
    }
    return store.listEvents(organizationId, {
      afterSequence,
      limit: page.limit + 1,
      type: page.type,
    });
  }

  async read(principal: Principal, id: string): Promise<EventRow> {
    const organizationId = requirePermission(principal, "events.read");
    const event = await this.context.store.readEvent(organizationId, id);
    if (event === null) throw new Refusal("event_not_found", undefined, "id");
    return event;
  }

  /**
   * Adds events outside any other write (a feature whose change has no row of its own to carry
   * them); a write that has one adds its events in its own transaction instead.
   */
  publish(drafts: readonly EventDraft[]): Promise<EventRow[]> {
    return this.context.store.appendEvents(drafts);
  }

  /** Projects the organization's journal past its checkpoint to its end; answers events made. */
  async project(organizationId: string): Promise<number> {
    const { store } = this.context;
    let position = await store.eventCheckpoint(organizationId, "journal");
    let made = 0;
    for (;;) {
      const transfers = await store.listTransfers(organizationId, {
        afterSequence: position,
        limit: transfersPerPage,
      });
      const last = transfers.at(-1);
      if (last === undefined) return made;
      const grants = new Map<string, Grant | null>();
      for (const transfer of transfers)
        if (transfer.grantId !== null && !grants.has(transfer.grantId))
          grants.set(transfer.grantId, await store.readGrant(organizationId, transfer.grantId));
      const drafts = journalEvents(organizationId, transfers, (id) => grants.get(id) ?? null);
      for (const id of consumedGrants(transfers)) {
        const grant = grants.get(id);
        const depleted = grant ? depletedEvent(organizationId, grant, last.at) : null;
        if (depleted !== null) drafts.push(depleted);
      }
      const moved = await store.appendEventsAt(
        organizationId,
        "journal",
        position,
        last.sequence,
        drafts,
      );
      // Another node projected this page first: go on from where it got.
      if (moved) made += drafts.length;
      position = moved ? last.sequence : await store.eventCheckpoint(organizationId, "journal");
      if (transfers.length < transfersPerPage && moved) return made;
    }
  }

  private cursor = "";

  /** One pass of the projector: the next organizations behind, each to its journal's end. */
  async projectAll(onError?: (error: unknown, organizationId: string) => void): Promise<number> {
    const behind = await this.context.store.eventsBehind(
      "journal",
      organizationsPerPassMax,
      this.cursor,
    );
    this.cursor =
      behind.length < organizationsPerPassMax ? "" : (behind.at(-1)?.organizationId ?? "");
    let made = 0;
    for (const { organizationId } of behind) {
      try {
        made += await this.project(organizationId);
      } catch (error) {
        onError?.(error, organizationId);
      }
    }
    return made;
  }

  /** Tells of live grants with credits left that expire within 72 hours, once each. */
  async tellExpiringSoon(): Promise<number> {
    const { store, clock } = this.context;
    const now = clock();
    const found = await store.grantsExpiringSoon(now, now + expiringSoonMs, expiringPerPassMax);
    const drafts: EventDraft[] = [];
    for (const { organizationId, grantId } of found) {
      const grant = await store.readGrant(organizationId, grantId);
      if (grant !== null) drafts.push(expiringSoonEvent(organizationId, grant, now));
    }
    return (await store.appendEvents(drafts)).length;
  }

  /** Forgets events past their 30 days, a bounded batch per transaction; answers how many. */
  async prune(): Promise<number> {
    const before = this.context.clock() - limits.eventRetentionMs;
    const batchMax = limits.eventsPrunedPerBatchMax;
    let forgotten = 0;
    for (;;) {
      const count = await this.context.store.pruneEvents(before, batchMax);
      forgotten += count;
      if (count < batchMax) return forgotten;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

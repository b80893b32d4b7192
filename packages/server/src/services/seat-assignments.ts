/**
 * Seat assignments: a member holds one of a subscription's seats. Under `seat_access: "assigned"`
 * only such members may hold at the subscription's pools (`seat-gates.ts`). Taking a seat is one
 * store transaction that counts the seats taken under the subscription's lock, so the last seat
 * goes to one member whatever runs at the same time; assigning a member again answers the seat
 * the member holds and writes nothing.
 */
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { Page } from "../store/directory.ts";
import type { SeatAssignmentRow } from "../store/port.ts";
import { auditEntry } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import {
  answerOf,
  idempotencyOf,
  type Render,
  replayOf,
  storedReplay,
  type Written,
} from "./idempotency.ts";

export type { SeatAssignmentRow } from "../store/port.ts";

/** An assignment and whether this request made it (else the member already held the seat). */
export interface SeatAssigned {
  readonly assignment: SeatAssignmentRow;
  readonly created: boolean;
}

export class SeatAssignmentService {
  constructor(private readonly context: ServiceContext) {}

  async assign(
    principal: Principal,
    subscriptionId: string,
    memberId: string,
    idempotencyKey: string,
    render: Render<SeatAssignmentRow>,
  ): Promise<Written<SeatAssigned>> {
    const { store, clock } = this.context;
    const organizationId = requirePermission(principal, "billing.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "seats.assign", {
      subscriptionId,
      memberId,
    });
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
    await this.activeSubscription(organizationId, subscriptionId);
    if ((await store.readMember(organizationId, memberId)) === null)
      throw new Refusal("member_not_found", undefined, "member");
    const assignment = { organizationId, subscriptionId, memberId, assignedAt: clock() };
    const audit = auditEntry(this.context, principal, organizationId, {
      action: "seat.assigned",
      targetType: "subscription",
      targetId: subscriptionId,
      before: null,
      after: render(assignment),
    });
    const answer = answerOf(idempotency, render(assignment), assignment.assignedAt, audit);
    const taken = await store.assignSeat(assignment, answer);
    switch (taken.kind) {
      case "assigned":
        return { made: { assignment, created: true } };
      case "exists":
        return { made: { assignment: taken.assignment, created: false } };
      case "replay":
        return replayOf(idempotency, taken.stored);
      case "exhausted":
        throw new Refusal(
          "seats_exhausted",
          `Every seat of subscription ${subscriptionId} is assigned; add seats or unassign a member first.`,
          "member",
        );
      case "inactive":
        throw new Refusal("subscription_canceled", undefined, "id");
    }
  }

  async unassign(
    principal: Principal,
    subscriptionId: string,
    memberId: string,
    idempotencyKey: string,
    render: Render<SeatAssignmentRow>,
  ): Promise<Written<SeatAssignmentRow>> {
    const { store } = this.context;
    const organizationId = requirePermission(principal, "billing.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "seats.unassign", {
      subscriptionId,
      memberId,
    });
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
    await this.subscription(organizationId, subscriptionId);
    const held = await store.readSeatAssignment(organizationId, subscriptionId, memberId);
    if (held === null) throw notAssigned(subscriptionId, memberId);
    const audit = auditEntry(this.context, principal, organizationId, {
      action: "seat.unassigned",
      targetType: "subscription",
      targetId: subscriptionId,
      before: render(held),
      after: null,
    });
    const answer = answerOf(idempotency, render(held), this.context.clock(), audit);
    const removed = await store.unassignSeat({ organizationId, subscriptionId, memberId }, answer);
    if (removed === null) throw notAssigned(subscriptionId, memberId);
    if ("stored" in removed) return replayOf(idempotency, removed.stored);
    return { made: removed };
  }

  /** A subscription's assignments by member id, one more than the page for `has_more`. */
  async list(principal: Principal, subscriptionId: string, page: Page) {
    const organizationId = requirePermission(principal, "billing.read");
    await this.subscription(organizationId, subscriptionId);
    return this.context.store.listSeatAssignments(organizationId, subscriptionId, {
      ...page,
      limit: page.limit + 1,
    });
  }

  private async subscription(organizationId: string, id: string) {
    const row = await this.context.store.readSubscription(organizationId, id);
    if (row === null) throw new Refusal("subscription_not_found", undefined, "id");
    return row;
  }

  private async activeSubscription(organizationId: string, id: string) {
    const row = await this.subscription(organizationId, id);
    if (row.status !== "active") throw new Refusal("subscription_canceled", undefined, "id");
    return row;
  }
}

function notAssigned(subscriptionId: string, memberId: string): Refusal {
  return new Refusal(
    "member_not_found",
    `Member ${memberId} holds no seat of subscription ${subscriptionId}.`,
    "member",
  );
}

/**
 * Which subscriptions gate holds (`seat_access: "assigned"`), remembered per organization so a
 * hold at an organization with none costs no read: the list is read once, answered from memory
 * for `seatGatesMemoryMs`, and forgotten at once when this node starts or ends a subscription. A
 * subscription started on another node gates this node's holds at the latest that long after.
 * Whether a member holds a seat is never remembered: it is read for every hold a gate covers.
 */
import type { PoolTree } from "../access/pool-tree.ts";
import { Refusal } from "../refusal.ts";
import type { SeatGate, Store } from "../store/port.ts";

/** How long an organization's gates are answered from memory before they are read again. */
export const seatGatesMemoryMs = 5_000;
/** Organizations whose gates stay remembered; past it the memory starts over. */
const organizationsRememberedMax = 10_000;

interface Remembered {
  readonly gates: readonly SeatGate[];
  readonly readAt: number;
}

export class SeatGates {
  private readonly remembered = new Map<string, Remembered>();
  /** Reads of the store's gates, for tests that count them. */
  reads = 0;

  constructor(
    private readonly store: Store,
    private readonly tree: PoolTree,
    private readonly clock: () => number,
  ) {}

  /** Forgets the organization's gates: a subscription of it started, ended or changed access. */
  forget(organizationId: string): void {
    this.remembered.delete(organizationId);
  }

  /**
   * Refuses with `seat_required` a hold at `poolId` for `memberId` (null: none named) when the
   * active subscription covering the pool (on it or an ancestor; a path has at most one) gives
   * access only to members holding one of its seats, and the member holds none.
   */
  async requireSeat(organizationId: string, poolId: string, memberId: string | null) {
    const gates = await this.gatesOf(organizationId);
    if (gates.length === 0) return;
    const path = (await this.tree.pathOf(organizationId, poolId)) ?? [];
    const gate = gates.find((each) => path.includes(each.poolId));
    if (gate === undefined) return;
    const subscription = gate.subscriptionId;
    if (memberId === null)
      throw new Refusal(
        "seat_required",
        `No member was named; subscription ${subscription} gives access to pool ${poolId} only to members holding one of its seats.`,
        "member",
      );
    const seat = await this.store.readSeatAssignment(organizationId, subscription, memberId);
    if (seat === null)
      throw new Refusal(
        "seat_required",
        `Member ${memberId} holds no seat of subscription ${subscription}, which gives access to pool ${poolId} only to members holding one.`,
        "member",
      );
  }

  private async gatesOf(organizationId: string): Promise<readonly SeatGate[]> {
    const now = this.clock();
    const known = this.remembered.get(organizationId);
    if (known !== undefined && now - known.readAt < seatGatesMemoryMs && now >= known.readAt)
      return known.gates;
    this.reads += 1;
    const gates = await this.store.seatGates(organizationId);
    if (this.remembered.size >= organizationsRememberedMax) this.remembered.clear();
    this.remembered.set(organizationId, { gates, readAt: now });
    return gates;
  }
}

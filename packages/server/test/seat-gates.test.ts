/**
 * The seat gates' memory: a hold at an organization with no gated subscription reads nothing
 * once its (empty) gates are remembered; the memory is forgotten on this node's subscription
 * writes and read again after `seatGatesMemoryMs`; a member's seat is read for every gated hold.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PoolTree } from "../src/access/pool-tree.ts";
import { Refusal } from "../src/refusal.ts";
import { SeatGates, seatGatesMemoryMs } from "../src/services/seat-gates.ts";
import { MemoryStore } from "../src/store/memory/memory-store.ts";

function gates(store: MemoryStore) {
  let now = 1_800_000_000_000;
  const clock = () => now;
  const tree = new PoolTree(store, clock);
  return {
    gates: new SeatGates(store, tree, clock),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("seat gates", () => {
  it("an organization with no gated subscription costs one read, then none", async () => {
    const { gates: seatGates, advance } = gates(new MemoryStore());
    for (let i = 0; i < 100; i += 1) await seatGates.requireSeat("org_a", "pool_a", null);
    assert.equal(seatGates.reads, 1);
    seatGates.forget("org_a");
    await seatGates.requireSeat("org_a", "pool_a", null);
    assert.equal(seatGates.reads, 2);
    advance(seatGatesMemoryMs);
    await seatGates.requireSeat("org_a", "pool_a", null);
    assert.equal(seatGates.reads, 3);
  });

  it("a gated pool's hold needs a member holding a seat", async () => {
    const store = new MemoryStore();
    const { gates: seatGates } = gates(store);
    const seatGate = [{ subscriptionId: "sub_a", poolId: "pool_a" }];
    store.seatGates = async () => seatGate;
    store.readPoolParents = async () => new Map([["pool_a", null]]);
    await assert.rejects(
      seatGates.requireSeat("org_a", "pool_a", "mem_a"),
      (error: unknown) => error instanceof Refusal && error.code === "seat_required",
    );
    const seat = { organizationId: "org_a", subscriptionId: "sub_a", memberId: "mem_a" };
    store.readSeatAssignment = async () => ({ ...seat, assignedAt: 0 });
    await seatGates.requireSeat("org_a", "pool_a", "mem_a");
    assert.equal(seatGates.reads, 1);
  });
});

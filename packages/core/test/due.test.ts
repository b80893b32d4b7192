/**
 * The due queue: what falls due comes off in the order DESIGN applies it (time, then activations,
 * hold expiries, grant expiries, then id), entries of objects that settled early are skipped, and
 * the queue is rebuilt once they pile up, so its size follows what is live.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { compareDue, DueQueue } from "../src/due.ts";
import type { DueEvent, Grant, Hold } from "../src/index.ts";
import {
  capture,
  grant,
  hold,
  hourMs,
  ledgerWith,
  minuteMs,
  run,
  runBatch,
  t0,
  voidGrant,
} from "./fixtures.ts";

/** A grant or hold with just what the queue reads. */
function grantDue(id: string, effectiveAt: number, expiresAt: number | null): Grant {
  return { id, effectiveAt, expiresAt, activated: false, closed: null } as Grant;
}

function holdDue(id: string, expiresAt: number): Hold {
  return { id, expiresAt, status: "held" } as Hold;
}

function describeEvent(event: DueEvent): string {
  const id = event.kind === "expire_hold" ? event.hold.id : event.grant.id;
  return `${event.at - t0} ${event.kind} ${id}`;
}

function drain(queue: DueQueue): string[] {
  const order: string[] = [];
  for (let event = queue.pop(); event !== undefined; event = queue.pop())
    order.push(describeEvent(event));
  return order;
}

describe("the due queue gives events in the order they apply", () => {
  it("by time, then activation, hold expiry, grant expiry, then id", () => {
    const queue = new DueQueue();
    queue.addGrant(grantDue("g2", t0 + 5, t0 + 5));
    queue.addHold(holdDue("h1", t0 + 5));
    queue.addGrant(grantDue("g1", t0 + 5, null));
    queue.addHold(holdDue("h0", t0 + 1));
    queue.addGrant(grantDue("g0", t0 + 9, t0 + 20));
    assert.deepEqual(drain(queue), [
      "1 expire_hold h0",
      "5 activate g1",
      "5 activate g2",
      "5 expire_hold h1",
      "5 expire_grant g2",
      "9 activate g0",
      "20 expire_grant g0",
    ]);
  });

  it("leaves out a settled hold, a closed grant and an active grant's activation", () => {
    const queue = new DueQueue();
    queue.addHold({ ...holdDue("h", t0 + 1), status: "captured" } as Hold);
    queue.addGrant({ ...grantDue("closed", t0, t0 + 2), closed: "voided" } as Grant);
    queue.addGrant({ ...grantDue("active", t0, t0 + 3), activated: true } as Grant);
    assert.deepEqual(drain(queue), ["3 expire_grant active"]);
  });

  it("pops in the order of a sort, whatever the order of pushes (property)", () => {
    const event = fc.record({
      at: fc.integer({ min: 0, max: 20 }),
      kind: fc.constantFrom("hold", "grant"),
      id: fc.stringMatching(/^[a-c]{1,2}$/),
      expiresIn: fc.option(fc.integer({ min: 0, max: 20 })),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const queue = new DueQueue();
        const expected: DueEvent[] = [];
        for (const [index, { at, kind, id, expiresIn }] of events.entries()) {
          if (kind === "hold") {
            const object = holdDue(`h${id}${index}`, t0 + at);
            queue.addHold(object);
            expected.push({ at: t0 + at, order: 1, kind: "expire_hold", hold: object });
          } else {
            const expiresAt = expiresIn === null ? null : t0 + at + expiresIn;
            const object = grantDue(`g${id}${index}`, t0 + at, expiresAt);
            queue.addGrant(object);
            expected.push({ at: t0 + at, order: 0, kind: "activate", grant: object });
            if (expiresAt !== null)
              expected.push({ at: expiresAt, order: 2, kind: "expire_grant", grant: object });
          }
        }
        expected.sort(compareDue);
        assert.deepEqual(drain(queue), expected.map(describeEvent));
      }),
    );
  });
});

describe("a ledger applies what falls due from its queue", () => {
  it("a voided grant's expiry and a captured hold's expiry are skipped, and the next due time moves on", () => {
    const ledger = ledgerWith([
      grant("g0", "root", "100", { expiresAt: t0 + hourMs }),
      grant("g1", "root", "100", { expiresAt: t0 + 2 * hourMs }),
      hold("h0", "root", "10", 60),
      hold("h1", "root", "10", 120),
    ]);
    runBatch(ledger, t0 + 1, [capture("h0", "4"), voidGrant("g0")]);
    // h0's entry is stale: the next current event is h1's expiry, two minutes in.
    const { transfers } = runBatch(ledger, t0 + 90_000, []);
    assert.deepEqual(transfers, []);
    assert.equal(ledger.state.nextDueAt, t0 + 2 * minuteMs);
    // h1's expiry returns its 10 credits to g0, voided, which forfeits them; then g1 expires.
    const expired = runBatch(ledger, t0 + 3 * hourMs, []).transfers.map((t) => t.kind);
    assert.deepEqual(expired, ["expire", "void", "expire"]);
    assert.equal(ledger.state.holds.get("h1")?.status, "expired");
    assert.equal(ledger.state.grants.get("g1")?.closed, "expired");
    assert.equal(ledger.state.grants.get("g0")?.closed, "voided");
  });

  it("rebuilds the queue once settled holds' entries outnumber what is live", () => {
    const ledger = ledgerWith([grant("g", "root", "100000")]);
    const count = 5000;
    for (let index = 0; index < count; index += 1) {
      run(ledger, t0, hold(`h${index}`, "root", "1", 3600));
      run(ledger, t0, capture(`h${index}`, "1"));
    }
    for (const id of [...ledger.state.holds.keys()]) ledger.state.holds.delete(id);
    assert.ok(ledger.state.due.size >= count, "captured holds leave their entries");
    runBatch(ledger, t0 + 2 * hourMs, []);
    assert.ok(ledger.state.due.size <= 1024, `${ledger.state.due.size} entries after a rebuild`);
  });
});

/**
 * The event projector on every store: two nodes (two engines and two services, each on its own
 * connection to one database, PostgreSQL included when TEST_DATABASE_URL is set) project one
 * organization's journal at once, over several pages, and every transfer that tells of something
 * is told exactly once, numbered densely; the expiring-soon pass, run again and on two nodes at
 * once, tells of each grant once, and of a grant only when its expiry comes within 72 hours.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { credits } from "@creditpool/core";
import { seededRandomFill, ulidIdSource } from "../src/ids.ts";
import { expiringSoonMs } from "../src/services/events.ts";
import { createServices } from "../src/services/services.ts";
import type { EventRow, Store } from "../src/store/port.ts";
import { grantRequest, holdRequest, idOf, TestClock, testEngine } from "./support/ledger.ts";
import { contractKinds } from "./support/stores.ts";

const hourMs = 60 * 60 * 1000;

function node(store: Store, clock: TestClock, seed: number) {
  const { engine } = testEngine(store, clock);
  const services = createServices({
    engine,
    store,
    clock: clock.read,
    ids: ulidIdSource(clock.read, seededRandomFill(seed)),
    fillRandom: seededRandomFill(seed + 1),
  });
  return { engine, services };
}

async function allEvents(store: Store, organizationId: string): Promise<EventRow[]> {
  const events: EventRow[] = [];
  for (;;) {
    const page = await store.listEvents(organizationId, {
      afterSequence: events.at(-1)?.sequence ?? 0,
      limit: 500,
    });
    events.push(...page);
    if (page.length < 500) return events;
  }
}

const dataOf = (event: EventRow) => JSON.parse(event.data) as Record<string, unknown>;

for (const kind of contractKinds()) {
  describe(`the event projector on two nodes: ${kind.name}`, () => {
    after(() => kind.cleanup());

    it("two nodes projecting one journal at once tell each transfer once", async () => {
      const store = await kind.open();
      const sibling = kind.openSibling === undefined ? store : await kind.openSibling();
      const clock = new TestClock();
      const one = node(store, clock, 21);
      const two = node(sibling, clock, 31);
      const { id, rootPoolId } = await one.engine.createOrganization("Projected");
      // Over two pages of the journal (500 transfers each): grants, then holds captured, each
      // in batches of fifty at once, as many callers would.
      const times = (count: number) => Array.from({ length: count }, (_, index) => index);
      for (const _ of times(6))
        await Promise.all(
          times(50).map(() => one.engine.submit(id, grantRequest(rootPoolId, "1"))),
        );
      for (const _ of times(5)) {
        const holds = await Promise.all(
          times(50).map(() => two.engine.submit(id, holdRequest(rootPoolId, "1"))),
        );
        await Promise.all(
          holds.map((hold) =>
            two.engine.submit(id, { type: "capture_hold", holdId: idOf(hold), amount: credits(1) }),
          ),
        );
      }
      await Promise.all([
        one.services.events.project(id),
        two.services.events.project(id),
        one.services.events.projectAll(),
        two.services.events.projectAll(),
      ]);
      const events = await allEvents(store, id);
      assert.deepEqual(
        events.map((event) => event.sequence),
        events.map((_, index) => index + 1),
        "numbered densely",
      );
      const issued = events.filter((event) => event.type === "grant.issued");
      assert.equal(issued.length, 300);
      const transfers = new Set(issued.map((event) => dataOf(event).transfer));
      assert.equal(transfers.size, 300, "no transfer told twice");
      const depleted = events.filter((event) => event.type === "grant.depleted");
      assert.equal(depleted.length, 250, "each grant used up told once");
      assert.equal(new Set(depleted.map((event) => dataOf(event).grant)).size, 250);
      const journal = await store.listTransfers(id, { afterSequence: 0, limit: 10_000 });
      assert.equal(await store.eventCheckpoint(id, "journal"), journal.at(-1)?.sequence);
      assert.deepEqual(await store.eventsBehind("journal", 10), []);
      if (sibling !== store) await sibling.close();
      await store.close();
    });

    it("tells of a grant expiring within 72 hours once, whoever runs the pass", async () => {
      const store = await kind.open();
      const sibling = kind.openSibling === undefined ? store : await kind.openSibling();
      const clock = new TestClock();
      const one = node(store, clock, 41);
      const two = node(sibling, clock, 51);
      const { id, rootPoolId } = await one.engine.createOrganization("Expiring");
      const at = (hours: number) => ({ expiresAt: clock.nowMs + hours * hourMs });
      const soon = idOf(await one.engine.submit(id, grantRequest(rootPoolId, "5", at(10))));
      const later = idOf(await one.engine.submit(id, grantRequest(rootPoolId, "5", at(100))));
      await one.engine.submit(id, grantRequest(rootPoolId, "5"));
      const told = async () => {
        const events = await allEvents(store, id);
        return events
          .filter((event) => event.type === "grant.expiring_soon")
          .map((event) => dataOf(event).grant);
      };
      await Promise.all([
        one.services.events.tellExpiringSoon(),
        two.services.events.tellExpiringSoon(),
      ]);
      await one.services.events.tellExpiringSoon();
      assert.deepEqual(await told(), [soon]);
      clock.advance(100 * hourMs - expiringSoonMs + 1);
      await Promise.all([
        one.services.events.tellExpiringSoon(),
        two.services.events.tellExpiringSoon(),
      ]);
      await two.services.events.tellExpiringSoon();
      assert.deepEqual(await told(), [soon, later]);
      if (sibling !== store) await sibling.close();
      await store.close();
    });
  });
}

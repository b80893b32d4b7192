/**
 * A node of creditpool for tests that run several on one database: a store, an engine on a test
 * clock and the services over them. Its engine may be set to die right after a commit, before
 * its caller hears the answer (`dieAfter`), as a process killed between steps would.
 */
import type { Principal } from "../../src/access/principal.ts";
import type { LedgerEngine } from "../../src/engine/engine.ts";
import { seededRandomFill, ulidIdSource } from "../../src/ids.ts";
import { createServices, type Services } from "../../src/services/services.ts";
import type { Store } from "../../src/store/port.ts";
import { type TestClock, testEngine } from "./ledger.ts";

export const operator: Principal = {
  keyId: "key_operator",
  organizationId: null,
  role: "operator",
  poolId: null,
  memberId: null,
};

export interface Node {
  readonly store: Store;
  readonly services: Services;
  /** While set, the engine dies after committing that many more commands. */
  dieAfter: number | null;
  close(): Promise<void>;
}

/** A node whose services' ids come from `seed` (kept far from the engines' own seeds). */
export function testNode(store: Store, clock: TestClock, seed: number): Node {
  const { engine } = testEngine(store, clock);
  let services: Services | undefined;
  const node: Node = {
    store,
    dieAfter: null,
    get services() {
      if (services === undefined) throw new Error("the node's services are not made yet");
      return services;
    },
    close: () => engine.close(),
  };
  const mortal: LedgerEngine = Object.create(engine);
  mortal.submit = async (...args: Parameters<LedgerEngine["submit"]>) => {
    const answer = await engine.submit(...args);
    if (node.dieAfter !== null) {
      if (node.dieAfter === 0) throw new Error("killed after the commit");
      node.dieAfter -= 1;
    }
    return answer;
  };
  services = createServices({
    engine: mortal,
    store,
    clock: clock.read,
    ids: ulidIdSource(clock.read, seededRandomFill(seed)),
    fillRandom: seededRandomFill(seed + 1),
  });
  return node;
}

/** Building blocks for engine tests: a settable clock, seeded ids, and common requests. */
import { credits, type Micros } from "@creditpool/core";
import { type Clock, Engine } from "../../src/engine/engine.ts";
import { type EngineAnswer, resultId } from "../../src/engine/results.ts";
import { seededRandomFill, ulidIdSource } from "../../src/ids.ts";
import type { Store } from "../../src/store/port.ts";

export const start = Date.UTC(2026, 10, 2, 9, 0, 0);

export class TestClock {
  constructor(public nowMs = start) {}
  readonly read: Clock = () => this.nowMs;
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/**
 * The seed of each test engine's id source, far above the small seeds tests give their services'
 * id sources: two sources with one seed on one test clock make the same ids, and a service's
 * chosen grant id would then meet an engine's (`id_in_use`), failing a test for nothing.
 */
let seed = 1_000_000;

export function testEngine(
  store: Store,
  clock = new TestClock(),
): { engine: Engine; clock: TestClock } {
  seed += 1;
  const ids = ulidIdSource(clock.read, seededRandomFill(seed));
  return { engine: new Engine({ store, clock: clock.read, ids }), clock };
}

export function grantRequest(
  poolId: string,
  amount: Micros | string,
  extra: Partial<GrantExtra> = {},
) {
  return {
    type: "create_grant" as const,
    poolId,
    amount: typeof amount === "string" ? credits(amount) : amount,
    source: extra.source ?? ("purchase" as const),
    priority: extra.priority ?? 100,
    effectiveAt: extra.effectiveAt ?? null,
    expiresAt: extra.expiresAt ?? null,
    costBasis: 0n,
  };
}

interface GrantExtra {
  source: "plan" | "purchase" | "promotion";
  priority: number;
  effectiveAt: number | null;
  expiresAt: number | null;
}

export function poolRequest(parentId: string, name: string, hardLimit?: string) {
  return {
    type: "create_pool" as const,
    parentId,
    name,
    drawsFromParent: true,
    limit:
      hardLimit === undefined
        ? null
        : { amount: credits(hardLimit), kind: "hard" as const, period: "month" as const },
    overageLimit: null,
  };
}

export function holdRequest(poolId: string, amount: string, ttlSeconds = 600) {
  return { type: "create_hold" as const, poolId, amount: credits(amount), ttlSeconds };
}

/** The `id` of what an answer made or names: a pool, a grant, or a hold. */
export function idOf(answer: EngineAnswer): string {
  const id = resultId(answer.result);
  if (id === null) throw new Error(`answer has no id: ${JSON.stringify(answer)}`);
  return id;
}

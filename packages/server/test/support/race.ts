/**
 * A race of many concurrent callers placing holds on one pool, spread over several engines:
 * counts what was allowed, so a test can compare it with what the limits allow.
 */
import { credits } from "@creditpool/core";
import type { Engine } from "../../src/engine/engine.ts";

export interface RaceResult {
  readonly allowed: number;
  readonly refused: Map<string, number>;
}

export async function raceHolds(
  engines: readonly Engine[],
  organizationId: string,
  poolId: string,
  callers: number,
  attemptsPerCaller: number,
  keyPrefix = "race",
): Promise<RaceResult> {
  let allowed = 0;
  const refused = new Map<string, number>();
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      const engine = engines[caller % engines.length];
      if (engine === undefined) throw new Error("no engine");
      for (let attempt = 0; attempt < attemptsPerCaller; attempt += 1) {
        const answer = await engine.submit(
          organizationId,
          { type: "create_hold", poolId, amount: credits(1), ttlSeconds: 600 },
          { idempotencyKey: `${keyPrefix}-${caller}-${attempt}` },
        );
        if (answer.code === "ok") allowed += 1;
        else refused.set(answer.code, (refused.get(answer.code) ?? 0) + 1);
      }
    }),
  );
  return { allowed, refused };
}

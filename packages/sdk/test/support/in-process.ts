/**
 * The real HTTP API in process, without a socket: the SDK's `fetch` is the app's own, over a
 * memory store, with an operator key already in it.
 */

import { hashKey, keyPrefixLength } from "../../../server/src/access/keys.ts";
import { apiDependencies } from "../../../server/src/compose.ts";
import { Engine } from "../../../server/src/engine/engine.ts";
import { createApp } from "../../../server/src/http/app.ts";
import { Metrics } from "../../../server/src/http/metrics.ts";
import { seededRandomFill, ulidIdSource } from "../../../server/src/ids.ts";
import { MemoryStore } from "../../../server/src/store/memory/memory-store.ts";
import type { Fetch } from "../../src/index.ts";

export const baseUrl = "http://creditpool.test";
export const operatorKey = "cpk_operatorKeyForTheSdkTests000000";

export interface InProcessApi {
  readonly fetch: Fetch;
  /** Every request the app received, in order. */
  readonly requests: Request[];
  close(): Promise<void>;
}

export async function inProcessApi(): Promise<InProcessApi> {
  const store = new MemoryStore();
  const clock = Date.now;
  const fillRandom = seededRandomFill(42);
  const engine = new Engine({ store, clock, ids: ulidIdSource(clock, fillRandom) });
  const ids = ulidIdSource(clock, fillRandom);
  const metrics = new Metrics();
  const app = createApp(apiDependencies({ engine, store, clock, ids, fillRandom, metrics }));
  await store.insertKey(
    {
      id: ids.next("key"),
      organizationId: null,
      prefix: operatorKey.slice(0, keyPrefixLength),
      hash: hashKey(operatorKey),
      role: "operator",
      poolId: null,
      memberId: null,
      name: "operator",
      createdAt: clock(),
      revokedAt: null,
    },
    null,
  );
  const requests: Request[] = [];
  return {
    requests,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      requests.push(request.clone());
      return app.fetch(request);
    },
    async close() {
      await engine.close();
      await store.close();
    },
  };
}

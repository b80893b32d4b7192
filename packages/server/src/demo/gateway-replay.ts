/**
 * The demo's traffic through the AI gateway: after the simulated weeks, the members who hold
 * before their calls make their calls again, for real, through `/gateway/openai/v1/` of the served
 * demo, with their own keys, against a fake provider on this machine. An admin key sets up what a
 * real organization would: an upstream account per provider, and a rate card priced from the
 * shipped model catalog. Each member's model follows the size of their calls; one call in two
 * streams. What the gateway answered is counted: settled, or refused and why.
 */
import { readFileSync } from "node:fs";
import { type Catalog, pricesFromCatalog } from "@creditpool/core";
import { CreditpoolClient } from "@creditpool/sdk";
import { apiPriceOf } from "../cli/client/pricing.ts";
import { startFakeUpstream } from "../gateway/fake-upstream/fake-upstream.ts";
import { modelCatalogPath } from "../model-catalog.ts";
import { modelOf } from "./acme.ts";
import type { DemoResult } from "./result.ts";

/** The most calls one replay makes: a minute or so of a served demo. */
export const gatewayReplayCallsMax = 10_000;

/** A credit sells for $0.01; list prices plus 20 %. */
const creditValue = "0.01";
const markup = "0.2";

export interface ReplayResult {
  readonly calls: number;
  readonly settled: number;
  /** Refused calls by the creditpool code their error carried. */
  readonly refused: ReadonlyMap<string, number>;
  /** What reached the fake provider. */
  readonly upstreamRequests: number;
}

/** Replays `calls` calls (spread over the members who hold) through the served demo's gateway. */
export async function replayThroughGateway(
  result: DemoResult,
  url: string,
  calls: number,
): Promise<ReplayResult> {
  const admin = result.keys.find((key) => key.role === "admin");
  if (admin === undefined) throw new Error("the demo has no admin key to set the gateway up");
  const fake = await startFakeUpstream();
  try {
    const client = new CreditpoolClient({ baseUrl: url, apiKey: admin.secret });
    await client.upstreams.create({
      provider: "openai",
      name: "demo seat (local fake)",
      base_url: fake.openAiBaseUrl,
      api_key: "sk-demo-fake-0000",
    });
    const catalog = JSON.parse(readFileSync(modelCatalogPath, "utf8")) as Catalog;
    const prices = pricesFromCatalog(catalog, { creditValue, markup }).map(apiPriceOf);
    await client.rateCards.create({ prices, cost_currency: catalog.currency });

    const callers = result.spec.actors.flatMap((actor) => {
      // A member's key is named after them and their role: "Ada Park (member)".
      const key = result.keys.find((each) => each.name === `${actor.name} (${actor.role})`);
      const calling = actor.mode === "holds" && actor.callsPerHour > 0 && key !== undefined;
      return calling ? [{ secret: key.secret, model: modelOf[actor.callSize] }] : [];
    });
    let settled = 0;
    const refused = new Map<string, number>();
    for (let n = 0; n < calls && callers.length > 0; n += 1) {
      const caller = callers[n % callers.length];
      if (caller === undefined) break;
      const code = await call(url, caller.secret, caller.model, n);
      if (code === null) settled += 1;
      else refused.set(code, (refused.get(code) ?? 0) + 1);
    }
    return { calls, settled, refused, upstreamRequests: fake.requests().length };
  } finally {
    await fake.close();
  }
}

/** One chat completion; null when it was answered, else the creditpool code it was refused with. */
async function call(url: string, key: string, model: string, n: number): Promise<string | null> {
  const stream = n % 2 === 0;
  const response = await fetch(`${url}/gateway/openai/v1/chat/completions`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${key}`,
      "content-type": "application/json",
      "x-creditpool-tags": "use_case=demo_replay",
    },
    body: JSON.stringify({
      model,
      max_tokens: 200,
      stream,
      messages: [{ role: "user", content: `Replay call ${n}: summarize the week's tickets.` }],
    }),
  });
  const text = await response.text();
  if (response.ok) return null;
  try {
    const body = JSON.parse(text) as { error?: { creditpool?: { code?: string }; code?: string } };
    return body.error?.creditpool?.code ?? body.error?.code ?? `http_${response.status}`;
  } catch {
    return `http_${response.status}`;
  }
}

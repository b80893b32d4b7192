/**
 * Alerts for HTTP tests: the evaluator of `creditpool serve` over a harness's store and engine,
 * and an alert raised on demand (a fresh balance rule that every pool crosses, evaluated once).
 */
import assert from "node:assert/strict";
import { seededRandomFill, ulidIdSource } from "../../src/ids.ts";
import { createServices, type Services } from "../../src/services/services.ts";
import { type ApiHarness, at, type OrganizationFixture, text } from "./api.ts";

const evaluators = new WeakMap<ApiHarness, Services>();

/** The services of another node on the harness's store, engine and clock. */
export function servicesOf(api: ApiHarness): Services {
  let services = evaluators.get(api);
  if (services === undefined) {
    services = createServices({
      engine: api.engine,
      store: api.store,
      clock: api.clock.read,
      ids: ulidIdSource(api.clock.read, seededRandomFill(4_242)),
      fillRandom: seededRandomFill(4_243),
    });
    evaluators.set(api, services);
  }
  return services;
}

/** A new open alert on `pool`, made with the owner key and one evaluation; answers its id. */
export async function raisedAlert(
  api: ApiHarness,
  org: OrganizationFixture,
  pool: string,
): Promise<string> {
  const rule = await api.ok("POST", "/v1/alert-rules", {
    key: org.ownerKey,
    body: { pool, metric: "balance", below: ["1000000000"] },
  });
  await servicesOf(api).alertEvaluator.evaluate(org.organizationId);
  const listed = await api.ok("GET", `/v1/alerts?rule=${text(rule, "id")}`, { key: org.ownerKey });
  assert.equal(at(listed, "data.0.status"), "open", JSON.stringify(listed));
  return text(listed, "data.0.id");
}

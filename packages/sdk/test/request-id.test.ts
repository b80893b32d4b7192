/** An error says which request it answered: the API's `request_id`, else its `Request-Id`. */
import assert from "node:assert/strict";
import { it } from "node:test";
import { CreditpoolClient, CreditpoolError, type Fetch } from "../src/index.ts";

function answering(status: number, body: unknown, headers: Record<string, string> = {}): Fetch {
  return async () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json", ...headers },
    });
}

async function failure(fetch: Fetch): Promise<CreditpoolError> {
  const client = new CreditpoolClient({ baseUrl: "http://api.test", apiKey: "k", fetch });
  try {
    await client.pools.get("pool_1");
  } catch (error) {
    assert.ok(error instanceof CreditpoolError);
    return error;
  }
  assert.fail("the request succeeded");
}

const notFound = (requestId?: string) => ({
  error: {
    type: "invalid_request_error",
    code: "pool_not_found",
    message: "No such pool in the organization.",
    ...(requestId === undefined ? {} : { request_id: requestId }),
  },
});

it("exposes the request id of the error envelope", async () => {
  const error = await failure(answering(404, notFound("req_body"), { "request-id": "req_head" }));
  assert.deepEqual(
    [error.code, error.type, error.requestId],
    ["pool_not_found", "invalid_request_error", "req_body"],
  );
});

it("falls back on the Request-Id header, also for an answer that is not the envelope", async () => {
  const bare = await failure(answering(404, notFound(), { "request-id": "req_head" }));
  assert.equal(bare.requestId, "req_head");
  const foreign = await failure(answering(404, { oops: true }, { "request-id": "req_proxy" }));
  assert.deepEqual([foreign.code, foreign.requestId], ["invalid_response", "req_proxy"]);
  const none = await failure(answering(404, notFound()));
  assert.equal(none.requestId, undefined);
});

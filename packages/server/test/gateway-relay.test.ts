/**
 * The stream relay on its own: an upstream that stalls past the call's deadline is cut and the
 * call settled without waiting for the client to read, and the client's next read gets the
 * clean ending; a client that goes away settles once, as `disconnected`.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OpenAiChatStreamObserver } from "../src/gateway/protocols/openai-chat.ts";
import { relayStream, type StreamEnd } from "../src/gateway/relay.ts";

const encoder = new TextEncoder();

/** An upstream that sends `first`, then nothing more until it is cut. */
function stallingUpstream(first: string) {
  let aborted = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(first));
    },
  });
  return { stream, abort: () => (aborted = true), aborted: () => aborted };
}

const chunk =
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n';

function relay(deadline: number, ends: StreamEnd[], upstream = stallingUpstream(chunk)) {
  const stream = relayStream(upstream.stream, upstream.abort, {
    observer: new OpenAiChatStreamObserver(),
    forwardUsageChunk: false,
    withinHold: async () => true,
    ending: () => "data: [DONE]\n\n",
    settle: async (end) => {
      ends.push(end);
    },
    onError: (error) => assert.fail(String(error)),
    deadline,
  });
  return { stream, upstream };
}

describe("the stream relay", () => {
  it("cuts a stalled stream at its deadline and settles it before the client reads again", async () => {
    const ends: StreamEnd[] = [];
    const { stream, upstream } = relay(Date.now() + 50, ends);
    const reader = stream.getReader();
    const first = await reader.read();
    assert.match(new TextDecoder().decode(first.value), /"content":"Hi"/);
    await new Promise((resolve) => setTimeout(resolve, 120));
    assert.deepEqual(ends, ["ended_at_limit"], "settled while the client was not reading");
    assert.equal(upstream.aborted(), true);
    const ending = await reader.read();
    assert.equal(new TextDecoder().decode(ending.value), "data: [DONE]\n\n");
    assert.equal((await reader.read()).done, true);
    assert.deepEqual(ends, ["ended_at_limit"], "settled once");
  });

  it("settles a client gone mid-stream once, as disconnected", async () => {
    const ends: StreamEnd[] = [];
    const { stream, upstream } = relay(Date.now() + 60_000, ends);
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    assert.deepEqual(ends, ["disconnected"]);
    assert.equal(upstream.aborted(), true);
  });
});

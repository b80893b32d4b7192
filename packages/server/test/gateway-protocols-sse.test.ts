/**
 * The server-sent events decoder: the format's rules as an example table, the same events
 * whatever the network's splits (every single split, then random ones), and its bounds.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  SseDecoder,
  type SseEvent,
  SseLimitExceeded,
} from "../src/gateway/protocols/sse-decoder.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

function decodeWhole(text: string): SseEvent[] {
  return new SseDecoder().push(bytes(text));
}

function decodeSplit(whole: Uint8Array, cuts: readonly number[]): SseEvent[] {
  const decoder = new SseDecoder();
  const events: SseEvent[] = [];
  let start = 0;
  for (const cut of [...cuts, whole.length]) {
    events.push(...decoder.push(whole.subarray(start, cut)));
    start = cut;
  }
  return events;
}

describe("the format, one line per rule", () => {
  const table: readonly [string, string, SseEvent[]][] = [
    ["data only", "data: {}\n\n", [{ data: "{}" }]],
    ["named event", "event: ping\ndata: {}\n\n", [{ event: "ping", data: "{}" }]],
    ["no space after the colon", "data:x\n\n", [{ data: "x" }]],
    ["only one space is taken", "data:  x\n\n", [{ data: " x" }]],
    ["data lines joined by LF", "data: a\ndata: b\n\n", [{ data: "a\nb" }]],
    ["CR LF line ends", "event: e\r\ndata: 1\r\n\r\n", [{ event: "e", data: "1" }]],
    ["CR line ends", "data: 1\r\rdata: 2\r\r", [{ data: "1" }, { data: "2" }]],
    ["a comment is skipped", ": keep-alive\n\ndata: 1\n\n", [{ data: "1" }]],
    ["no data: nothing dispatched", "event: e\n\n", []],
    ["event name does not leak", "event: e\n\ndata: 1\n\n", [{ data: "1" }]],
    ["id and retry are read, not kept", "id: 7\nretry: 10\ndata: 1\n\n", [{ data: "1" }]],
    ["a field without a colon", "data\n\n", [{ data: "" }]],
    ["a leading byte order mark", "\uFEFFdata: 1\n\n", [{ data: "1" }]],
    ["no blank line yet: pending", "data: 1\n", []],
    ["the OpenAI terminator", "data: [DONE]\n\n", [{ data: "[DONE]" }]],
    ["multi-byte characters", "data: héllo 👋\n\n", [{ data: "héllo 👋" }]],
  ];
  for (const [name, text, events] of table) {
    it(name, () => assert.deepEqual(decodeWhole(text), events));
  }
});

const recorded = [
  "event: message_start\r\n",
  'data: {"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":3}}}\r\n\r\n',
  ": comment\n\n",
  'event: content_block_delta\ndata: {"delta":{"text":"日本語 👋"}}\n\n',
  "data: a\rdata: b\r\r",
  "data: [DONE]\n\n",
].join("");

describe("splits", () => {
  const whole = bytes(recorded);
  const expected = new SseDecoder().push(whole);

  it("the recorded stream has its four events", () => {
    assert.deepEqual(
      expected.map((event) => event.event ?? event.data),
      ["message_start", "content_block_delta", "a\nb", "[DONE]"],
    );
  });

  it("split at every byte boundary, the same events", () => {
    for (let cut = 0; cut <= whole.length; cut += 1) {
      assert.deepEqual(decodeSplit(whole, [cut]), expected, `split at byte ${cut}`);
    }
  });

  it("split anywhere, many times, the same events", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: whole.length }), { maxLength: 40 }), (cuts) => {
        assert.deepEqual(
          decodeSplit(
            whole,
            [...cuts].sort((a, b) => a - b),
          ),
          expected,
        );
      }),
    );
  });

  it("a buffer the caller reuses after push changes nothing decoded", () => {
    const decoder = new SseDecoder();
    const buffer = bytes("data: abc");
    decoder.push(buffer);
    buffer.fill(0x41);
    assert.deepEqual(decoder.push(bytes("\n\n")), [{ data: "abc" }]);
  });
});

describe("the end of a stream", () => {
  it("ended between events", () => {
    const decoder = new SseDecoder();
    decoder.push(bytes("data: 1\n\n"));
    assert.equal(decoder.endedCleanly(), true);
  });

  it("ended inside an event, or inside a line", () => {
    const inEvent = new SseDecoder();
    inEvent.push(bytes("data: 1\n"));
    assert.equal(inEvent.endedCleanly(), false);
    const inLine = new SseDecoder();
    inLine.push(bytes("data: 1"));
    assert.equal(inLine.endedCleanly(), false);
  });
});

describe("bounds", () => {
  it("a line longer than its maximum throws, even with no line end in sight", () => {
    const decoder = new SseDecoder({ lineBytesMax: 16 });
    decoder.push(bytes("data: 0123456789"));
    assert.throws(
      () => decoder.push(bytes("x")),
      (error) => error instanceof SseLimitExceeded && error.limit === "line",
    );
    assert.throws(() => decoder.push(bytes("\n\n")), SseLimitExceeded);
  });

  it("a line at its maximum is read", () => {
    const decoder = new SseDecoder({ lineBytesMax: 16 });
    assert.deepEqual(decoder.push(bytes("data: 0123456789\n\n")), [{ data: "0123456789" }]);
  });

  it("an event whose data lines pass its maximum throws", () => {
    const decoder = new SseDecoder({ lineBytesMax: 100, eventBytesMax: 40 });
    decoder.push(bytes("data: 0123456789\ndata: 0123456789\n"));
    assert.throws(
      () => decoder.push(bytes("data: 0123456789\n")),
      (error) => error instanceof SseLimitExceeded && error.limit === "event",
    );
  });

  it("the count of an event starts again after each event", () => {
    const decoder = new SseDecoder({ lineBytesMax: 100, eventBytesMax: 40 });
    for (let i = 0; i < 10; i += 1) {
      assert.deepEqual(decoder.push(bytes("data: 0123456789\n\n")), [{ data: "0123456789" }]);
    }
  });
});

/**
 * The fake upstream's control API under `/_fake/` (script, list, requests, reset), what it
 * refuses and bounds, the providers' answers to a request without a credential or too large, and
 * the `creditpool fake-upstream` command (compiled: `npm run build` first).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  BehaviourQueue,
  FakeScriptRefused,
  fakeBehavioursQueuedMax,
} from "../src/gateway/fake-upstream/behaviours.ts";
import {
  type FakeUpstream,
  fakeRequestBodyBytesMax,
  startFakeUpstream,
} from "../src/gateway/fake-upstream/fake-upstream.ts";
import { fakeRequestsRecordedMax, RequestLog } from "../src/gateway/fake-upstream/recorder.ts";
import { bin } from "./support/cli.ts";

let fake: FakeUpstream;
before(async () => {
  fake = await startFakeUpstream();
});
after(() => fake.close());
beforeEach(() => fake.reset());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${fake.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const chat = { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] };
const bearer = { authorization: "Bearer sk-1" };

describe("the control API", () => {
  it("scripts one behaviour or several, lists them, and they are consumed in order", async () => {
    assert.deepEqual(
      await (await post("/_fake/behaviours", { kind: "reply", text: "first" })).json(),
      {
        queued: 1,
      },
    );
    const many = {
      behaviours: [
        { kind: "reply", text: "second" },
        { kind: "rate_limit", retry_after_seconds: 3 },
      ],
    };
    assert.deepEqual(await (await post("/_fake/behaviours", many)).json(), { queued: 3 });
    const listed = (await (await fetch(`${fake.url}/_fake/behaviours`)).json()) as {
      data: unknown[];
    };
    assert.equal(listed.data.length, 3);
    const texts = [];
    for (let i = 0; i < 2; i += 1) {
      const answer = (await (await post("/v1/chat/completions", chat, bearer)).json()) as {
        choices: { message: { content: string } }[];
      };
      texts.push(answer.choices[0]?.message.content);
    }
    assert.deepEqual(texts, ["first", "second"]);
    const limited = await post("/v1/chat/completions", chat, bearer);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "3");
  });

  it("refuses a wrong behaviour, naming the field, and queues none of the batch", async () => {
    const answer = await post("/_fake/behaviours", {
      behaviours: [{ kind: "reply" }, { kind: "error", status: 200, type: "x", message: "m" }],
    });
    assert.equal(answer.status, 400);
    const body = (await answer.json()) as { error: { param: string } };
    assert.equal(body.error.param, "behaviours.1.status");
    assert.deepEqual(fake.requests(), []);
    const listed = (await (await fetch(`${fake.url}/_fake/behaviours`)).json()) as {
      data: unknown[];
    };
    assert.deepEqual(listed.data, []);
  });

  it("refuses an unknown field and a body that is not JSON", async () => {
    const unknown = await post("/_fake/behaviours", { kind: "reply", colour: "red" });
    assert.equal(unknown.status, 400);
    const notJson = await post("/_fake/behaviours", "{");
    assert.equal(notJson.status, 400);
  });

  it("in process, a wrong behaviour throws naming the field", () => {
    assert.throws(
      () => fake.script({ kind: "cut", after_chunks: -1 }),
      (error) => error instanceof FakeScriptRefused && error.param === "behaviours.0.after_chunks",
    );
  });

  it("records requests (path, model, credential, size) and forgets them on reset", async () => {
    await post("/v1/chat/completions", chat, bearer);
    const recorded = (await (await fetch(`${fake.url}/_fake/requests`)).json()) as {
      data: {
        path: string;
        model: string;
        credential: unknown;
        body_bytes: number;
        body: unknown;
      }[];
    };
    assert.equal(recorded.data.length, 1);
    assert.equal(recorded.data[0]?.path, "/v1/chat/completions");
    assert.equal(recorded.data[0]?.model, "gpt-4o-mini");
    assert.deepEqual(recorded.data[0]?.credential, { scheme: "bearer", key: "sk-1" });
    assert.equal(recorded.data[0]?.body_bytes, JSON.stringify(chat).length);
    assert.deepEqual(recorded.data[0]?.body, chat);
    await post("/_fake/reset", {});
    assert.deepEqual(fake.requests(), []);
  });
});

describe("bounds", () => {
  it("the queue holds at most its maximum; one more is refused and nothing is added", () => {
    const queue = new BehaviourQueue();
    queue.add(Array.from({ length: fakeBehavioursQueuedMax }, () => ({ kind: "reply" as const })));
    assert.throws(() => queue.add([{ kind: "reply" }]), FakeScriptRefused);
    assert.equal(queue.pending().length, fakeBehavioursQueuedMax);
  });

  it("the record keeps the newest requests only", () => {
    const log = new RequestLog();
    for (let i = 0; i <= fakeRequestsRecordedMax; i += 1) {
      log.record({
        method: "POST",
        path: `/v1/${i}`,
        model: null,
        stream: false,
        credential: null,
        anthropic_version: null,
        body_bytes: 0,
        body: null,
        received_at: "",
      });
    }
    const all = log.all();
    assert.equal(all.length, fakeRequestsRecordedMax);
    assert.equal(all[0]?.path, "/v1/1");
  });

  it("a body past the maximum is a 413 in the provider's shape", async () => {
    const big = JSON.stringify({ ...chat, padding: "x".repeat(fakeRequestBodyBytesMax) });
    const answer = await post("/v1/chat/completions", big, bearer);
    assert.equal(answer.status, 413);
    const body = (await answer.json()) as { error: { type: string } };
    assert.equal(body.error.type, "invalid_request_error");
  });
});

describe("the providers' refusals", () => {
  it("OpenAI without a bearer key: 401 in OpenAI's shape", async () => {
    const answer = await post("/v1/chat/completions", chat);
    assert.equal(answer.status, 401);
    const body = (await answer.json()) as { error: { type: string; param: null; code: null } };
    assert.equal(body.error.type, "invalid_request_error");
  });

  it("Anthropic without a key: 401 authentication_error; without a version: 400", async () => {
    const noKey = await post("/v1/messages", { ...chat, max_tokens: 5 });
    assert.equal(noKey.status, 401);
    assert.deepEqual(((await noKey.json()) as { error: unknown }).error, {
      type: "authentication_error",
      message: "x-api-key header is required",
    });
    const noVersion = await post("/v1/messages", { ...chat, max_tokens: 5 }, { "x-api-key": "k" });
    assert.equal(noVersion.status, 400);
  });

  it("a body that is not a JSON object: 400", async () => {
    const answer = await post("/v1/chat/completions", "[1]", bearer);
    assert.equal(answer.status, 400);
  });
});

describe("creditpool fake-upstream", () => {
  it("serves, prints both base URLs and a hint, and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [bin, "fake-upstream", "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = await new Promise<string>((resolve, reject) => {
      let text = "";
      const timer = setTimeout(() => reject(new Error(`nothing printed: ${text}`)), 20_000);
      child.stdout.on("data", (piece: Buffer) => {
        text += piece.toString();
        if (text.includes("/_fake/")) {
          clearTimeout(timer);
          resolve(text);
        }
      });
    });
    const origin = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    assert.ok(origin !== undefined, output);
    assert.match(output, new RegExp(`OpenAI base URL: +${origin}/v1\\n`));
    assert.match(output, new RegExp(`Anthropic base URL: +${origin}\\n`));
    const models = await fetch(`${origin}/v1/models`, { headers: bearer });
    assert.equal(models.status, 200);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    assert.equal(await exited, 0);
  });
});

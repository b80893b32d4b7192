/**
 * A fake AI provider for tests and local trials: a real HTTP server that speaks OpenAI's and
 * Anthropic's wire formats (the routes and shapes their official SDKs use), replies
 * deterministically, and does what a test scripts it to: replies of given text and usage, the
 * providers' errors, rate limits with `retry-after`, streams cut mid-way, a slow first byte.
 * Scripts and the record of requests are reached in process (`script`, `requests`, `reset`) or
 * over HTTP under `/_fake/`, a prefix no provider route uses.
 */
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { anthropicError, openAiError } from "../protocols/error-bodies.ts";
import { countTokens, messages } from "./anthropic-messages.ts";
import {
  BehaviourQueue,
  type FakeBehaviour,
  FakeScriptRefused,
  parseBehaviours,
} from "./behaviours.ts";
import type { FakeContext, FakeEnv, FakeState } from "./exchange.ts";
import { intake, type Provider, type ProviderRequest } from "./intake.ts";
import { embeddings, models } from "./openai-catalog.ts";
import { chatCompletions } from "./openai-chat.ts";
import { responses } from "./openai-responses.ts";
import { type RecordedRequest, RequestLog } from "./recorder.ts";

/** The largest request body the fake reads. */
export const fakeRequestBodyBytesMax = 4 * 1024 * 1024;

export interface FakeUpstreamOptions {
  /** 0 (the default) takes a free port. */
  readonly port?: number;
  readonly host?: string;
}

export interface FakeUpstream {
  /** The server's origin: Anthropic's SDK takes it as its base URL. */
  readonly url: string;
  /** `url` + `/v1`: OpenAI's SDK takes it as its base URL. */
  readonly openAiBaseUrl: string;
  /** Queues behaviours in order; throws `FakeScriptRefused` naming a field that is wrong. */
  script(...behaviours: FakeBehaviour[]): void;
  requests(): readonly RecordedRequest[];
  /** Forgets the queued behaviours and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

type Handler = (c: FakeContext, state: FakeState, request: ProviderRequest) => Promise<Response>;

export function fakeUpstreamApp(state: FakeState): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  const route = (provider: Provider, handler: Handler) => async (c: FakeContext) => {
    const request = await intake(c, state, provider);
    return request instanceof Response ? request : handler(c, state, request);
  };
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize: fakeRequestBodyBytesMax,
      onError: (c) => {
        const message = `request bodies are at most ${fakeRequestBodyBytesMax} bytes`;
        const anthropic = c.req.path.startsWith("/v1/messages");
        const answer = anthropic
          ? anthropicError({ status: 413, type: "request_too_large", message })
          : openAiError({ status: 413, type: "invalid_request_error", message });
        return c.json(answer.body, 413);
      },
    }),
  );
  app.post("/v1/chat/completions", route("openai", chatCompletions));
  app.post("/v1/responses", route("openai", responses));
  app.post("/v1/embeddings", route("openai", embeddings));
  app.get(
    "/v1/models",
    route("openai", async (c) => models(c)),
  );
  app.post("/v1/messages", route("anthropic", messages));
  app.post("/v1/messages/count_tokens", route("anthropic", countTokens));

  app.post("/_fake/behaviours", async (c) => {
    try {
      const behaviours = parseBehaviours(await c.req.json());
      return c.json({ queued: state.queue.add(behaviours) });
    } catch (error) {
      if (error instanceof FakeScriptRefused) {
        return c.json({ error: { message: error.message, param: error.param } }, 400);
      }
      if (error instanceof SyntaxError) {
        return c.json({ error: { message: "the body is not JSON", param: null } }, 400);
      }
      throw error;
    }
  });
  app.get("/_fake/behaviours", (c) => c.json({ data: state.queue.pending() }));
  app.get("/_fake/requests", (c) => c.json({ data: state.log.all() }));
  app.post("/_fake/reset", (c) => {
    state.queue.clear();
    state.log.clear();
    return c.json({ reset: true });
  });
  app.notFound((c) =>
    c.json(
      openAiError({ status: 404, type: "invalid_request_error", message: `no route ${c.req.path}` })
        .body,
      404,
    ),
  );
  return app;
}

export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const closing = new AbortController();
  const state: FakeState = {
    queue: new BehaviourQueue(),
    log: new RequestLog(),
    closing: closing.signal,
    answers: 0,
  };
  const app = fakeUpstreamApp(state);
  const server = createAdaptorServer({ fetch: app.fetch });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    openAiBaseUrl: `${url}/v1`,
    script: (...behaviours) => {
      state.queue.add(parseBehaviours({ behaviours }));
    },
    requests: () => state.log.all(),
    reset: () => {
      state.queue.clear();
      state.log.clear();
    },
    close: () => {
      closing.abort();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
    },
  };
}

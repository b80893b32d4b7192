/**
 * What a test scripts the fake upstream to do: behaviours queued in order and consumed one per
 * provider request, the first whose `model` matches (a behaviour without `model` matches any).
 * A request that finds none gets the default deterministic reply.
 */
import { z } from "zod";

/** The most behaviours waiting at once; scripting more is refused. */
export const fakeBehavioursQueuedMax = 1000;
/** The most chunks (stream events) a scripted reply may ask for. */
export const fakeChunksMax = 1000;
/** The longest delay a behaviour may ask for, before the first byte or between chunks. */
export const fakeDelayMsMax = 60_000;

const count = z.number().int().min(0).max(1_000_000_000);
const delay = z.number().int().min(0).max(fakeDelayMsMax);
const model = z.string().min(1).max(200);

const usage = z
  .object({
    input_tokens: count,
    cached_input_tokens: count,
    cache_write_tokens: count,
    output_tokens: count,
    reasoning_tokens: count,
  })
  .partial()
  .strict();

const replyFields = {
  model: model.optional(),
  /** The text to answer; by default, words of the request's own text. */
  text: z.string().max(1_000_000).optional(),
  /** Usage figures in creditpool's meters; each missing one is counted from the request and text. */
  usage: usage.optional(),
  /** Content chunks a stream splits the text into. */
  chunks: z.number().int().min(1).max(fakeChunksMax).optional(),
  chunk_delay_ms: delay.optional(),
  first_byte_delay_ms: delay.optional(),
  /** `length` answers as a model stopped by its token limit; by default, as the request implies. */
  finish_reason: z.enum(["stop", "length"]).optional(),
  /** The model the answer names, as a provider names a dated snapshot of the model asked for. */
  reported_model: model.optional(),
};

export const fakeBehaviourSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("reply"), ...replyFields }).strict(),
  z
    .object({
      kind: z.literal("error"),
      model: model.optional(),
      status: z.number().int().min(400).max(599),
      /** The provider's error type (`invalid_request_error`, `overloaded_error`, …). */
      type: z.string().min(1).max(100),
      message: z.string().max(10_000),
      code: z.string().max(100).optional(),
      param: z.string().max(100).optional(),
      retry_after_seconds: z.number().int().min(0).max(86_400).optional(),
      first_byte_delay_ms: delay.optional(),
      /** For a streamed request: the error comes as an event after this many chunks. */
      after_chunks: z.number().int().min(0).max(fakeChunksMax).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("rate_limit"),
      model: model.optional(),
      retry_after_seconds: z.number().int().min(0).max(86_400),
      message: z.string().max(10_000).optional(),
      first_byte_delay_ms: delay.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("cut"),
      ...replyFields,
      /** Stream events written before the connection is destroyed (a whole answer: none). */
      after_chunks: z.number().int().min(0).max(fakeChunksMax),
    })
    .strict(),
]);

export type FakeBehaviour = z.infer<typeof fakeBehaviourSchema>;
export type FakeReplyBehaviour = Extract<FakeBehaviour, { kind: "reply" | "cut" }>;

export class FakeScriptRefused extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/** Behaviours parsed from JSON: one, or `{ behaviours: [...] }`; refused naming the field. */
export function parseBehaviours(input: unknown): FakeBehaviour[] {
  const many =
    typeof input === "object" && input !== null && "behaviours" in input
      ? (input as { behaviours: unknown }).behaviours
      : [input];
  if (!Array.isArray(many))
    throw new FakeScriptRefused("behaviours", "behaviours must be an array");
  return many.map((each, index) => {
    const parsed = fakeBehaviourSchema.safeParse(each);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const path = ["behaviours", String(index), ...(issue?.path ?? []).map(String)].join(".");
    throw new FakeScriptRefused(path, `${path}: ${issue?.message ?? "invalid"}`);
  });
}

export class BehaviourQueue {
  #queue: FakeBehaviour[] = [];

  /** Appends all of them, or none when they would pass `fakeBehavioursQueuedMax`. */
  add(behaviours: readonly FakeBehaviour[]): number {
    if (this.#queue.length + behaviours.length > fakeBehavioursQueuedMax) {
      throw new FakeScriptRefused(
        "behaviours",
        `at most ${fakeBehavioursQueuedMax} behaviours wait at once (${this.#queue.length} do)`,
      );
    }
    this.#queue.push(...behaviours);
    return this.#queue.length;
  }

  /** Takes the first behaviour for this model, or null: the default reply. */
  take(requestModel: string | null): FakeBehaviour | null {
    const index = this.#queue.findIndex(
      (behaviour) => behaviour.model === undefined || behaviour.model === requestModel,
    );
    if (index === -1) return null;
    const [taken] = this.#queue.splice(index, 1);
    return taken ?? null;
  }

  pending(): readonly FakeBehaviour[] {
    return [...this.#queue];
  }

  clear(): void {
    this.#queue = [];
  }
}

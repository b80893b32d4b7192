/**
 * The fake's `POST /v1/embeddings` and `GET /v1/models`. Embeddings are deterministic vectors
 * derived from each input's text, as floats or as the base64 of little-endian float32s (what the
 * OpenAI SDK asks for by default).
 */
import { type FakeContext, type FakeState, nextId } from "./exchange.ts";
import { failureBeforeReply, invalidRequest, type ProviderRequest } from "./intake.ts";
import { promptTokensOf } from "./reply.ts";

/** Dimensions of an embedding when the request does not ask for others. */
export const fakeEmbeddingDimensionsDefault = 16;
/** The most dimensions a request may ask for (OpenAI's largest model has 3072). */
export const fakeEmbeddingDimensionsMax = 3072;
/** The most inputs one embeddings request may carry, as OpenAI allows. */
export const fakeEmbeddingInputsMax = 2048;

/** The models `GET /v1/models` lists. */
export const fakeOpenAiModels = [
  "gpt-5",
  "gpt-5-mini",
  "gpt-4.1",
  "gpt-4o-mini",
  "text-embedding-3-small",
];

export async function embeddings(
  c: FakeContext,
  state: FakeState,
  request: ProviderRequest,
): Promise<Response> {
  const { body } = request;
  if (request.model === null)
    return invalidRequest(c, "openai", "you must provide a model parameter");
  const inputs = embeddingInputs(body.input);
  if (inputs === null) {
    return invalidRequest(
      c,
      "openai",
      `'input' must be a string or an array of at most ${fakeEmbeddingInputsMax}`,
    );
  }
  const dimensions = body.dimensions ?? fakeEmbeddingDimensionsDefault;
  if (
    typeof dimensions !== "number" ||
    !Number.isInteger(dimensions) ||
    dimensions < 1 ||
    dimensions > fakeEmbeddingDimensionsMax
  ) {
    return invalidRequest(
      c,
      "openai",
      `'dimensions' must be an integer from 1 to ${fakeEmbeddingDimensionsMax}`,
    );
  }
  const format = body.encoding_format ?? "float";
  if (format !== "float" && format !== "base64") {
    return invalidRequest(c, "openai", "'encoding_format' must be 'float' or 'base64'");
  }
  const requestId = nextId(state, "req_");
  const failure = failureBeforeReply(c, "openai", request, requestId);
  if (failure !== null) return failure;
  const scripted =
    request.behaviour?.kind === "reply" ? request.behaviour.usage?.input_tokens : undefined;
  const tokens = inputs.reduce(
    (sum, input) => sum + (typeof input === "string" ? promptTokensOf(input) : input.length),
    0,
  );
  const data = inputs.map((input, index) => {
    const vector = vectorOf(typeof input === "string" ? input : input.join(","), dimensions);
    return {
      object: "embedding",
      index,
      embedding: format === "float" ? [...vector] : Buffer.from(vector.buffer).toString("base64"),
    };
  });
  const prompt = scripted ?? tokens;
  return c.json(
    {
      object: "list",
      data,
      model: request.model,
      usage: { prompt_tokens: prompt, total_tokens: prompt },
    },
    200,
    { "x-request-id": requestId },
  );
}

export function models(c: FakeContext): Response {
  return c.json({
    object: "list",
    data: fakeOpenAiModels.map((id) => ({
      id,
      object: "model",
      created: 1_700_000_000,
      owned_by: "system",
    })),
  });
}

/** The inputs as strings or token arrays; null when the field is not one of OpenAI's forms. */
function embeddingInputs(input: unknown): (string | number[])[] | null {
  if (typeof input === "string") return [input];
  if (!Array.isArray(input) || input.length === 0 || input.length > fakeEmbeddingInputsMax)
    return null;
  if (input.every((each) => typeof each === "number")) return [input as number[]];
  const all = input.every(
    (each) =>
      typeof each === "string" || (Array.isArray(each) && each.every((n) => typeof n === "number")),
  );
  return all ? (input as (string | number[])[]) : null;
}

/** A vector in [-1, 1) from a hash of the text, the same for the same text. */
function vectorOf(text: string, dimensions: number): Float32Array {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  const vector = new Float32Array(dimensions);
  for (let i = 0; i < dimensions; i += 1) {
    hash = Math.imul(hash ^ (i + 1), 16777619);
    vector[i] = ((hash >>> 0) / 2 ** 32) * 2 - 1;
  }
  return vector;
}

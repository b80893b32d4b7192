/**
 * OpenAI's tokenizers, through gpt-tokenizer (pure JavaScript, the same tables as tiktoken):
 * `o200k_base` for the gpt-4o, gpt-4.1, gpt-4.5, gpt-5 and o-series families, `cl100k_base` for
 * gpt-4, gpt-3.5 and the text-embedding models. Any other model has no published tokenizer here
 * and is estimated (`estimate.ts`).
 *
 * Byte-pair encoding is quadratic in the length of one pre-tokenized piece (a run of letters, of
 * punctuation or of white space): a 16,000-letter word takes a second. A text with a run of
 * `runCharsMax` or more such characters is therefore not encoded: it counts one token a byte,
 * which bounds any byte-level BPE from above (every token is at least one byte). So is text past
 * the request's budget of `limits.gatewayExactTextBytesMax` bytes.
 */
import { limits } from "@creditpool/core";
import { countTokens as countCl100k } from "gpt-tokenizer/encoding/cl100k_base";
import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";

export type Encoding = "o200k_base" | "cl100k_base";

/** Runs of this many letters, punctuation or white space are not encoded (see above). */
export const runCharsMax = 64;
const longRun = new RegExp(
  `[\\p{L}\\p{M}]{${runCharsMax}}|[^\\s\\p{L}\\p{N}]{${runCharsMax}}|\\s{${runCharsMax}}`,
  "u",
);
/** Text that names a special token (`<|endoftext|>`) is text, as the API treats it. */
const asText = { disallowedSpecial: new Set<string>() };

const o200kPrefixes = ["gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4"];
const cl100kPrefixes = ["gpt-4", "gpt-3.5", "text-embedding-3", "text-embedding-ada-002"];

/** The model's encoding, by the family its name starts with; null for any other model. */
export function encodingOf(model: string): Encoding | null {
  const name = model.toLowerCase();
  if (o200kPrefixes.some((prefix) => name.startsWith(prefix))) return "o200k_base";
  if (cl100kPrefixes.some((prefix) => name.startsWith(prefix))) return "cl100k_base";
  return null;
}

/**
 * Counts the texts of one request with one encoding, within the request's byte budget. `exact`
 * stays true while every text was encoded; a text past the budget or with a long run counts its
 * UTF-8 bytes instead and makes the whole count an upper bound.
 */
export class TokenCounter {
  exact = true;
  private budget: number = limits.gatewayExactTextBytesMax;

  constructor(readonly encoding: Encoding) {}

  count(text: string): number {
    if (text.length === 0) return 0;
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > this.budget || longRun.test(text)) {
      this.exact = false;
      return bytes;
    }
    this.budget -= bytes;
    return this.encoding === "o200k_base" ? countO200k(text, asText) : countCl100k(text, asText);
  }
}

/**
 * A request as sizing sees it, whatever its provider's shape: the model, the messages with their
 * text and images, the tools, the output asked for. The readers (`openai-request.ts`,
 * `anthropic-request.ts`) make one; the counters read it.
 */

/** How closely an image is looked at: OpenAI's `detail`; Anthropic's images are `auto`. */
export type ImageDetail = "low" | "high" | "auto";

export interface PromptMessage {
  readonly role: string;
  readonly name: string | null;
  /** The text the message carries, in order: content parts, tool calls and results as text. */
  readonly texts: readonly string[];
  readonly images: readonly ImageDetail[];
  /** A system or developer message (or `system`, `instructions`). */
  readonly system: boolean;
  /**
   * The content was one string and nothing else: the case OpenAI's published counting covers
   * exactly. Parts, tool calls and results are counted by their text, an approximation.
   */
  readonly plain: boolean;
}

export interface PromptTool {
  readonly name: string;
  readonly description: string;
  /** The JSON schema of the tool's arguments, as given. */
  readonly parameters: unknown;
}

export interface Prompt {
  readonly model: string;
  readonly messages: readonly PromptMessage[];
  readonly tools: readonly PromptTool[];
  /** `max_tokens` or its kin as the request gave it, and the field it came in; null if none. */
  readonly outputTokens: { readonly tokens: number; readonly param: string } | null;
  /** Answers the request asks for (chat's `n`), each as long as the output ceiling allows. */
  readonly choices: number;
  /** An embeddings request's inputs: texts, or token arrays as their lengths. Else null. */
  readonly embeddingInputs: readonly (string | number)[] | null;
  /** Anthropic prompt caching was asked for (`cache_control`): input may be a cache write. */
  readonly cacheWrite: boolean;
}

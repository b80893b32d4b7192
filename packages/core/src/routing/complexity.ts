/**
 * The complexity classifier: from what a request shows (its size, turns, tools, system prompt,
 * code, long documents and the output it asks for) to a tier, with every rule that fired and the
 * figure and threshold that made it fire. Pure and deterministic: the same input always answers
 * the same tier and reasons, in the order of `complexityRules`.
 *
 * Each rule names two thresholds: at or above `standard` the request is at least standard, at or
 * above `heavy` it is heavy. The tier is the heaviest any rule reaches, never below the policy's
 * default tier; an explicit hint (`x-creditpool-tier`) wins over every rule. A rule only ever
 * raises the tier, so more of anything (tools, turns, tokens) never makes a request lighter.
 * `docs/concepts/routing.md` shows the same table.
 */
import { type ComplexityTier, heavierTier } from "./tiers.ts";

/** What the classifier reads of a request; the gateway's sizing measures it. */
export interface ComplexityInput {
  /** Input tokens of the whole request, as sized. */
  readonly inputTokens: number;
  /** Messages (or input items) of the conversation, the system prompt not counted. */
  readonly messages: number;
  /** Tool (function) definitions the request offers. */
  readonly tools: number;
  /** Tokens of the system prompt (system and developer messages, `instructions`). */
  readonly systemTokens: number;
  /** Fenced code blocks (```) in the request's text. */
  readonly codeBlocks: number;
  /** Tokens of the longest single message: a long document pasted in. */
  readonly longestMessageTokens: number;
  /** The output the request asks for (`max_tokens` or its kin); null when it names none. */
  readonly outputTokens: number | null;
}

export type ComplexityRuleName = keyof Omit<ComplexityInput, "outputTokens"> | "outputTokens";

export interface ComplexityRule {
  readonly rule: ComplexityRuleName;
  readonly standard: number;
  readonly heavy: number;
}

/** The rules, in the order their reasons are listed. */
export const complexityRules: readonly ComplexityRule[] = [
  { rule: "inputTokens", standard: 2_000, heavy: 32_000 },
  { rule: "messages", standard: 8, heavy: 32 },
  { rule: "tools", standard: 1, heavy: 8 },
  { rule: "systemTokens", standard: 1_000, heavy: 8_000 },
  { rule: "codeBlocks", standard: 1, heavy: 6 },
  { rule: "longestMessageTokens", standard: 4_000, heavy: 24_000 },
  { rule: "outputTokens", standard: 2_000, heavy: 16_000 },
];

/** One reason of an answer: a rule that fired, or the hint, or the policy's default tier. */
export type ComplexityReason =
  | {
      readonly rule: ComplexityRuleName;
      readonly figure: number;
      readonly threshold: number;
      readonly tier: ComplexityTier;
    }
  | { readonly rule: "hint"; readonly tier: ComplexityTier }
  | { readonly rule: "default_tier"; readonly tier: ComplexityTier };

export interface Complexity {
  readonly tier: ComplexityTier;
  readonly reasons: readonly ComplexityReason[];
}

/**
 * The tier of a request: the hint when given, else the heaviest tier a rule reaches, at least
 * `defaultTier`. Reasons list the hint alone, or each rule that fired and the default tier when
 * it is above every rule's.
 */
export function classifyComplexity(
  input: ComplexityInput,
  hint: ComplexityTier | null = null,
  defaultTier: ComplexityTier = "light",
): Complexity {
  if (hint !== null) return { tier: hint, reasons: [{ rule: "hint", tier: hint }] };
  const reasons: ComplexityReason[] = [];
  let tier: ComplexityTier = "light";
  for (const { rule, standard, heavy } of complexityRules) {
    const figure = input[rule];
    if (figure === null || figure < standard) continue;
    const reached: ComplexityTier = figure >= heavy ? "heavy" : "standard";
    const threshold = reached === "heavy" ? heavy : standard;
    reasons.push({ rule, figure, threshold, tier: reached });
    tier = heavierTier(tier, reached);
  }
  if (heavierTier(tier, defaultTier) !== tier) {
    reasons.push({ rule: "default_tier", tier: defaultTier });
    tier = defaultTier;
  }
  return { tier, reasons };
}

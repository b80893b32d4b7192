/**
 * What a call settles, from what was observed of its answer. Upstream's final usage when it came;
 * otherwise (upstream cut, the client gone) the input as sized, or as upstream reported it at
 * the stream's start, and the output counted from the text streamed. A reasoning model's hidden
 * tokens cannot be counted from text: without its final usage, its whole output ceiling is owed.
 */
import { catalogModel } from "../model-catalog.ts";
import type { Observation } from "./protocols/observation.ts";
import { type TokenUsage, usageQuantities } from "./protocols/token-usage.ts";
import { countText, type SizedRequest } from "./sizing/size-request.ts";

/** The meters above zero, as a usage's quantities (safe integers: tokens of one call). */
export function quantitiesOf(usage: TokenUsage): Record<string, number> {
  const quantities = Object.entries(usageQuantities(usage));
  return Object.fromEntries(quantities.map(([meter, tokens]) => [meter, Number(tokens)]));
}

export function totalTokens(usage: Readonly<Record<string, number>>): number {
  return Object.values(usage).reduce((sum, n) => sum + n, 0);
}

/** Whether the model bills tokens it does not stream (its catalog entry prices reasoning). */
export function reasons(model: string): boolean {
  return catalogModel(model)?.per_million.reasoning_tokens !== undefined;
}

export function settledUsage(
  observation: Observation,
  sized: SizedRequest,
  model: string,
): Record<string, number> {
  const usage: TokenUsage | null = observation.usage;
  if (usage !== null && observation.usageFinal) return quantitiesOf(usage);
  const input = usage === null ? { ...sized.usage.quantities } : quantitiesOf(usage);
  if (reasons(model)) return { ...input, output_tokens: sized.outputCeiling };
  const counted = countText(model, observation.outputText);
  // Past the text kept, the rest is counted at one token a character: never less than it was.
  const rest = observation.outputTextLength - observation.outputText.length;
  const output = Math.max(counted + rest, Number(usage?.output_tokens ?? 0n));
  return { ...input, output_tokens: output };
}

/**
 * The usage a stream will cost at most, from what upstream has reported so far: its input as it
 * reported it (Anthropic tells it at the stream's start) and the output ceiling, or the output
 * reported when that is more. Null while upstream has reported nothing.
 */
export function projectedUsage(
  observation: Observation,
  outputCovered: number,
): Record<string, number> | null {
  const usage = observation.usage;
  if (usage === null) return null;
  const reported = quantitiesOf(usage);
  const output = Math.max(outputCovered, reported.output_tokens ?? 0);
  return { ...reported, output_tokens: output };
}

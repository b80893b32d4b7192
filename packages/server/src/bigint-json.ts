/**
 * JSON that keeps bigints exact: each is written as `{ "$n": "digits" }` and read back as a
 * bigint. Stored answers (`engine/answer-codec.ts`) and a subscription's period
 * (`services/subscription-records.ts`) are kept this way.
 */

export function toBigintJson(value: unknown): string {
  return JSON.stringify(value, (_, each: unknown) =>
    typeof each === "bigint" ? { $n: each.toString() } : each,
  );
}

export function fromBigintJson(text: string): unknown {
  return JSON.parse(text, (_, each: unknown) => (isBigintBox(each) ? BigInt(each.$n) : each));
}

/** Only an object of the one key `$n`, a string, is a boxed bigint. */
function isBigintBox(value: unknown): value is { $n: string } {
  if (typeof value !== "object" || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === "$n" && typeof (value as { $n: unknown }).$n === "string";
}

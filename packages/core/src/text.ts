/**
 * The one rule for text that reaches a store: names, event ids, outcome keys, dimensions,
 * idempotency keys. It is the same on every store, so a string SQLite keeps is a string
 * PostgreSQL keeps: no control characters (C0, DEL, C1: PostgreSQL refuses NUL outright), well-formed
 * UTF-16 (no lone surrogate, which has no UTF-8 form), and a length in UTF-16 code units.
 */

// Control characters, and a surrogate that is not half of a pair.
const forbidden =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/** Why `value` is not acceptable text of 1 to `lengthMax` characters, or null when it is. */
export function textProblem(value: string, lengthMax: number, lengthMin = 1): string | null {
  if (value.length < lengthMin || value.length > lengthMax)
    return `must be ${lengthMin} to ${lengthMax} characters`;
  const found = forbidden.exec(value);
  if (found === null) return null;
  const code = found[0].charCodeAt(0);
  return code >= 0xd800 && code <= 0xdfff
    ? "must be well-formed Unicode (a lone surrogate was found)"
    : `must not contain control characters (found U+${code.toString(16).padStart(4, "0").toUpperCase()})`;
}

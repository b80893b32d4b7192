/**
 * A broken invariant is a programmer error, never a business outcome: it throws, the engine
 * rolls back the batch and answers that one command with `internal_error`.
 */
export class InvariantError extends Error {
  override readonly name = "InvariantError";
}

export function invariant(condition: boolean, expectation: string): asserts condition {
  if (!condition) throw new InvariantError(`invariant broken: ${expectation}`);
}

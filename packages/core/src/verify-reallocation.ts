/**
 * What `verify` checks of a `reallocation` transfer: it names the reallocated grant and moves
 * credits between that grant and the grant it was reallocated from, either way.
 */

import type { Transfer } from "./model.ts";
import type { LedgerObjects } from "./verify.ts";

/**
 * A reallocation names the reallocated grant: it moves credits into it from the grant it was
 * reallocated from, or (an undo) back out to that grant.
 */
export function reallocationProblem(t: Transfer, objects: LedgerObjects): string | null {
  const moved = t.grantId === null ? undefined : objects.grant(t.grantId);
  const from = moved?.reallocatedFrom ?? null;
  if (moved === undefined || from === null) return `grant ${t.grantId} was not reallocated`;
  const pair = [`grant:${from}`, `grant:${moved.id}`];
  const forward = t.debitAccount === pair[0] && t.creditAccount === pair[1];
  const back = t.debitAccount === pair[1] && t.creditAccount === pair[0];
  return forward || back ? null : `moves between grants other than ${from} and ${moved.id}`;
}

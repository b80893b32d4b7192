/**
 * Idempotency for the writes made outside the engine (organizations, keys, members, rate cards,
 * quotes). The engine keeps its own for the ledger's commands; both store answers in one table,
 * so one key means one request in an organization whichever kind it was.
 *
 * A write first looks for an answer stored under its key, and a replay is answered at once,
 * before any other check, since a replay answers the first answer whatever changed since.
 * Otherwise the write stores its answer in the same transaction as its rows, and its claim of the
 * key decides between concurrent requests (`store/directory.ts`): one writes, the others get the
 * answer stored first.
 */
import { fingerprintOf, sameFingerprint } from "../engine/requests.ts";
import { Refusal } from "../refusal.ts";
import type { ScopedAnswer } from "../store/directory.ts";
import type { AuditEntry, Store, StoredAnswer } from "../store/port.ts";

/** Answers to the operator's requests belong to no organization: they share this scope. */
export const operatorScope = "operator";

/** A write's idempotency: the scope its key is unique in, the key, and the request's fingerprint. */
export interface Idempotency {
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
}

/** What an idempotent write answers: what it made, or the answer stored first (already shown). */
export type Written<T> = { readonly made: T } | { readonly replay: unknown };

/** How a transport shows what a write made; the service stores that answer with the write. */
export type Render<T> = (made: T) => unknown;

/** The idempotency of one use case (`what`, e.g. "keys.create") with its request. */
export function idempotencyOf(scope: string, key: string, what: string, request: object) {
  return { scope, key, fingerprint: fingerprintOf({ route: what, ...request }) };
}

/** The answer stored first under the key, as a replay, or null when the key is new. */
export async function storedReplay(
  store: Store,
  idempotency: Idempotency,
): Promise<{ readonly replay: unknown } | null> {
  const stored = await store.findAnswer(idempotency.scope, idempotency.key);
  return stored === null ? null : replayOf(idempotency, stored);
}

/** The first answer again, or `idempotency_key_reused` when it answered another request. */
export function replayOf(
  idempotency: Idempotency,
  stored: StoredAnswer,
): { readonly replay: unknown } {
  if (!sameFingerprint(stored.fingerprint, idempotency.fingerprint)) {
    throw new Refusal("idempotency_key_reused", undefined, "Idempotency-Key");
  }
  return { replay: JSON.parse(stored.answer) };
}

/** The answer a write stores with its rows, and the audit record its claim appends, if any. */
export function answerOf(
  idempotency: Idempotency,
  body: unknown,
  createdAt: number,
  audit?: AuditEntry,
): ScopedAnswer {
  const { scope, key, fingerprint } = idempotency;
  const answer = { scope, key, fingerprint, answer: JSON.stringify(body), createdAt };
  return audit === undefined ? answer : { ...answer, audit: [audit] };
}

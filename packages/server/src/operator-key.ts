/**
 * The operator key: the one key that creates organizations and publishes default rate cards. It
 * is chosen (`CREDITPOOL_OPERATOR_KEY`) or made here (on an empty database, or by `creditpool
 * operator-key`); only its hash and a short prefix are stored. A new operator key is stored and
 * every other one revoked in one transaction, so after a rotation exactly one works.
 *
 * Whoever can open the database is the operator: from it, an organization whose owner lost every
 * key gets a new owner key (`creditpool owner-key`), since no key of its own is left to ask with.
 */

import { randomFillSync } from "node:crypto";
import {
  hashKey,
  issueKey,
  newKeySecret,
  operatorKeyLengthMin,
  operatorKeyPrefixOf,
} from "./access/keys.ts";
import type { Clock } from "./ids.ts";
import { type IdSource, type RandomFill, ulidIdSource } from "./ids.ts";
import { openStore } from "./store/open-store.ts";
import type { Store } from "./store/port.ts";

/** A configured operator key creditpool will not start with; the message says why. */
export class OperatorKeyRefused extends Error {}

export interface OperatorKeyContext {
  readonly store: Store;
  readonly ids: IdSource;
  readonly clock: Clock;
  readonly fillRandom: RandomFill;
}

/** Refuses an operator key too short to resist guessing, before anything is opened. */
export function checkOperatorKey(secret: string): void {
  if (secret.length < operatorKeyLengthMin) {
    throw new OperatorKeyRefused(
      `CREDITPOOL_OPERATOR_KEY must be at least ${operatorKeyLengthMin} characters ` +
        `(it has ${secret.length}). Choose a longer random key, or unset it and run ` +
        "`creditpool operator-key` to have one made.",
    );
  }
}

/** Stores `secret` as the one operator key in force; every other operator key is revoked. */
async function replaceOperatorKey(context: OperatorKeyContext, secret: string): Promise<void> {
  await context.store.replaceOperatorKeys({
    id: context.ids.next("key"),
    organizationId: null,
    prefix: operatorKeyPrefixOf(secret),
    hash: hashKey(secret),
    role: "operator",
    poolId: null,
    memberId: null,
    name: "operator",
    createdAt: context.clock(),
    revokedAt: null,
  });
}

/** A new operator key, made and stored as the one in force; answered to be shown once. */
export async function mintOperatorKey(context: OperatorKeyContext): Promise<string> {
  const secret = newKeySecret(context.fillRandom);
  await replaceOperatorKey(context, secret);
  return secret;
}

/**
 * At start: a configured key becomes the one operator key in force (a rotation when it is new),
 * unless it was revoked, which is refused: a revoked key never comes back. Without one, a
 * database with no operator key in force gets one made here, answered to be shown once.
 */
export async function ensureOperatorKey(
  context: OperatorKeyContext,
  configured: string | undefined,
): Promise<string | null> {
  if (configured === undefined || configured === "") {
    if ((await context.store.countOperatorKeys()) > 0) return null;
    return mintOperatorKey(context);
  }
  checkOperatorKey(configured);
  const stored = await context.store.findKeyByHash(hashKey(configured));
  if (stored !== null && (stored.role !== "operator" || stored.revokedAt !== null)) {
    throw new OperatorKeyRefused(
      "CREDITPOOL_OPERATOR_KEY is a key that was revoked or belongs to an organization. Set it " +
        "to the operator key in force, or unset it.",
    );
  }
  await replaceOperatorKey(context, configured);
  return null;
}

/**
 * The operator key made on a start, as a box that stands out among the log's JSON lines, with
 * the way to make a new one when it is lost.
 */
export function operatorKeyNotice(secret: string): string {
  const lines = [
    "Operator key, shown this once: keep it safe.",
    "",
    `    ${secret}`,
    "",
    "It creates organizations; it can use no route of an organization.",
    "Lost it? `creditpool operator-key` (with the same --database) makes",
    "a new one and revokes this one.",
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const rule = "─".repeat(width + 2);
  return [`┌${rule}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${rule}┘`].join("\n");
}

/**
 * A new owner key for an organization, stored beside its other keys (none is revoked: the new
 * owner revokes the lost one), answered to be shown once; null when there is no such organization.
 */
export async function mintOwnerKey(
  context: OperatorKeyContext,
  organizationId: string,
): Promise<string | null> {
  if ((await context.store.readOrganization(organizationId)) === null) return null;
  const terms = {
    id: context.ids.next("key"),
    organizationId,
    role: "owner",
    poolId: null,
    memberId: null,
    name: "owner (creditpool owner-key)",
    createdAt: context.clock(),
  } as const;
  const { secret, row } = issueKey(terms, context.fillRandom);
  await context.store.insertKey(row, null);
  return secret;
}

/**
 * Runs `work` on the database at `location` itself (for whoever can open it), with the wall clock
 * and the system's random source; the database is closed after.
 */
export async function inDatabase<T>(
  location: string,
  work: (context: OperatorKeyContext) => Promise<T>,
): Promise<T> {
  const store = await openStore(location);
  try {
    const fillRandom = (bytes: Uint8Array) => {
      randomFillSync(bytes);
    };
    const clock = Date.now;
    return await work({ store, clock, fillRandom, ids: ulidIdSource(clock, fillRandom) });
  } finally {
    await store.close();
  }
}

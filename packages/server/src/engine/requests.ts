/**
 * What callers submit to the engine: commands without the ids of the objects they create. The
 * engine chooses those ids, so a retried request with the same idempotency key is the same request.
 */
import { createHash } from "node:crypto";
import type {
  AdvanceTime,
  ArchivePool,
  BoostPool,
  CaptureHold,
  ChangeGrantExpiry,
  Command,
  CreateGrant,
  CreateHold,
  CreatePool,
  Reallocate,
  RecordUsage,
  ReleaseHold,
  Rollover,
  UndoReallocation,
  UpdatePool,
  VoidGrant,
} from "@creditpool/core";
import type { IdSource } from "../ids.ts";

export type LedgerRequest =
  | Omit<CreatePool, "poolId">
  | UpdatePool
  | BoostPool
  | ArchivePool
  | NewGrantRequest
  | VoidGrant
  | ChangeGrantExpiry
  | Omit<Reallocate, "newGrantId">
  | UndoReallocation
  | Omit<CreateHold, "holdId">
  | CaptureHold
  | ReleaseHold
  | RecordUsage
  | AdvanceTime;

/**
 * A grant to make; its rollover terms, if any, without the rollover grant's id either. A service
 * that must know the grant's id before the engine answers (a subscription recording what it
 * calls for) chooses it, and sends the same request again under the same key.
 */
export type NewGrantRequest = Omit<CreateGrant, "grantId" | "rollover"> & {
  readonly grantId?: string;
  readonly rollover?: Omit<Rollover, "grantId"> | null;
};

export function toCommand(request: LedgerRequest, ids: IdSource): Command {
  switch (request.type) {
    case "create_pool":
      return { ...request, poolId: ids.next("pool") };
    case "create_grant":
      return {
        ...request,
        grantId: request.grantId ?? ids.next("grant"),
        rollover: request.rollover ? { ...request.rollover, grantId: ids.next("grant") } : null,
      };
    case "create_hold":
      return { ...request, holdId: ids.next("hold") };
    case "reallocate":
      return { ...request, newGrantId: ids.next("grant") };
    default:
      return request;
  }
}

/**
 * A digest of the request in canonical JSON (sorted keys, bigint as decimal text with an `n`):
 * two requests are the same request exactly when their fingerprints are equal. Stored with every
 * idempotency key, so it is kept short: 22 base64url characters, the first 132 bits of SHA-256,
 * which is all that detecting a reused key needs. Releases before this one stored all 43.
 */
export function fingerprintOf(request: unknown): string {
  return createHash("sha256").update(canonicalJson(request)).digest("base64url").slice(0, 22);
}

/** Whether a stored fingerprint is this one, in its short form or in the full form stored before. */
export function sameFingerprint(stored: string, fingerprint: string): boolean {
  return stored.length === 43 ? stored.startsWith(fingerprint) : stored === fingerprint;
}

/**
 * The JSON text of `value` with object keys sorted and properties that are undefined left out,
 * written in one pass: what `JSON.stringify` makes of a copy with sorted keys, without the copy.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case "bigint":
      return `"${value}n"`;
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      if (Array.isArray(value)) return `[${value.map(arrayItem).join(",")}]`;
      return objectJson(value as Record<string, unknown>);
    default:
      return "null";
  }
}

function arrayItem(item: unknown): string {
  return item === undefined ? "null" : canonicalJson(item);
}

function objectJson(object: Record<string, unknown>): string {
  let text = "";
  for (const key of sortedKeys(object)) {
    const item = object[key];
    if (item === undefined) continue;
    text += `${text === "" ? "" : ","}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `{${text}}`;
}

/**
 * Keys in the order a copy with sorted keys enumerates them: JavaScript puts integer keys first,
 * in numeric order, whatever order they were added in, and the rest in the sorted order.
 */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  let integers = 0;
  while (integers < keys.length && isIntegerKey(keys[integers] as string)) integers++;
  if (integers === 0) return keys.sort();
  return keys.slice(0, integers).concat(keys.slice(integers).sort());
}

function isIntegerKey(key: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}

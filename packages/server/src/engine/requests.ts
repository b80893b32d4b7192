/**
 * What callers submit to the engine: commands without the ids of the objects they create. The
 * engine chooses those ids, so a retried request with the same idempotency key is the same request.
 */
import { createHash } from "node:crypto";
import type {
  CaptureHold,
  Command,
  CreateGrant,
  CreateHold,
  CreatePool,
  RecordUsage,
  ReleaseHold,
  UpdatePool,
  VoidGrant,
} from "@creditpool/core";
import type { IdSource } from "../ids.ts";

export type LedgerRequest =
  | Omit<CreatePool, "poolId">
  | UpdatePool
  | Omit<CreateGrant, "grantId">
  | VoidGrant
  | Omit<CreateHold, "holdId">
  | CaptureHold
  | ReleaseHold
  | RecordUsage;

export function toCommand(request: LedgerRequest, ids: IdSource): Command {
  switch (request.type) {
    case "create_pool":
      return { ...request, poolId: ids.next("pool") };
    case "create_grant":
      return { ...request, grantId: ids.next("grant") };
    case "create_hold":
      return { ...request, holdId: ids.next("hold") };
    default:
      return request;
  }
}

/**
 * A digest of the request in canonical JSON (sorted keys, bigint as decimal text): two requests
 * are the same request exactly when their fingerprints are equal. Stored with every idempotency
 * key, so it is kept short.
 */
export function fingerprintOf(request: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(canonical(request)))
    .digest("base64url");
}

function canonical(value: unknown): unknown {
  if (typeof value === "bigint") return `${value}n`;
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

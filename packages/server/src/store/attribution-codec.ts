/**
 * Attributions as stored: compact JSON in one nullable text column, the same on every store.
 * Empty maps and null members are left out, and bigint meters are decimal strings. A transfer
 * that consumes always stores an object (`{}` at the least); any other stores null, so "no
 * attribution" and "an attribution with nothing in it" read back as they were written. A
 * provider cost is three members, `provider_cost` (micro-units), `cost_currency` and
 * `cost_meters`, all present or all absent.
 */
import type { Attribution, Hold, Meters, ProviderCost, Tags } from "@creditpool/core";

interface StoredParts {
  member?: string;
  key?: string;
  model?: string;
  meters?: Record<string, string>;
  tags?: Record<string, string>;
  provider_cost?: string;
  cost_currency?: string;
  cost_meters?: Record<string, string>;
}

function storedParts(parts: {
  readonly memberId?: string | null;
  readonly keyId?: string | null;
  readonly model: string | null;
  readonly meters: Meters;
  readonly tags: Tags;
  readonly cost?: ProviderCost | undefined;
}): StoredParts {
  const stored: StoredParts = {};
  if (parts.memberId !== undefined && parts.memberId !== null) stored.member = parts.memberId;
  if (parts.keyId !== undefined && parts.keyId !== null) stored.key = parts.keyId;
  if (parts.model !== null) stored.model = parts.model;
  if (Object.keys(parts.meters).length > 0) stored.meters = decimalsOf(parts.meters);
  if (Object.keys(parts.tags).length > 0) stored.tags = { ...parts.tags };
  if (parts.cost !== undefined) {
    stored.provider_cost = parts.cost.amount.toString();
    stored.cost_currency = parts.cost.currency;
    stored.cost_meters = decimalsOf(parts.cost.meters);
  }
  return stored;
}

function decimalsOf(meters: Meters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(meters).map(([meter, share]) => [meter, share.toString()]),
  );
}

function bigintsOf(meters: Record<string, string> | undefined): Record<string, bigint> {
  return Object.fromEntries(
    Object.entries(meters ?? {}).map(([meter, share]) => [meter, BigInt(share)]),
  );
}

function costOf(stored: StoredParts): { cost?: ProviderCost } {
  if (stored.provider_cost === undefined || stored.cost_currency === undefined) return {};
  const cost = {
    amount: BigInt(stored.provider_cost),
    currency: stored.cost_currency,
    meters: bigintsOf(stored.cost_meters),
  };
  return { cost };
}

function parse(encoded: string): StoredParts {
  const parsed: unknown = JSON.parse(encoded);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw new TypeError("a stored attribution is a JSON object");
  return parsed as StoredParts;
}

function metersOf(stored: StoredParts): Record<string, bigint> {
  return bigintsOf(stored.meters);
}

export function encodeAttribution(attribution: Attribution | undefined): string | null {
  return attribution === undefined ? null : JSON.stringify(storedParts(attribution));
}

/** A transfer's attribution as read back, or undefined for a row that stores none. */
export function decodeAttribution(encoded: string | null): Attribution | undefined {
  if (encoded === null) return undefined;
  const stored = parse(encoded);
  return {
    memberId: stored.member ?? null,
    keyId: stored.key ?? null,
    model: stored.model ?? null,
    meters: metersOf(stored),
    tags: stored.tags ?? {},
    ...costOf(stored),
  };
}

/** What a hold keeps for its capture's attribution (member and key have columns of their own). */
export type HoldAttribution = Pick<Hold, "model" | "tags" | "meters" | "cost">;

/** Null when the hold has nothing to keep, so most holds' rows grow by nothing. */
export function encodeHoldAttribution(hold: HoldAttribution): string | null {
  const stored = storedParts(hold);
  return Object.keys(stored).length === 0 ? null : JSON.stringify(stored);
}

export function decodeHoldAttribution(encoded: string | null): HoldAttribution {
  const stored = encoded === null ? {} : parse(encoded);
  return {
    model: stored.model ?? null,
    tags: stored.tags ?? {},
    meters: metersOf(stored),
    ...costOf(stored),
  };
}

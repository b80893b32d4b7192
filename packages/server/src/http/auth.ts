/**
 * API keys: random, shown once, stored as a SHA-256 hash with a visible prefix, bound to a role
 * and optionally to a pool (the key then reaches only that pool's subtree) and a member.
 */
import { createHash } from "node:crypto";
import type { LedgerState } from "@creditpool/core";
import type { RandomFill } from "../engine/ids.ts";
import type { KeyRow, Role } from "../store/directory.ts";
import { ApiError } from "./problem.ts";
import { boundKeyMay, type Permission, roleMay, rolesGrantable } from "./roles.ts";

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const secretLength = 32;
/** An organization's key shows `cpk_` and 8 of its 32 random characters: a quarter of them. */
export const keyPrefixLength = 12;
/** The operator key, which may be chosen rather than made, is refused when shorter. */
export const operatorKeyLengthMin = 32;
/** At most this many characters of the operator key are stored, and at most a quarter of it. */
export const operatorKeyPrefixLengthMax = 8;

/** The start of a key made by `newKeySecret`, stored and shown to tell keys apart. */
export function keyPrefixOf(secret: string): string {
  return secret.slice(0, keyPrefixLength);
}

/** The start of the operator key that is stored: too little of it to help guess the rest. */
export function operatorKeyPrefixOf(secret: string): string {
  return secret.slice(0, Math.min(operatorKeyPrefixLengthMax, Math.floor(secret.length / 4)));
}

/** A new key's secret: `cpk_` and 32 base62 characters (190 bits). */
export function newKeySecret(fillRandom: RandomFill): string {
  const bytes = new Uint8Array(secretLength);
  fillRandom(bytes);
  let secret = "cpk_";
  for (const byte of bytes) secret += alphabet.charAt(byte % 62);
  return secret;
}

export function hashKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export interface Principal {
  readonly keyId: string;
  readonly organizationId: string | null;
  readonly role: Role | "operator";
  /** The root of the subtree the key may reach, or null for the whole organization. */
  readonly poolId: string | null;
  readonly memberId: string | null;
}

export function principalOf(key: KeyRow): Principal {
  return {
    keyId: key.id,
    organizationId: key.organizationId,
    role: key.role,
    poolId: key.poolId,
    memberId: key.memberId,
  };
}

/** The bearer token of an `Authorization` header, if any. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/** The organization a key of an organization acts for; the operator's key acts for none. */
export function organizationOf(principal: Principal): string {
  if (principal.organizationId === null) {
    throw new ApiError("permission_denied", "The operator key manages organizations only.");
  }
  return principal.organizationId;
}

export function requirePermission(principal: Principal, permission: Permission): string {
  const organizationId = organizationOf(principal);
  if (principal.role === "operator" || !roleMay(principal.role, permission)) {
    throw new ApiError("permission_denied", `A ${principal.role} key may not use ${permission}.`);
  }
  if (principal.poolId !== null && !boundKeyMay(permission)) {
    throw new ApiError(
      "permission_denied",
      `A key bound to a pool may not use ${permission}: it acts on the whole organization.`,
    );
  }
  return organizationId;
}

/**
 * A key hands out no more power than its own: it creates, revokes or adds identities only of the
 * roles `rolesGrantable` lets it (`what` names the act for the message, `param` the field).
 */
export function requireGrantable(
  principal: Principal,
  role: Role | "operator",
  what: string,
  param: string,
) {
  if (
    principal.role === "operator" ||
    role === "operator" ||
    !rolesGrantable[principal.role].includes(role)
  ) {
    throw new ApiError(
      "permission_denied",
      `A ${principal.role} key may not ${what} ${role}.`,
      param,
    );
  }
}

/** Whether `poolId` lies in the subtree the key may reach. */
export function reaches(principal: Principal, state: LedgerState, poolId: string): boolean {
  if (principal.poolId === null) return state.pools.has(poolId);
  let current = state.pools.get(poolId);
  while (current !== undefined) {
    if (current.id === principal.poolId) return true;
    current = current.parentId === null ? undefined : state.pools.get(current.parentId);
  }
  return false;
}

/** A pool outside the key's reach is answered as if it did not exist. */
export function requireReach(
  principal: Principal,
  state: LedgerState,
  poolId: string,
  param = "pool",
) {
  if (!reaches(principal, state, poolId)) throw new ApiError("pool_not_found", undefined, param);
}

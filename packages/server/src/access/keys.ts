/**
 * API keys: random, shown once, stored as a SHA-256 hash with a visible prefix, bound to a role
 * and optionally to a pool (the key then reaches only that pool's subtree) and a member. Every key
 * anyone makes (an organization's, its owner's, the operator's, a demo's) is made by `issueKey`.
 */
import { createHash } from "node:crypto";
import type { RandomFill } from "../ids.ts";
import type { KeyRow, Role } from "../store/directory.ts";

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

/** What a key is for: everything of its row but what its secret decides. */
export interface KeyTerms {
  readonly id: string;
  /** Null for the operator's key, which belongs to no organization. */
  readonly organizationId: string | null;
  readonly role: Role | "operator";
  readonly poolId: string | null;
  readonly memberId: string | null;
  readonly name: string;
  readonly createdAt: number;
}

export interface IssuedKey {
  /** The key itself: shown once, never stored. */
  readonly secret: string;
  readonly row: KeyRow;
}

/** The row stored for `secret`: its hash and a prefix too short to help guess the rest. */
export function keyRowOf(secret: string, terms: KeyTerms): KeyRow {
  const prefix = terms.role === "operator" ? operatorKeyPrefixOf(secret) : keyPrefixOf(secret);
  return { ...terms, prefix, hash: hashKey(secret), revokedAt: null };
}

/** A new key: a random secret and the row to store for it. */
export function issueKey(terms: KeyTerms, fillRandom: RandomFill): IssuedKey {
  const secret = newKeySecret(fillRandom);
  return { secret, row: keyRowOf(secret, terms) };
}

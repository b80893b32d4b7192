/**
 * Who a bearer token is: the principal of a key in force, looked up by the key's hash. A node
 * trusts a lookup for `keyTrustMs`, so a revocation reaches every node within it; a node's own
 * revocations are forgotten at once.
 */
import type { Clock } from "../ids.ts";
import type { KeyRow } from "../store/directory.ts";
import { hashKey } from "./keys.ts";
import { type Principal, principalOf } from "./principal.ts";

/** How long a node trusts a key it looked up. */
export const keyTrustMs = 5_000;
/** Keys a node remembers; past it the memory starts over. */
const keysRememberedMax = 10_000;

export interface KeyLookup {
  findKeyByHash(hash: string): Promise<KeyRow | null>;
}

export class Authenticator {
  private readonly keys = new Map<string, { key: KeyRow | null; at: number }>();

  constructor(
    private readonly lookup: KeyLookup,
    private readonly clock: Clock,
  ) {}

  /** The principal of a key in force, or null for a key unknown or revoked. */
  async principalOf(token: string): Promise<Principal | null> {
    const hash = hashKey(token);
    const now = this.clock();
    let cached = this.keys.get(hash);
    if (cached === undefined || now - cached.at > keyTrustMs) {
      cached = { key: await this.lookup.findKeyByHash(hash), at: now };
      if (this.keys.size >= keysRememberedMax) this.keys.clear();
      this.keys.set(hash, cached);
    }
    const key = cached.key;
    return key === null || key.revokedAt !== null ? null : principalOf(key);
  }

  /** After a revocation on this node: look every key up again. */
  forgetAll(): void {
    this.keys.clear();
  }
}

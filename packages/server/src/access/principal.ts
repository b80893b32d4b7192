/**
 * Who a request acts as: the principal of an API key (its organization, role, and the pool and
 * member it may be bound to), and the checks every transport makes of it: the role's permission,
 * what roles it may hand out, and which pools it reaches.
 */
import type { LedgerState } from "@creditpool/core";
import { Refusal } from "../refusal.ts";
import type { KeyRow, Role } from "../store/directory.ts";
import { boundKeyMay, type Permission, roleMay, rolesGrantable } from "./roles.ts";

export interface Principal {
  readonly keyId: string;
  readonly organizationId: string | null;
  readonly role: Role | "operator";
  /** The root of the subtree the key may reach, or null for the whole organization. */
  readonly poolId: string | null;
  readonly memberId: string | null;
  /** The request it acts in, for the audit trail; absent outside a request (jobs, tools). */
  readonly requestId?: string;
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
    throw new Refusal("permission_denied", "The operator key manages organizations only.");
  }
  return principal.organizationId;
}

export function requirePermission(principal: Principal, permission: Permission): string {
  const organizationId = organizationOf(principal);
  if (principal.role === "operator" || !roleMay(principal.role, permission)) {
    throw new Refusal("permission_denied", `A ${principal.role} key may not use ${permission}.`);
  }
  if (principal.poolId !== null && !boundKeyMay(permission)) {
    throw new Refusal(
      "permission_denied",
      `A key bound to a pool may not use ${permission}: it acts on the whole organization.`,
    );
  }
  return organizationId;
}

/** Whether the key holds `permission` (as `requirePermission`, answering instead of refusing). */
export function hasPermission(principal: Principal, permission: Permission): boolean {
  if (principal.role === "operator" || !roleMay(principal.role, permission)) return false;
  return principal.poolId === null || boundKeyMay(permission);
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
    throw new Refusal(
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
  if (!reaches(principal, state, poolId)) throw new Refusal("pool_not_found", undefined, param);
}

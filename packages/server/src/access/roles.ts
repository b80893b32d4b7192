/**
 * What each role may do. This table is the source of truth; `docs/reference/roles.md` shows the
 * same table and a test walks every cell of it against the API.
 */

import { Refusal } from "../refusal.ts";
import type { Role } from "../store/directory.ts";

/** The roles a key may have and the kinds of member, as the directory stores them. */
export { type MemberKind, memberKinds, type Role, roles } from "../store/directory.ts";

export const permissions = [
  "organization.read",
  "pools.read",
  "pools.write",
  "grants.read",
  "grants.write",
  "holds.read",
  "holds.write",
  "usage.write",
  "transfers.read",
  "members.read",
  "members.write",
  "keys.read",
  "keys.write",
  "pricing.read",
  "pricing.write",
  "billing.read",
  "billing.write",
  "margin.read",
  "clock.write",
  "decisions.read",
  "approvals.write",
  "audit.read",
  "events.read",
  "webhooks.read",
  "webhooks.write",
  "alerts.read",
  "alerts.write",
  "upstreams.read",
  "upstreams.write",
  "routing.read",
  "routing.write",
] as const;

export type Permission = (typeof permissions)[number];

const everyRead: Permission[] = [
  "organization.read",
  "pools.read",
  "grants.read",
  "holds.read",
  "transfers.read",
  "members.read",
  "decisions.read",
];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  owner: permissions,
  admin: permissions,
  billing: [
    ...everyRead,
    "grants.write",
    "pricing.read",
    "pricing.write",
    "billing.read",
    "billing.write",
    "margin.read",
    "events.read",
    "webhooks.read",
    "alerts.read",
    "alerts.write",
    "upstreams.read",
  ],
  member: [
    "organization.read",
    "pools.read",
    "grants.read",
    "holds.read",
    "holds.write",
    "usage.write",
    "transfers.read",
    "pricing.read",
    "decisions.read",
    "alerts.read",
    "routing.read",
  ],
  agent: [
    "organization.read",
    "pools.read",
    "holds.read",
    "holds.write",
    "usage.write",
    "pricing.read",
  ],
  viewer: [
    ...everyRead,
    "pricing.read",
    "billing.read",
    "margin.read",
    "events.read",
    "webhooks.read",
    "alerts.read",
    "upstreams.read",
    "routing.read",
  ],
  // An admin of a subtree: it is always bound to a pool, so it holds what a bound key may hold
  // and manages pools, keys and members there; it also spends, so the keys it hands its members
  // and agents are never more than its own power.
  pool_admin: [
    ...everyRead,
    "pools.write",
    "holds.write",
    "usage.write",
    "members.write",
    "keys.read",
    "keys.write",
    "pricing.read",
    "margin.read",
    "approvals.write",
    "alerts.read",
    "alerts.write",
    "routing.read",
    "routing.write",
  ],
};

/** Roles whose keys and members must be bound to a pool: their power is a subtree's. */
export const boundRoles: readonly Role[] = ["pool_admin"];

/** Roles a key of each role may hand out: never more power than its own. */
export const rolesGrantable: Record<Role, readonly Role[]> = {
  owner: ["owner", "admin", "billing", "member", "agent", "viewer", "pool_admin"],
  admin: ["admin", "billing", "member", "agent", "viewer", "pool_admin"],
  billing: [],
  member: [],
  agent: [],
  viewer: [],
  pool_admin: ["member", "agent", "viewer", "pool_admin"],
};

export function roleMay(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

/**
 * Permissions no key bound to a pool holds, whatever its role: issuing or voiding credits mints or
 * forfeits the organization's money, a rate card prices the whole organization, and plans,
 * subscriptions and invoices are the organization's bills, a test clock moves the whole
 * organization's time, the audit trail records changes across the whole organization, events
 * and webhooks tell of the whole organization, and upstream accounts serve the whole
 * organization's gateway.
 */
export const boundKeyDenied: readonly Permission[] = [
  "audit.read",
  "grants.write",
  "pricing.write",
  "billing.read",
  "billing.write",
  "clock.write",
  "events.read",
  "webhooks.read",
  "webhooks.write",
  "upstreams.read",
  "upstreams.write",
];

export function boundKeyMay(permission: Permission): boolean {
  return !boundKeyDenied.includes(permission);
}

/**
 * A key bound to a pool manages what is below its pool within the bounds set above it, and
 * nothing else: acts that reach past its subtree (issuing or voiding credits, pricing the whole
 * organization, granting an overage allowance that is invoiced to the organization) need a key of
 * the whole organization. `what` says the act for the message, `param` the field at fault.
 */
export function requireUnbound(
  principal: { readonly poolId: string | null },
  what: string,
  param?: string,
): void {
  if (principal.poolId === null) return;
  throw new Refusal(
    "permission_denied",
    `A key bound to a pool may not ${what}: that takes a key of the whole organization.`,
    param,
  );
}

/**
 * A key or member of a role that only makes sense inside a subtree needs its pool: a pool_admin
 * of the whole organization would be an admin by another name, so it is refused, not widened.
 */
export function requireBoundRole(role: Role, poolId: string | null): void {
  if (poolId !== null || !boundRoles.includes(role)) return;
  throw new Refusal(
    "invalid_request",
    `A ${role} is bound to a pool: name the pool of the subtree it administers.`,
    "pool",
  );
}

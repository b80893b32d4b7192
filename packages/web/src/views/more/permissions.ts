/**
 * What a key may do, for hiding the actions it cannot: the part of the API's role table
 * (docs/reference/roles.md) these views act on. The API decides in the end; a hidden button only
 * spares the user a refusal.
 */

export const permissionsUsed = [
  "billing.read",
  "billing.write",
  "alerts.read",
  "alerts.write",
  "events.read",
  "webhooks.read",
  "audit.read",
  "upstreams.read",
  "routing.read",
  "holds.read",
  "pools.read",
  "members.read",
] as const;

export type Permission = (typeof permissionsUsed)[number];

const all: readonly Permission[] = permissionsUsed;

export const rolePermissions: Readonly<Record<string, readonly Permission[]>> = {
  owner: all,
  admin: all,
  billing: [
    "billing.read",
    "billing.write",
    "alerts.read",
    "alerts.write",
    "events.read",
    "webhooks.read",
    "upstreams.read",
    "holds.read",
    "pools.read",
    "members.read",
  ],
  member: ["alerts.read", "routing.read", "holds.read", "pools.read"],
  agent: ["holds.read", "pools.read"],
  viewer: [
    "billing.read",
    "alerts.read",
    "events.read",
    "webhooks.read",
    "upstreams.read",
    "routing.read",
    "holds.read",
    "pools.read",
    "members.read",
  ],
  pool_admin: [
    "alerts.read",
    "alerts.write",
    "routing.read",
    "holds.read",
    "pools.read",
    "members.read",
  ],
};

/** What no key bound to a pool may do, whatever its role: the organization's own business. */
export const boundKeyDenied: readonly Permission[] = [
  "billing.read",
  "billing.write",
  "events.read",
  "webhooks.read",
  "audit.read",
  "upstreams.read",
];

/** Whether a key of `role`, bound to `pool` (null: the whole organization), holds `permission`. */
export function allows(role: string, pool: string | null, permission: Permission): boolean {
  if (pool !== null && boundKeyDenied.includes(permission)) return false;
  return rolePermissions[role]?.includes(permission) ?? false;
}

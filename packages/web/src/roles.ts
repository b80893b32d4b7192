/**
 * What a key's role may do, for hiding what it cannot: the part of the API's role table
 * (docs/reference/roles.md) that the console's actions need. The API still decides; a test
 * keeps this table equal to the reference's.
 */

export const roles = [
  "owner",
  "admin",
  "billing",
  "member",
  "agent",
  "viewer",
  "pool_admin",
] as const;
export type Role = (typeof roles)[number];

const table = {
  "pools.read": ["owner", "admin", "billing", "member", "agent", "viewer", "pool_admin"],
  "pools.write": ["owner", "admin", "pool_admin"],
  "grants.read": ["owner", "admin", "billing", "member", "viewer", "pool_admin"],
  "grants.write": ["owner", "admin", "billing"],
  "holds.read": ["owner", "admin", "billing", "member", "agent", "viewer", "pool_admin"],
  "holds.write": ["owner", "admin", "member", "agent", "pool_admin"],
  "transfers.read": ["owner", "admin", "billing", "member", "viewer", "pool_admin"],
  "members.read": ["owner", "admin", "billing", "viewer", "pool_admin"],
  "members.write": ["owner", "admin", "pool_admin"],
  "keys.read": ["owner", "admin", "pool_admin"],
  "keys.write": ["owner", "admin", "pool_admin"],
  "pricing.read": ["owner", "admin", "billing", "member", "agent", "viewer", "pool_admin"],
  "billing.read": ["owner", "admin", "billing", "viewer"],
  "billing.write": ["owner", "admin", "billing"],
  "decisions.read": ["owner", "admin", "billing", "member", "viewer", "pool_admin"],
  "alerts.read": ["owner", "admin", "billing", "member", "viewer", "pool_admin"],
  "alerts.write": ["owner", "admin", "billing", "pool_admin"],
  "events.read": ["owner", "admin", "billing", "viewer"],
  "webhooks.read": ["owner", "admin", "billing", "viewer"],
  "audit.read": ["owner", "admin"],
  "upstreams.read": ["owner", "admin", "billing", "viewer"],
  "routing.read": ["owner", "admin", "member", "viewer", "pool_admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof table;
export const permissions = Object.keys(table) as Permission[];

export function roleMay(role: Role, permission: Permission): boolean {
  return (table[permission] as readonly Role[]).includes(role);
}

/** What no key bound to a pool may do, whatever its role: the organization's own business. */
export const boundKeyDenied: readonly Permission[] = [
  "grants.write",
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
  return (roles as readonly string[]).includes(role) && roleMay(role as Role, permission);
}

/** The roles a key of `role` may hand out (`POST /v1/keys`, `POST /v1/members`). */
export function rolesGrantable(role: Role): readonly Role[] {
  if (role === "owner") return roles;
  if (role === "admin") return roles.filter((each) => each !== "owner");
  if (role === "pool_admin") return ["member", "agent", "viewer", "pool_admin"];
  return [];
}

/** The calling key, as `GET /v1/organization` describes it. */
export interface Caller {
  readonly role: Role;
  /** The root of the subtree the key reaches, or null for the whole organization. */
  readonly pool: string | null;
}

export function callerMay(caller: Caller, permission: Permission): boolean {
  return allows(caller.role, caller.pool, permission);
}

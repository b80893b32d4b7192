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
  "pools.write": ["owner", "admin", "pool_admin"],
  "grants.read": ["owner", "admin", "billing", "member", "viewer", "pool_admin"],
  "grants.write": ["owner", "admin", "billing"],
  "holds.write": ["owner", "admin", "member", "agent", "pool_admin"],
  "members.read": ["owner", "admin", "billing", "viewer", "pool_admin"],
  "members.write": ["owner", "admin", "pool_admin"],
  "keys.read": ["owner", "admin", "pool_admin"],
  "keys.write": ["owner", "admin", "pool_admin"],
  "pricing.read": ["owner", "admin", "billing", "member", "agent", "viewer", "pool_admin"],
  "billing.read": ["owner", "admin", "billing", "viewer"],
  "decisions.read": ["owner", "admin", "billing", "member", "viewer", "pool_admin"],
  "alerts.read": ["owner", "admin", "billing", "member", "viewer", "pool_admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof table;
export const permissions = Object.keys(table) as Permission[];

export function roleMay(role: Role, permission: Permission): boolean {
  return (table[permission] as readonly Role[]).includes(role);
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
  return roleMay(caller.role, permission);
}

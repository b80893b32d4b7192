/**
 * The console's views, in nav order. Adding a view is one entry here and one file beside this
 * one: its `path` is the first segment of the hash route (`#/pools/…`), `permission` hides it
 * from roles that may not read what it shows, and its module is loaded only when first opened.
 */
import { type ComponentType, type LazyExoticComponent, lazy } from "react";
import type { Permission } from "../roles.ts";

export interface ViewProps {
  /** The route's segments after the view's own (`#/pools/pool_1` → `["pool_1"]`). */
  readonly args: readonly string[];
  readonly query: URLSearchParams;
}

export interface ViewEntry {
  readonly path: string;
  readonly label: string;
  /** Shown only to roles with this permission; every role sees a view without one. */
  readonly permission?: Permission;
  readonly component: LazyExoticComponent<ComponentType<ViewProps>>;
}

export const views: readonly ViewEntry[] = [
  { path: "", label: "Overview", component: lazy(() => import("./overview.tsx")) },
  { path: "pools", label: "Pools", component: lazy(() => import("./pools.tsx")) },
  {
    path: "grants",
    label: "Grants",
    permission: "grants.read",
    component: lazy(() => import("./grants.tsx")),
  },
  {
    path: "decisions",
    label: "Decisions",
    permission: "decisions.read",
    component: lazy(() => import("./decisions.tsx")),
  },
  {
    path: "keys",
    label: "Keys and members",
    permission: "keys.read",
    component: lazy(() => import("./keys.tsx")),
  },
  {
    path: "rate-cards",
    label: "Rate cards",
    permission: "pricing.read",
    component: lazy(() => import("./rate-cards.tsx")),
  },
];

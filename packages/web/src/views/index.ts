/**
 * The console's views, in nav order. Adding a view is one entry here and one file beside this
 * one: its `path` is the first segment of the hash route (`#/pools/…`), `permission` hides it
 * from roles that may not read what it shows, and its module is loaded only when first opened.
 */
import { type ComponentType, type LazyExoticComponent, lazy } from "react";
import type { Permission } from "../roles.ts";
import { moreViews } from "./more/index.ts";
import { inShell } from "./more-views.tsx";

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
  readonly component: LazyExoticComponent<ComponentType<ViewProps>> | ComponentType<ViewProps>;
}

/** A view of `views/more/` (each loads its own module when first shown), by its path. */
function more(path: string): ViewEntry {
  const view = moreViews.find((each) => each.path === path);
  if (view === undefined) throw new Error(`no view ${path} in views/more`);
  return {
    path: view.path,
    label: view.title,
    ...(view.reads === null ? {} : { permission: view.reads }),
    component: inShell(view.component),
  };
}

export const views: readonly ViewEntry[] = [
  { path: "", label: "Overview", component: lazy(() => import("./overview.tsx")) },
  { path: "pools", label: "Pools", component: lazy(() => import("./pools.tsx")) },
  more("usage"),
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
  more("buyers-math"),
  more("pooling"),
  more("billing"),
  more("governance"),
  more("gateway"),
];

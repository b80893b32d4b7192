/**
 * The report and administration views, for the console's nav: each entry a hash path, a title and
 * a component taking `ViewProps`. Each view is loaded when first shown (the charts are heavy), in
 * its own suspense boundary, so the shell needs none.
 */
import { type ComponentType, createElement, lazy, Suspense } from "react";
import type { Permission } from "../../roles.ts";
import { Loading } from "./ui.tsx";
import type { ViewProps } from "./view-props.ts";

export interface MoreView {
  readonly path: string;
  readonly title: string;
  readonly component: ComponentType<ViewProps>;
  /**
   * The permission without which the view shows nothing useful, for a nav that hides such
   * entries (see `allows`); null when the view decides section by section, or the API alone.
   */
  readonly reads: Permission | null;
}

function lazyView(load: () => Promise<ComponentType<ViewProps>>): ComponentType<ViewProps> {
  const View = lazy(async () => ({ default: await load() }));
  return function LazyView(props: ViewProps) {
    return createElement(
      Suspense,
      { fallback: createElement(Loading, { what: "the view" }) },
      createElement(View, props),
    );
  };
}

export const moreViews: readonly MoreView[] = [
  {
    path: "usage",
    title: "Usage explorer",
    component: lazyView(async () => (await import("./usage-view.tsx")).UsageView),
    reads: "transfers.read",
  },
  {
    path: "buyers-math",
    title: "Buyer's math",
    component: lazyView(async () => (await import("./buyers-math-view.tsx")).BuyersMathView),
    reads: "transfers.read",
  },
  {
    path: "pooling",
    title: "Pooled vs siloed",
    component: lazyView(async () => (await import("./pooling-view.tsx")).PoolingView),
    reads: "transfers.read",
  },
  {
    path: "billing",
    title: "Billing",
    component: lazyView(async () => (await import("./billing-view.tsx")).BillingView),
    reads: "billing.read",
  },
  {
    path: "governance",
    title: "Alerts, webhooks and audit",
    component: lazyView(async () => (await import("./governance-view.tsx")).GovernanceView),
    reads: null,
  },
  {
    path: "gateway",
    title: "Gateway",
    component: lazyView(async () => (await import("./gateway-view.tsx")).GatewayView),
    reads: "holds.read",
  },
];

export { allows, type Permission } from "../../roles.ts";
export type { ConsoleApi, ViewProps } from "./view-props.ts";

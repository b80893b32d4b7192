/**
 * The demo's governance: Support keeps a floor of the organization's own credits (a reservation
 * of 2,000 a month), each Platform engineer may draw at most 6,000 a month (a member cap), and
 * a webhook endpoint waits, disabled, for a receiver of alerts and debt. At the end, the number
 * of decision records (refused holds, with why) and audit records (every change made as the
 * owner) is read for the summary.
 */
import { credits, limits } from "@creditpool/core";
import type { DemoContext, DemoOrganization } from "./demo-organization.ts";

export interface GovernanceSummary {
  readonly decisions: number;
  readonly auditRecords: number;
  readonly webhookEndpoints: number;
}

/** Sets the reservation and the cap, as the owner, before the weeks of activity. */
export async function governPools(
  context: DemoContext,
  organization: DemoOrganization,
): Promise<void> {
  const { services, ids } = context;
  const support = organization.pools.get("Support");
  if (support !== undefined) {
    const reserved = { amount: credits("2000"), period: "month" as const };
    await services.pools.update(
      organization.owner,
      support,
      { policy: { reserved } },
      ids.next("key"),
    );
  }
  const platform = organization.pools.get("Platform");
  if (platform !== undefined) {
    const memberCap = { amount: credits("6000"), period: "month" as const };
    await services.pools.update(
      organization.owner,
      platform,
      { policy: { memberCap } },
      ids.next("key"),
    );
  }
}

/** The endpoint (disabled until its URL is the organization's own), and the counts shown. */
export async function governanceSummary(
  context: DemoContext,
  organization: DemoOrganization,
): Promise<GovernanceSummary> {
  const { services, ids } = context;
  const { owner } = organization;
  await services.webhooks.create(
    owner,
    {
      url: "https://hooks.acme.example/creditpool",
      eventTypes: ["alert.raised", "pool.debt", "grant.expiring_soon"],
      description: "Acme's alerting: enable once the URL is yours",
      enabled: false,
    },
    ids.next("key"),
    () => ({}),
  );
  const page = { limit: limits.pageSizeMax };
  let decisions = 0;
  for (let after: string | undefined; ; ) {
    const rows = await services.decisions.list(owner, {}, { ...page, startingAfter: after });
    decisions += Math.min(rows.length, page.limit);
    if (rows.length <= page.limit) break;
    after = rows[page.limit - 1]?.id;
  }
  const auditRecords = await services.audit.count(owner);
  const endpoints = await services.webhooks.list(owner, page);
  return { decisions, auditRecords, webhookEndpoints: endpoints.length };
}

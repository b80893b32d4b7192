/**
 * The demo's alert rules: Tier 1 (the team whose hard limit refuses holds) watched at 50, 80 and
 * 100 % of its limit, and the organization's wallet forecast over the last week. Made as the
 * owner at the end of the simulated weeks and evaluated once, so the served demo shows alerts
 * at once; the server's own evaluator carries on from there.
 */
import { limits } from "@creditpool/core";
import type { DemoContext, DemoOrganization } from "./demo-organization.ts";

const percent = 1_000_000n;

/** Makes the rules, evaluates them once; answers how many alerts are open. */
export async function watchPools(
  context: DemoContext,
  organization: DemoOrganization,
): Promise<number> {
  const { services, ids } = context;
  const { owner, organizationId } = organization;
  const render = () => ({});
  const team = organization.pools.get("Tier 1");
  if (team !== undefined) {
    const thresholds = [50n * percent, 80n * percent, 100n * percent];
    const rule = {
      pool: team,
      metric: "limit" as const,
      thresholds,
      windowHours: null,
      smallAtMost: null,
    };
    await services.alerts.createRule(owner, { ...rule, enabled: true }, ids.next("key"), render);
  }
  const wallet = {
    pool: organization.rootPoolId,
    metric: "forecast" as const,
    thresholds: [],
    windowHours: 7 * 24,
    smallAtMost: null,
    enabled: true,
  };
  await services.alerts.createRule(owner, wallet, ids.next("key"), render);
  // An abuse signal: one key acting for ten members or more within a day.
  const sharedKey = {
    pool: organization.rootPoolId,
    metric: "key_spread" as const,
    thresholds: [10n * percent],
    windowHours: 24,
    smallAtMost: null,
    enabled: true,
  };
  await services.alerts.createRule(owner, sharedKey, ids.next("key"), render);
  await services.alertEvaluator.evaluate(organizationId);
  const open = await services.alerts.list(owner, { status: "open" }, { limit: limits.pageSizeMax });
  return open.length;
}

/** What a generated demo is: its organization, its keys, and what its weeks of activity did. */
import type { RevenueReport } from "../services/revenue.ts";
import type { AcmeSpec } from "./acme.ts";
import type { ActivityStats } from "./activity.ts";
import type { DemoKey } from "./demo-organization.ts";
import type { GovernanceSummary } from "./governance.ts";

export interface DemoResult {
  readonly organizationId: string;
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly spec: AcmeSpec;
  readonly keys: readonly DemoKey[];
  /** Grants made, by source. */
  readonly grants: ReadonlyMap<string, number>;
  readonly topUps: number;
  /** Months the subscription renewed: each one's invoice finalized. */
  readonly renewals: number;
  /** Revenue recognition over the simulated weeks. */
  readonly revenue: RevenueReport;
  readonly activity: ActivityStats;
  /** Alerts open when the simulated weeks end (`GET /v1/alerts`). */
  readonly alerts: number;
  /** Decision and audit records kept, and webhook endpoints made. */
  readonly governance: GovernanceSummary;
}

/**
 * Client commands over the SDK: one per route of the API, each taking `--url`, `--key` (or
 * CREDITPOOL_URL, CREDITPOOL_KEY) and `--json`. The commands live in `client/`, one file per
 * group of resources.
 */
import type { Command } from "commander";
import { registerAlertCommands } from "./client/alerts.ts";
import { registerAuditCommands } from "./client/audit.ts";
import { registerBillingCommands } from "./client/billing.ts";
import { addGlobalOptions } from "./client/context.ts";
import { registerKeyCommands, registerMemberCommands } from "./client/directory.ts";
import { registerGatewayCallCommands } from "./client/gateway-calls.ts";
import { registerGovernanceCommands } from "./client/governance.ts";
import { registerGrantCommands } from "./client/grants.ts";
import { registerHoldCommands } from "./client/holds.ts";
import { registerOrganizationCommands } from "./client/organizations.ts";
import { registerPoolCommands } from "./client/pools.ts";
import { registerPricingCommands } from "./client/pricing.ts";
import { registerRecurringGrantCommands } from "./client/recurring-grants.ts";
import { registerReportCommands } from "./client/reports.ts";
import { registerRoutingPolicyCommands } from "./client/routing-policies.ts";
import { registerTestClockCommands } from "./client/test-clocks.ts";
import { registerUpstreamCommands } from "./client/upstreams.ts";
import { registerUsageCommands } from "./client/usage.ts";
import { registerEventCommands, registerWebhookCommands } from "./client/webhooks.ts";

export function registerClientCommands(program: Command): void {
  const existing = new Set(program.commands);
  registerOrganizationCommands(program);
  registerPoolCommands(program);
  registerGrantCommands(program);
  registerRecurringGrantCommands(program);
  registerHoldCommands(program);
  registerGovernanceCommands(program);
  registerGatewayCallCommands(program);
  registerUsageCommands(program);
  registerPricingCommands(program);
  registerBillingCommands(program);
  registerReportCommands(program);
  registerTestClockCommands(program);
  registerMemberCommands(program);
  registerKeyCommands(program);
  registerWebhookCommands(program);
  registerEventCommands(program);
  registerAuditCommands(program);
  registerAlertCommands(program);
  registerUpstreamCommands(program);
  registerRoutingPolicyCommands(program);
  for (const command of program.commands) {
    if (!existing.has(command)) forEachLeaf(command, addGlobalOptions);
  }
}

function forEachLeaf(command: Command, visit: (leaf: Command) => void): void {
  if (command.commands.length === 0) visit(command);
  for (const subcommand of command.commands) forEachLeaf(subcommand, visit);
}

/**
 * Versioned migrations for both dialects. A migration is never edited once released; a change is
 * a new version. The two dialects keep the same tables and columns so `rows.ts` serves both.
 */
import { alertSignalTables } from "./alert-signals.ts";
import { alertTables } from "./alerts.ts";
import { auditTables } from "./audit.ts";
import {
  billingTables,
  invoicePlanColumns,
  subscriptionAutoTopUp,
  subscriptionTierSeats,
} from "./billing-tables.ts";
import { directoryTables } from "./directory.ts";
import { eventTables } from "./events.ts";
import { exportCheckpointTables } from "./export-checkpoints.ts";
import { gatewayCallTables } from "./gateway-calls.ts";
import { governanceTables } from "./governance.ts";
import { pricingTables } from "./pricing.ts";
import { recurringGrantTables } from "./recurring-grants.ts";
import { routingPolicyTables } from "./routing-policies.ts";
import { seatAssignmentTables } from "./seat-assignments.ts";
import { testClockTables } from "./test-clocks.ts";
import { totalsTables } from "./totals.ts";
import { upstreamTables } from "./upstreams.ts";
import { providerCostColumns, usageBucketTables } from "./usage-buckets.ts";
import { webhookTables } from "./webhooks.ts";

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

type Types = { big: string; bool: string; text: string; clustered: string; true: string };

function ledgerTables(t: Types): string {
  return `
CREATE TABLE organizations (
  id ${t.text} PRIMARY KEY,
  name ${t.text} NOT NULL,
  root_pool_id ${t.text} NOT NULL,
  version ${t.big} NOT NULL,
  last_now ${t.big} NOT NULL,
  next_sequence ${t.big} NOT NULL,
  next_due_at ${t.big} NOT NULL,
  created_at ${t.big} NOT NULL
);
CREATE INDEX organizations_next_due_at ON organizations (next_due_at);

CREATE TABLE pools (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  parent_id ${t.text},
  depth ${t.big} NOT NULL,
  name ${t.text} NOT NULL,
  draws_from_parent ${t.bool} NOT NULL,
  limit_amount ${t.big},
  limit_kind ${t.text} CHECK (limit_kind IN ('hard', 'soft')),
  limit_period ${t.text} CHECK (limit_period IN ('day', 'week', 'month')),
  limit_sequence ${t.big} NOT NULL,
  overage_amount ${t.big},
  overage_period ${t.text} CHECK (overage_period IN ('day', 'week', 'month')),
  created_at ${t.big} NOT NULL,
  held ${t.big} NOT NULL CHECK (held >= 0),
  consumed_day_start ${t.big} NOT NULL,
  consumed_day ${t.big} NOT NULL,
  consumed_week_start ${t.big} NOT NULL,
  consumed_week ${t.big} NOT NULL,
  consumed_month_start ${t.big} NOT NULL,
  consumed_month ${t.big} NOT NULL,
  overage_day_start ${t.big} NOT NULL,
  overage_day ${t.big} NOT NULL,
  overage_week_start ${t.big} NOT NULL,
  overage_week ${t.big} NOT NULL,
  overage_month_start ${t.big} NOT NULL,
  overage_month ${t.big} NOT NULL,
  overage_held ${t.big} NOT NULL CHECK (overage_held >= 0),
  debt ${t.big} NOT NULL CHECK (debt >= 0),
  PRIMARY KEY (organization_id, id)
)${t.clustered};

CREATE TABLE grants (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  pool_id ${t.text} NOT NULL,
  amount ${t.big} NOT NULL CHECK (amount > 0),
  source ${t.text} NOT NULL,
  priority ${t.big} NOT NULL,
  effective_at ${t.big} NOT NULL,
  expires_at ${t.big},
  cost_basis ${t.big} NOT NULL,
  created_at ${t.big} NOT NULL,
  remaining ${t.big} NOT NULL CHECK (remaining >= 0),
  held ${t.big} NOT NULL CHECK (held >= 0),
  activated ${t.bool} NOT NULL,
  closed ${t.text} CHECK (closed IN ('expired', 'voided')),
  closed_at ${t.big},
  live ${t.bool} NOT NULL,
  PRIMARY KEY (organization_id, id)
)${t.clustered};
CREATE INDEX grants_live ON grants (organization_id) WHERE live = ${t.true};
CREATE INDEX grants_pool ON grants (organization_id, pool_id);

CREATE TABLE holds (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  pool_id ${t.text} NOT NULL,
  amount ${t.big} NOT NULL CHECK (amount > 0),
  reservations ${t.text} NOT NULL,
  rate_card_version ${t.text},
  created_at ${t.big} NOT NULL,
  expires_at ${t.big} NOT NULL,
  status ${t.text} NOT NULL CHECK (status IN ('held', 'captured', 'released', 'expired')),
  captured_amount ${t.big} NOT NULL,
  closed_at ${t.big},
  PRIMARY KEY (organization_id, id)
)${t.clustered};
CREATE INDEX holds_open ON holds (organization_id) WHERE status = 'held';

CREATE TABLE transfers (
  organization_id ${t.text} NOT NULL,
  sequence ${t.big} NOT NULL,
  id ${t.text} NOT NULL,
  kind ${t.text} NOT NULL,
  debit_account ${t.text} NOT NULL,
  credit_account ${t.text} NOT NULL,
  amount ${t.big} NOT NULL CHECK (amount > 0),
  pool_id ${t.text} NOT NULL,
  grant_id ${t.text},
  hold_id ${t.text},
  rate_card_version ${t.text},
  at ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, sequence)
)${t.clustered};
CREATE INDEX transfers_pool ON transfers (pool_id, sequence);
CREATE INDEX transfers_grant ON transfers (grant_id, sequence) WHERE grant_id IS NOT NULL;
CREATE INDEX transfers_hold ON transfers (hold_id, sequence) WHERE hold_id IS NOT NULL;

CREATE TABLE idempotency (
  organization_id ${t.text} NOT NULL,
  key ${t.text} NOT NULL,
  fingerprint ${t.text} NOT NULL,
  answer ${t.text} NOT NULL,
  created_at ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, key)
)${t.clustered};
`;
}

/**
 * Stored answers by age, one index for usage event ids and outcome keys (kept 40 days) and one for
 * every other key (7 days), so retention reads only the answers it forgets, oldest first. The
 * predicates are `eventKeySql` and its negation, word for word, as the queries must repeat them.
 */
export const eventKeySql = "(substr(key, 1, 6) = 'event:' OR substr(key, 1, 8) = 'outcome:')";
/**
 * The keys never forgotten (`isKeptKey`): a subscription's ledger effects and a recurring grant's
 * issues, which a late retry must find however long after.
 */
export const keptKeySql = "(substr(key, 1, 8) = 'billing:' OR substr(key, 1, 10) = 'recurring:')";
const answersByAge = `
CREATE INDEX idempotency_events_created ON idempotency (created_at) WHERE ${eventKeySql};
CREATE INDEX idempotency_requests_created ON idempotency (created_at) WHERE NOT ${eventKeySql};
`;

/** Open holds by expiry, so a view reads only the holds due by now, never every open hold. */
const holdsDue = `
CREATE INDEX holds_due ON holds (organization_id, expires_at) WHERE status = 'held';
DROP INDEX holds_open;
`;

/**
 * A grant may carry what of it rolls over at its expiry: the grant that receives it (its id chosen
 * when the grant is made), the most that moves, and when the receiving grant expires.
 */
const grantRollover = (big: string, text: string) => `
ALTER TABLE grants ADD COLUMN rollover_grant_id ${text};
ALTER TABLE grants ADD COLUMN rollover_cap ${big};
ALTER TABLE grants ADD COLUMN rollover_expires_at ${big};
`;

/** Migration 19: when a pool was archived; null while it is open. */
function poolArchive(big: string): string {
  return `ALTER TABLE pools ADD COLUMN archived_at ${big};`;
}

/**
 * Migration 20: the grant a reallocated grant's credits came from, and a pool's temporary boost
 * of its hard limit (amount and until, null together).
 */
function reallocationAndBoost(big: string): string {
  return `
ALTER TABLE grants ADD COLUMN reallocated_from TEXT;
ALTER TABLE pools ADD COLUMN boost_amount ${big};
ALTER TABLE pools ADD COLUMN boost_until ${big};
`;
}

/**
 * Who and what consumption was for, kept on the transfers that consume and, for its capture, on
 * the hold: compact JSON (`attribution-codec.ts`), null on every other row.
 */
const attribution = `
ALTER TABLE transfers ADD COLUMN attribution TEXT;
ALTER TABLE holds ADD COLUMN attribution TEXT;
`;

const sqliteTypes = { big: "INTEGER", text: "TEXT", clustered: " WITHOUT ROWID" };
const postgresTypes = { big: "BIGINT", text: "TEXT", clustered: "" };

export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "ledger",
    sql: ledgerTables({
      big: "INTEGER",
      bool: "INTEGER",
      text: "TEXT",
      // Clustered on the primary key: one b-tree per table instead of a rowid table and an index.
      clustered: " WITHOUT ROWID",
      true: "1",
    }),
  },
  { version: 2, name: "directory", sql: directoryTables(sqliteTypes) },
  { version: 3, name: "pricing", sql: pricingTables(sqliteTypes) },
  { version: 4, name: "hold member", sql: "ALTER TABLE holds ADD COLUMN member_id TEXT;" },
  { version: 5, name: "holds due", sql: holdsDue },
  { version: 6, name: "answers by age", sql: answersByAge },
  { version: 7, name: "grant rollover", sql: grantRollover("INTEGER", "TEXT") },
  { version: 8, name: "billing", sql: billingTables(sqliteTypes) },
  { version: 9, name: "ledger totals", sql: totalsTables(sqliteTypes) },
  { version: 10, name: "invoice plan", sql: invoicePlanColumns(sqliteTypes) },
  { version: 11, name: "auto top-up, effects pending", sql: subscriptionAutoTopUp(sqliteTypes) },
  { version: 12, name: "test clocks", sql: testClockTables(sqliteTypes) },
  { version: 13, name: "recurring grants", sql: recurringGrantTables(sqliteTypes) },
  { version: 14, name: "governance", sql: governanceTables(sqliteTypes) },
  {
    version: 15,
    name: "events and webhooks",
    sql: eventTables(sqliteTypes) + webhookTables(sqliteTypes),
  },
  { version: 16, name: "audit trail", sql: auditTables(sqliteTypes) },
  { version: 17, name: "export checkpoints", sql: exportCheckpointTables(sqliteTypes) },
  { version: 18, name: "alerts", sql: alertTables(sqliteTypes) },
  { version: 19, name: "pool archive", sql: poolArchive("INTEGER") },
  { version: 20, name: "reallocation and boosts", sql: reallocationAndBoost("INTEGER") },
  { version: 21, name: "abuse signals", sql: alertSignalTables(sqliteTypes) },
  { version: 22, name: "upstream accounts", sql: upstreamTables(sqliteTypes) },
  { version: 23, name: "routing policies", sql: routingPolicyTables(sqliteTypes) },
  { version: 24, name: "gateway calls", sql: gatewayCallTables(sqliteTypes) },
  { version: 25, name: "attribution", sql: attribution },
  { version: 26, name: "usage buckets", sql: usageBucketTables(sqliteTypes) },
  { version: 27, name: "seat assignments", sql: seatAssignmentTables(sqliteTypes) },
  { version: 28, name: "provider cost", sql: providerCostColumns(sqliteTypes) },
  { version: 29, name: "tier seats", sql: subscriptionTierSeats(sqliteTypes) },
];

export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "ledger",
    sql: ledgerTables({
      big: "BIGINT",
      bool: "BOOLEAN",
      text: "TEXT",
      clustered: "",
      true: "TRUE",
    }),
  },
  { version: 2, name: "directory", sql: directoryTables(postgresTypes) },
  { version: 3, name: "pricing", sql: pricingTables(postgresTypes) },
  { version: 4, name: "hold member", sql: "ALTER TABLE holds ADD COLUMN member_id TEXT;" },
  { version: 5, name: "holds due", sql: holdsDue },
  { version: 6, name: "answers by age", sql: answersByAge },
  { version: 7, name: "grant rollover", sql: grantRollover("BIGINT", "TEXT") },
  { version: 8, name: "billing", sql: billingTables(postgresTypes) },
  { version: 9, name: "ledger totals", sql: totalsTables(postgresTypes) },
  { version: 10, name: "invoice plan", sql: invoicePlanColumns(postgresTypes) },
  { version: 11, name: "auto top-up, effects pending", sql: subscriptionAutoTopUp(postgresTypes) },
  { version: 12, name: "test clocks", sql: testClockTables(postgresTypes) },
  { version: 13, name: "recurring grants", sql: recurringGrantTables(postgresTypes) },
  { version: 14, name: "governance", sql: governanceTables(postgresTypes) },
  {
    version: 15,
    name: "events and webhooks",
    sql: eventTables(postgresTypes) + webhookTables(postgresTypes),
  },
  { version: 16, name: "audit trail", sql: auditTables(postgresTypes) },
  { version: 17, name: "export checkpoints", sql: exportCheckpointTables(postgresTypes) },
  { version: 18, name: "alerts", sql: alertTables(postgresTypes) },
  { version: 19, name: "pool archive", sql: poolArchive("BIGINT") },
  { version: 20, name: "reallocation and boosts", sql: reallocationAndBoost("BIGINT") },
  { version: 21, name: "abuse signals", sql: alertSignalTables(postgresTypes) },
  { version: 22, name: "upstream accounts", sql: upstreamTables(postgresTypes) },
  { version: 23, name: "routing policies", sql: routingPolicyTables(postgresTypes) },
  { version: 24, name: "gateway calls", sql: gatewayCallTables(postgresTypes) },
  { version: 25, name: "attribution", sql: attribution },
  { version: 26, name: "usage buckets", sql: usageBucketTables(postgresTypes) },
  { version: 27, name: "seat assignments", sql: seatAssignmentTables(postgresTypes) },
  { version: 28, name: "provider cost", sql: providerCostColumns(postgresTypes) },
  { version: 29, name: "tier seats", sql: subscriptionTierSeats(postgresTypes) },
];

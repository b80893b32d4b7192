/**
 * The billing tables' migrations (see `schema.ts`): plans, subscriptions and invoices, then the
 * columns added since. A migration is never edited once released.
 */

/**
 * The billing tables. `cancel_at_period_end` is an integer 0 or 1 on both dialects, since the
 * types shared with pricing and the directory have no boolean. NULL invoice numbers (drafts) never
 * collide: both dialects treat NULLs in a UNIQUE constraint as distinct.
 */
export const billingTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE plans (
  scope ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  version ${t.big} NOT NULL,
  definition ${t.text} NOT NULL,
  created_at ${t.big} NOT NULL,
  PRIMARY KEY (scope, id, version)
)${t.clustered};

CREATE TABLE subscriptions (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  plan_scope ${t.text} NOT NULL,
  plan_id ${t.text} NOT NULL,
  plan_version ${t.big} NOT NULL,
  pool_id ${t.text} NOT NULL,
  seats ${t.big} NOT NULL CHECK (seats >= 0),
  anchor_at ${t.big} NOT NULL,
  time_zone ${t.text} NOT NULL,
  interval ${t.text} NOT NULL CHECK (interval IN ('month', 'year')),
  status ${t.text} NOT NULL CHECK (status IN ('active', 'canceled')),
  cancel_at_period_end ${t.big} NOT NULL CHECK (cancel_at_period_end IN (0, 1)),
  pending ${t.text},
  period_index ${t.big} NOT NULL,
  period_start ${t.big} NOT NULL,
  period_end ${t.big} NOT NULL,
  state ${t.text} NOT NULL,
  created_at ${t.big} NOT NULL,
  updated_at ${t.big} NOT NULL,
  version ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, id)
)${t.clustered};
CREATE INDEX subscriptions_due ON subscriptions (period_end) WHERE status = 'active';
CREATE UNIQUE INDEX subscriptions_active_pool ON subscriptions (organization_id, pool_id)
  WHERE status = 'active';

CREATE TABLE invoices (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  subscription_id ${t.text} NOT NULL,
  period_index ${t.big} NOT NULL,
  period_start ${t.big} NOT NULL,
  period_end ${t.big} NOT NULL,
  currency ${t.text} NOT NULL,
  status ${t.text} NOT NULL CHECK (status IN ('draft', 'finalized', 'paid', 'void')),
  number ${t.text},
  lines ${t.text} NOT NULL,
  total ${t.big} NOT NULL,
  created_at ${t.big} NOT NULL,
  updated_at ${t.big} NOT NULL,
  finalized_at ${t.big},
  version ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, subscription_id, period_index),
  UNIQUE (organization_id, number)
)${t.clustered};
`;

/** What an invoice shows of its subscription, kept with it since the plan may change later. */
export const invoicePlanColumns = (t: { big: string; text: string }) => `
ALTER TABLE invoices ADD COLUMN plan_scope ${t.text};
ALTER TABLE invoices ADD COLUMN plan_id ${t.text};
ALTER TABLE invoices ADD COLUMN plan_version ${t.big};
ALTER TABLE invoices ADD COLUMN time_zone ${t.text};
`;

/**
 * A subscription's auto top-up rule and where it stands (the service's JSON), or null; and
 * whether a decision's ledger effects wait for the engine (0 or 1). Every active subscription
 * starts at 1, so the renewal job looks once at each and settles what a crash left. The indexes
 * find the active subscriptions with a rule, for the job that checks them, and those with effects
 * waiting, for the renewal job.
 */
export const subscriptionAutoTopUp = (t: { text: string; big: string }) => `
ALTER TABLE subscriptions ADD COLUMN auto_top_up ${t.text};
ALTER TABLE subscriptions ADD COLUMN effects_pending ${t.big} NOT NULL DEFAULT 0
  CHECK (effects_pending IN (0, 1));
CREATE INDEX subscriptions_auto_top_up ON subscriptions (organization_id, id)
  WHERE auto_top_up IS NOT NULL AND status = 'active';
CREATE INDEX subscriptions_effects_pending ON subscriptions (organization_id, id)
  WHERE effects_pending = 1;
UPDATE subscriptions SET effects_pending = 1 WHERE status = 'active';
`;

/**
 * Migration 29: a subscription's seats of its plan's tiers, as JSON text `{ "premium": 3 }`
 * (tiers with none left out); `seats` stays the count of the plan's own seat.
 */
export const subscriptionTierSeats = (t: { text: string }) => `
ALTER TABLE subscriptions ADD COLUMN tier_seats ${t.text} NOT NULL DEFAULT '{}';
`;

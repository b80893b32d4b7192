/**
 * Every maximum creditpool enforces, in one place. A limit is part of the contract: raising one
 * is a decision, not a tweak.
 */
export const limits = {
  /**
   * One amount (a grant, a hold, a capture, a usage event, a limit, a price) is at most 10^12
   * credits. Amounts are stored as signed 64-bit integers, whose maximum is about 9.22 × 10^18.
   */
  amountMicrosMax: 10n ** 18n,
  /**
   * A running total of a pool (consumed this period plus held, for every period kind; debt) is at
   * most 9 × 10^12 credits, checked before anything is added to it, so no total can pass the
   * 64-bit range: a hold that would pass it is refused like a hard limit (`pool_limit_exceeded`),
   * usage that would pass it is refused with `amount_out_of_range` and recorded nowhere.
   */
  totalMicrosMax: 9n * 10n ** 18n,
  fractionDigitsMax: 6,
  /** JSON numbers above this many significant digits lose precision in parsers: use a string. */
  numberSignificantDigitsMax: 15,

  holdTtlSecondsDefault: 600,
  holdTtlSecondsMin: 1,
  holdTtlSecondsMax: 86_400,

  grantPriorityDefault: 100,
  grantPriorityMin: 0,
  grantPriorityMax: 1000,

  /** Root is depth 1: organization, department, team, member, key, and room to spare. */
  poolDepthMax: 16,
  poolsPerOrganizationMax: 10_000,
  poolNameLengthMax: 200,

  idLengthMax: 64,
  idempotencyKeyLengthMax: 255,
  idempotencyRetentionMs: 7 * 24 * 60 * 60 * 1000,
  /** Usage event ids (and outcome keys) outlive any event that can still be accepted (35 days). */
  usageEventIdRetentionMs: 40 * 24 * 60 * 60 * 1000,
  /** Stored answers forgotten per transaction, so pruning never holds the write lock long. */
  answersPrunedPerBatchMax: 1000,

  /** HTTP: the largest request body, the page size, and usage events per request. */
  requestBodyBytesMax: 1_048_576,
  pageSizeDefault: 20,
  pageSizeMax: 100,
  usageEventsPerRequestMax: 1000,
  usageEventIdLengthMax: 255,
  usageEventAgeMsMax: 35 * 24 * 60 * 60 * 1000,
  usageEventFutureMsMax: 5 * 60 * 1000,
  nameLengthMax: 200,

  /** Pricing: quotes are valid this long; a rate card prices at most this many meters. */
  quoteValidityMs: 15 * 60 * 1000,
  rateCardPricesMax: 10_000,
  rateCardTiersPerPriceMax: 16,
  /**
   * A rate card's decimals per unit, `credits_per_unit` and the provider's `cost_per_unit` (money):
   * at most this many whole and fractional digits, so every price and cost is exact.
   */
  perUnitWholeDigitsMax: 13,
  perUnitFractionDigitsMax: 18,
  usageMetersPerEventMax: 32,
  /** Dimensions (model, feature) of a usage event or a rate-card price: names, values, count. */
  dimensionNameLengthMax: 100,
  dimensionValueLengthMax: 200,
  dimensionsPerEventMax: 16,
  /**
   * Tags on a hold, a usage event or a gateway call (kept on the transfers that consume): at most
   * 8, keys lowercase words of at most 40 characters, values 1 to 100 printable characters.
   */
  tagsMax: 8,
  tagKeyLengthMax: 40,
  tagValueLengthMax: 100,

  /** The engine applies at most this many commands in one database transaction. */
  batchCommandsMax: 512,
  /** Commands waiting for a batch beyond this are refused with `overloaded`. */
  engineQueueMax: 100_000,

  /**
   * Billing. Money is integers of a currency's minor units, at most 10^15 in one price or one
   * invoice line (ten trillion dollars), so a total of every line of an invoice stays in 64 bits.
   */
  moneyMinorMax: 10n ** 15n,
  seatsMax: 1_000_000,
  planTopUpPacksMax: 16,
  /** Seat tiers a plan offers beside its own seat. */
  seatTiersMax: 4,
  rolloverLifetimeDaysMax: 366,
  /** Lines of one invoice's decisions: changes past this in one period are refused. */
  invoiceLinesMax: 500,
  /** Ledger effects (grants, voids) one subscription's period may call for, likewise. */
  periodEffectsMax: 1000,
  subscriptionsPerOrganizationMax: 100,
  /** Purchases one auto top-up rule may make in one period. */
  autoTopUpsPerPeriodMax: 100,
  /**
   * Recurring grants: schedules stored per organization (canceled and completed ones count), how
   * far back a schedule's anchor may lie when it is made, how many periods one pass of the issuer
   * catches up for a schedule left behind, and how many of its latest grants a view names.
   */
  recurringGrantsPerOrganizationMax: 1000,
  recurringGrantAnchorAgeMsMax: 35 * 24 * 60 * 60 * 1000,
  recurringGrantPeriodsPerPassMax: 24,
  recurringGrantIdsShownMax: 24,
  /** A recurring grant's credits live at most this many days from their period's start. */
  recurringGrantLifetimeDaysMax: 3660,

  /**
   * Governance: models one allow-list names (each at most `dimensionValueLengthMax` characters),
   * rate limits of one pool (one per scope: key, member, pool), the largest bucket per minute,
   * and how long the decision records of refused holds are kept.
   */
  allowedModelsMax: 100,
  rateLimitsPerPoolMax: 3,
  requestsPerMinuteMax: 1_000_000,
  decisionRetentionMs: 30 * 24 * 60 * 60 * 1000,
  decisionsPrunedPerPassMax: 1000,
  /** An approval request waits this long for an answer; an approved hold is made within this. */
  approvalRequestValidityMs: 24 * 60 * 60 * 1000,
  approvalValidityMs: 60 * 60 * 1000,
  /**
   * An approved request refused for another reason (credits ran short) may be asked again: at
   * most this many attempts in all, the first one allowed becoming its one hold.
   */
  approvalAttemptsMax: 8,

  /**
   * The audit trail's export: one request spans at most 31 days and streams at most 100,000
   * records, read from the store 500 at a time, so its memory stays one page whatever the span.
   */
  auditExportSpanMsMax: 31 * 24 * 60 * 60 * 1000,
  auditExportRecordsMax: 100_000,
  auditExportPageSize: 500,
  /** `creditpool verify` reads each organization's audit chain this many records at a time. */
  auditVerifyPageSize: 1000,

  /**
   * Events and webhooks: an event's data, how long events are kept and how many a retention pass
   * forgets per transaction; endpoints per organization, an endpoint's URL, event type filter and
   * description; a delivery's timeout, the response excerpt kept, how long it is retried, how long
   * a rotated secret keeps signing; deliveries in flight in all, per endpoint, per organization.
   */
  eventDataBytesMax: 16_384,
  eventRetentionMs: 30 * 24 * 60 * 60 * 1000,
  eventsPrunedPerBatchMax: 1000,
  webhookEndpointsPerOrganizationMax: 20,
  webhookUrlLengthMax: 2048,
  webhookEventTypesMax: 32,
  webhookDescriptionLengthMax: 500,
  webhookTimeoutMs: 10_000,
  webhookResponseExcerptBytesMax: 1024,
  webhookRetryWindowMs: 3 * 24 * 60 * 60 * 1000,
  webhookSecretOverlapMs: 24 * 60 * 60 * 1000,
  webhookDeliveriesInFlightMax: 64,
  webhookDeliveriesPerEndpointMax: 4,
  webhookDeliveriesPerOrganizationMax: 8,

  /**
   * Export to a stream: rows of one organization published in one step (a pass takes one step
   * per organization, round the organizations), organizations one pass visits, and how long a
   * node's claim on an organization's export lasts before another node may take it over.
   */
  exportRowsPerStepMax: 500,
  exportOrganizationsPerPassMax: 100,
  /** Organizations exported at once (each one a message at a time, in order). */
  exportStepsAtOnceMax: 8,
  exportLeaseMs: 30_000,

  /**
   * Alerts: rules per organization and thresholds per rule; the trailing windows a forecast may
   * measure its burn rate over (1 hour to 35 days, the journal's reach for recent usage); how many
   * organizations one pass of the evaluator visits.
   */
  alertRulesPerOrganizationMax: 200,
  alertThresholdsPerRuleMax: 10,
  alertForecastWindowHoursMin: 1,
  alertForecastWindowHoursMax: 35 * 24,
  alertForecastWindowHoursDefault: 24,
  alertOrganizationsPerPassMax: 50,
  /** Resolved alerts are forgotten this long after, at most this many an organization a pass. */
  alertRetentionMs: 90 * 24 * 60 * 60 * 1000,
  alertsPrunedPerPassMax: 500,
  /**
   * Abuse signals (`key_spread`, `burn_spike`, `outcome_split`) look back 1 to 24 hours (1 by
   * default) and read at most `alertSignalRowsReadMax` of the newest holds or outcomes in that
   * window a rule a pass; their counts go up to `alertSignalCountMax`, and an alert's evidence
   * names at most `alertSignalSampleMax` keys, members, pools or outcomes. A burn spike compares
   * the window with the pool's own last `alertSpikeBaselineDays` before it, and needs at least
   * `alertSpikeBaselineHoursMin` of that history.
   */
  alertSignalWindowHoursMax: 24,
  alertSignalWindowHoursDefault: 1,
  alertSignalRowsReadMax: 50_000,
  alertSignalCountMax: 1_000_000,
  alertSignalSampleMax: 10,
  alertSpikeBaselineDays: 7,
  alertSpikeBaselineHoursMin: 24,

  /**
   * The gateway: a call's holds last an hour (a stream longer than that is settled by its last
   * hold's expiry), and a call grows its hold at most 8 times before its output is ended.
   */
  gatewayHoldTtlSeconds: 3600,
  gatewayHoldGrowthsMax: 8,
  /** A model name a call names (and upstream reports) is at most 200 characters, printable. */
  gatewayModelNameLengthMax: 200,
  /** Upstream accounts a call tries (each after a 429 or a failed connection) before it gives up. */
  gatewayUpstreamAttemptsMax: 4,
  /** The most of a whole (non-streamed) upstream answer the gateway reads: 32 MiB. */
  gatewayUpstreamBodyBytesMax: 32 * 1024 * 1024,

  /**
   * Upstream accounts of the gateway: accounts per organization (every choice of an account reads
   * them all, so this bounds its work); quota windows per account, each 1 minute to 31 days long;
   * a window's request or token maximum; the lengths of a name, a base URL and a credential; how
   * far ahead a provider's retry-after may cool an account down; and the requests and tokens one
   * recorded use may add.
   */
  upstreamAccountsPerOrganizationMax: 50,
  upstreamWindowsPerAccountMax: 4,
  upstreamWindowSecondsMin: 60,
  upstreamWindowSecondsMax: 31 * 24 * 60 * 60,
  upstreamWindowQuotaMax: 1_000_000_000_000,
  upstreamNameLengthMax: 100,
  upstreamBaseUrlLengthMax: 2048,
  upstreamApiKeyLengthMin: 8,
  upstreamApiKeyLengthMax: 4096,
  upstreamCoolDownMsMax: 24 * 60 * 60 * 1000,
  upstreamUseRequestsMax: 1000,
  upstreamUseTokensMax: 100_000_000,

  /** A pool's hard limit is boosted for at most this long ahead of now. */
  boostDurationMsMax: 31 * 24 * 60 * 60 * 1000,
  /** A reallocated grant's unheld credits may be moved back this long after it was made. */
  reallocationUndoWindowMs: 24 * 60 * 60 * 1000,

  /**
   * The gateway's request sizing: a body above `gatewayRequestBytesMax` is refused (413) before
   * it is parsed or counted; at most `gatewayExactTextBytesMax` bytes of a request's text are
   * counted with a tokenizer, and text past that counts one token a byte, an upper bound, so
   * counting one request costs a bounded time whatever it holds.
   */
  gatewayRequestBytesMax: 8 * 1024 * 1024,
  gatewayExactTextBytesMax: 512 * 1024,
  /** A request's `max_tokens` (or its kin) is at most this; a model's own ceiling is lower. */
  outputTokensMax: 1_000_000,
  /** The output ceiling of a model the catalog does not list, when a request names none. */
  outputTokensDefault: 8_192,
  /**
   * Routing policies: the models of one tier's preference list (a name is a dimension value, at
   * most `dimensionValueLengthMax`). One policy a pool, so an organization has at most as many
   * policies as pools.
   */
  routingModelsPerTierMax: 16,

  /** A usage report has at most this many periods (its span over its interval). */
  reportPeriodsMax: 1_000,
  /** A report keeps at most this many groups, consumers or departments by name; default 10. */
  reportGroupsMax: 100,
  reportGroupsDefault: 10,
  /** A forecast's window is 1 to 90 days (default 30); its line runs at most 90 days ahead. */
  reportWindowDaysMax: 90,
  reportWindowDaysDefault: 30,
  reportHorizonDaysMax: 90,
  /** A forecast lists at most this many child pools, the biggest by burn; the rest are summed. */
  reportForecastPoolsMax: 100,
  /** A pooling replay lists at most this many members, by usage. */
  reportMembersShownMax: 100,
  /** A pooling replay goes hour by hour over at most 93 days (a quarter). */
  reportPoolingDaysMax: 93,
  /** Buyer's math and pooling count at most this many members (seats). */
  reportSeatsMax: 1_000_000,
  /**
   * A report reads at most this many stored buckets; one that would read more is refused
   * `report_too_large` (a narrower span, a coarser interval or a pool further down answers).
   */
  reportBucketsReadMax: 200_000,

  /** Timestamps are milliseconds since the Unix epoch, between 2000-01-01 and 2200-01-01. */
  timeMsMin: 946_684_800_000,
  timeMsMax: 7_258_118_400_000,
} as const;

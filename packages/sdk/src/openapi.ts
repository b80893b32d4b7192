/**
 * The HTTP API's types, generated from the server's OpenAPI document by
 * packages/sdk/scripts/generate.ts. Do not edit: change the server's schemas and regenerate.
 */
export interface paths {
  "/v1/organizations": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create an organization (operator key)
     * @description Creates an organization and its root pool, and answers an owner key once.
     */
    post: operations["createOrganization"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/organization": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The key's organization, and the key that asked */
    get: operations["getOrganization"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/pools": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List pools the key reaches */
    get: operations["listPools"];
    put?: never;
    /** Create a pool under a parent */
    post: operations["createPool"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/pools/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A pool with its balances */
    get: operations["getPool"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Rename a pool or change its limits and governance from now on */
    patch: operations["updatePool"];
    trace?: never;
  };
  "/v1/pools/{id}/archive": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Archive an empty pool: it keeps its history and takes nothing new
     * @description Refused with `pool_not_empty` while the pool has child pools not archived, open holds, grants with credits left, or debt; the root is never archived. Afterwards holds, usage, grants and child pools there answer `pool_archived`.
     */
    post: operations["archivePool"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/pools/{id}/boost": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Raise a pool's hard limit for a while; it lapses by itself at `until`
     * @description Replaces any boost the pool has; an amount of 0 ends it. Refused on `amount` for a pool without a hard limit, on `until` when it is not after now or more than 31 days ahead.
     */
    post: operations["boostPool"];
    /** End a pool's boost now: its hard limit is what it was */
    delete: operations["endPoolBoost"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/grants": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List grants, optionally of one pool */
    get: operations["listGrants"];
    put?: never;
    /** Grant credits to a pool */
    post: operations["createGrant"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/grants/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A grant as of now */
    get: operations["getGrant"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/grants/{id}/void": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Void a grant: forfeit what is left unheld */
    post: operations["voidGrant"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/grants/{id}/expiry": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change an open grant's expiry: later, earlier (never before now) or never */
    post: operations["changeGrantExpiry"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/grants/{id}/reallocate": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Move part of a grant's unheld remainder to a new grant at another pool
     * @description The new grant keeps the grant's source, priority, cost basis and expiry, and names it in `reallocated_from`. The pool must end its draw chain at the grant's carrier (`reallocation_target_outside`). Needs `grants.write`, which no key bound to a pool holds.
     */
    post: operations["reallocateGrant"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/grants/{id}/undo-reallocation": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Within 24 hours, move what of a reallocated grant is unheld back to its source
     * @description Refused with `reallocation_not_undoable` for a grant not made by a reallocation, past the window, or when the source grant is closed.
     */
    post: operations["undoGrantReallocation"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/recurring-grants": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List recurring grants */
    get: operations["listRecurringGrants"];
    put?: never;
    /**
     * Grant credits to a pool every period
     * @description Every month or year from `anchor_at`, a grant of these terms is issued to the pool, exactly once a period. The periods begun by now are issued at once, and the answer names their grants.
     */
    post: operations["createRecurringGrant"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/recurring-grants/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A recurring grant as of now, with its latest grants */
    get: operations["getRecurringGrant"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/recurring-grants/{id}/cancel": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Stop a recurring grant: no period after now is issued; its grants stay */
    post: operations["cancelRecurringGrant"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/decisions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Refused holds and flagged usage, newest first */
    get: operations["listDecisions"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/decisions/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Why a hold was refused: the path, limits and balances that decided it */
    get: operations["getDecision"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/approvals": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Approval requests, newest first */
    get: operations["listApprovals"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/approvals/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An approval request and its answer */
    get: operations["getApproval"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/approvals/{id}/approve": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve a hold above a gate
     * @description The first answer stands: the same answer again answers the request as it is, the other answer is refused `approval_not_usable`.
     */
    post: operations["approveApproval"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/approvals/{id}/deny": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Deny a hold above a gate
     * @description The first answer stands: the same answer again answers the request as it is, the other answer is refused `approval_not_usable`.
     */
    post: operations["denyApproval"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/holds": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Authorize: hold credits before work runs
     * @description A refused hold is not an error: it answers 200 with `allowed: false`, the result `code` and the `pool` where it failed.
     */
    post: operations["createHold"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/holds/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A hold as of now */
    get: operations["getHold"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/holds/{id}/capture": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Settle a hold with the actual amount; the rest is released
     * @description Above the held amount, the excess is recorded as usage. After the TTL: 409 `hold_expired`, and the amount is still recorded as usage.
     */
    post: operations["captureHold"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/holds/{id}/release": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Release a hold: nothing was used */
    post: operations["releaseHold"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/usage": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record a batch of usage events (direct debits, never refused)
     * @description Each event is idempotent by its `id` within the organization: a repeat with the same body answers `duplicate`, with a different body `idempotency_key_reused`. Events are recorded one by one: an event the server failed to record is `refused` with `internal_error` while the others stand; send it again with the same id.
     */
    post: operations["recordUsage"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/transfers": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The journal, in sequence order, filtered by pool, grant, hold and time
     * @description A key bound to a pool must name a `pool` in its subtree.
     */
    get: operations["listTransfers"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/audit-records": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit trail, in sequence order, filtered by action, target, actor and time */
    get: operations["listAuditRecords"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/audit-records/export": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The audit records of a span of at most 31 days, as JSON Lines
     * @description One record per line, in sequence order, at most 100,000 per request; each line can be checked against the one before it (see the audit concepts page).
     */
    get: operations["exportAuditRecords"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/members": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List members */
    get: operations["listMembers"];
    put?: never;
    /** Add a person or an agent */
    post: operations["createMember"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/members/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A member */
    get: operations["getMember"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/keys": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List API keys */
    get: operations["listKeys"];
    put?: never;
    /**
     * Create an API key
     * @description The answer carries the key's `secret` once; a replay with the same Idempotency-Key answers the key without it.
     */
    post: operations["createKey"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/keys/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke an API key */
    delete: operations["revokeKey"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/rate-cards": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The rate-card versions that apply to the organization */
    get: operations["listRateCards"];
    put?: never;
    /**
     * Publish a rate-card version
     * @description A new version supersedes the previous one from its `effective_at`; versions are never edited. With the operator key it is a default version, for organizations without their own.
     */
    post: operations["publishRateCard"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/quotes": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Price an action before it runs
     * @description Answers the credits, the rate-card version and an expiry; a hold may name the quote.
     */
    post: operations["createQuote"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/plans": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The latest version of every plan the organization may subscribe to */
    get: operations["listPlans"];
    put?: never;
    /**
     * Publish a plan version
     * @description Publishing a plan id again makes its next version; versions are never edited, and subscriptions keep theirs. With the operator key the plan is in the catalog every organization sees; with an organization's key it is the organization's own and is found first.
     */
    post: operations["publishPlan"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/plans/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A plan: its latest version, or the one named by `version` */
    get: operations["getPlan"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/subscriptions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization's subscriptions */
    get: operations["listSubscriptions"];
    put?: never;
    /**
     * Put a pool on a plan
     * @description The current period's included credits (prorated when `anchor_at` is earlier than now) are granted to the pool at once, and the period's invoice is drafted.
     */
    post: operations["startSubscription"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/subscriptions/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A subscription and its current period */
    get: operations["getSubscription"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/subscriptions/{id}/seats": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Set the seat count from now
     * @description Seats added bring their credits for the rest of the period and a prorated line. Seats removed under the plan's `claw_back` give back the unused share of their credits (never more than is left) with a prorated credit line; under `keep` their credits and price stay to the period's end. The next period counts the new seats.
     */
    post: operations["changeSubscriptionSeats"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/subscriptions/{id}/plan": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Move the subscription to another plan
     * @description A plan whose period costs as much or more at the current seats is an upgrade, now: the unused time of the old plan is credited, the rest of the period on the new one charged, and its extra included credits granted. One that costs less is a downgrade at the period's end (`pending_plan`). The new plan bills in the same currency and interval; changing back to the current plan cancels a waiting downgrade.
     */
    post: operations["changeSubscriptionPlan"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/subscriptions/{id}/cancel": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End the subscription at its period's end */
    post: operations["cancelSubscription"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/subscriptions/{id}/resume": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Undo a cancellation while the period runs */
    post: operations["resumeSubscription"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/top-ups": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Buy credits now, through a subscription
     * @description A pack of the subscription's plan, or an amount at its `top_up_price`: granted to the subscription's pool at once (source `purchase`, never expiring), and a line of the period's invoice.
     */
    post: operations["buyTopUp"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/subscriptions/{id}/auto-top-up": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Set or remove the subscription's auto top-up rule
     * @description When the subscription's pool's `available` falls below `threshold`, a top-up is bought (a pack, or an amount at `top_up_price`), at most `max_per_period` times a period and once per crossing: the rule buys again only after it has seen the pool at or above the threshold. Checked every second; under any concurrency a crossing buys once.
     */
    post: operations["setAutoTopUp"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/subscriptions/{id}/assignments": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The members holding the subscription's seats */
    get: operations["listSeatAssignments"];
    put?: never;
    /**
     * Give a member one of the subscription's seats
     * @description A member who already holds a seat is answered that assignment (200), and nothing is written. When every seat is taken the answer is `409 seats_exhausted`; two requests racing for the last seat never both take it. Under `seat_access: assigned` only members holding a seat may hold at the subscription's pools.
     */
    post: operations["assignSeat"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/subscriptions/{id}/assignments/{member}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Take a member's seat back */
    delete: operations["unassignSeat"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/invoices": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization's invoices, optionally of one subscription */
    get: operations["listInvoices"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/invoices/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An invoice and its lines */
    get: operations["getInvoice"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/invoices/{id}/html": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An invoice as a printable HTML page
     * @description One self-contained page (inline styles, no script, nothing fetched) with the invoice's number (or Draft), status, organization, subscription, plan, period in the subscription's time zone, lines and total, and a PAID or VOID mark. Errors answer JSON as everywhere.
     */
    get: operations["getInvoiceHtml"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/invoices/{id}/pay": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark a finalized invoice paid (collected by your payment provider) */
    post: operations["payInvoice"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/invoices/{id}/void": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Void a finalized invoice */
    post: operations["voidInvoice"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/reports/revenue": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Revenue recognition per pool and department over a span
     * @description Prepaid credits are deferred revenue until consumed (recognized) or lost when their grant expires or is voided (breakage), all at each grant's cost basis. Per pool, deferred_closing = deferred_opening + purchased + carried_in − carried_out − breakage − what was recognized from the pool's grants (recognition counts at the pool that consumed). Departments are the root pool's children with everything under them.
     */
    get: operations["revenueReport"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/reports/margin": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Revenue against provider cost, per rate card, model, meter or department
     * @description Per group and in total: the credits consumed, the revenue they brought (each credit at the cost basis of the grant that paid it), the provider cost the rate cards gave for the work, and the margin between them. Credits no grant paid and credits with no provider cost are stated apart.
     */
    get: operations["marginReport"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/reports/usage": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Consumption over a span by period and group
     * @description Consumption (credits consumed, overage and debt) by UTC period and group. The `limit` biggest groups over the span are kept, the rest fold into `(other)`; consumption with no value for the grouping is `(none)`. group_by=pool groups by the pools directly under `pool`, each with its subtree, and `pool` itself for what it consumed directly.
     */
    get: operations["usageReport"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/reports/top-consumers": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The biggest consumers over a span
     * @description by=pool counts every pool of the subtree on its own, not rolled up.
     */
    get: operations["topConsumers"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/reports/chargeback": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Consumption charged back to the departments under a pool
     * @description One department per child of `pool` with its whole subtree, and `pool` itself (named `(direct)`) for what it consumed directly.
     */
    get: operations["chargebackReport"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/reports/forecast": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Burn rate and when a pool's credits run out
     * @description The burn per day is the window's consumption over its days; the line runs from today's available at that burn, grants expiring within 90 days taken away at their expiry.
     */
    get: operations["forecastReport"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/reports/buyers-math": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What the span's consumption would cost per seat, by the credit, or both
     * @description per_seat = N × seat_price + Σ max(0, uᵢ − seat_credits) × overage_price; credit_based = Σ uᵢ × credit_price; hybrid = N × hybrid_seat_price + max(0, Σ uᵢ − N × hybrid_seat_credits) × credit_price. uᵢ is each member's consumption (consumption with no member is one more user), N is `members`.
     */
    get: operations["buyersMath"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/reports/pooling": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The span's consumption replayed: one shared pool versus a quota per member
     * @description Hour by hour in time order, one pool of `capacity` versus quotas of capacity / members each (floored to a micro-credit; the remainder is in no silo). served + blocked = usage; stranded = capacity not served.
     */
    get: operations["poolingReport"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/test-clocks": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization's test clock, if it has one */
    get: operations["listTestClocks"];
    put?: never;
    /**
     * Give the organization a test clock (its ledger must still be empty)
     * @description 201 with the new clock; 200 with the organization's clock when it has one already; 409 `test_clock_unavailable` when its ledger is not empty.
     */
    post: operations["createTestClock"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/test-clocks/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A test clock and its organization's time */
    get: operations["getTestClock"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/test-clocks/{id}/advance": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Move the organization's time forward
     * @description Applies everything that falls due on the way (grant and hold expiries, rollovers, activations), renews the organization's subscriptions up to the new time and checks their auto top-ups. Time never runs backwards. The operator's key may advance any organization's clock. A retry is safe with or without `Idempotency-Key`: advancing to where the clock is changes nothing.
     */
    post: operations["advanceTestClock"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/events": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List events, in the order they happened */
    get: operations["listEvents"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/events/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An event */
    get: operations["getEvent"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/events/{id}/replay": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Deliver an event again, to every endpoint that wants it or to one */
    post: operations["replayEvent"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/webhook-endpoints": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List webhook endpoints */
    get: operations["listWebhookEndpoints"];
    put?: never;
    /**
     * Add a webhook endpoint; its secret is answered once
     * @description A replay with the same Idempotency-Key answers the first answer, the secret included.
     */
    post: operations["createWebhookEndpoint"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/webhook-endpoints/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A webhook endpoint */
    get: operations["getWebhookEndpoint"];
    put?: never;
    post?: never;
    /** Remove a webhook endpoint and its deliveries */
    delete: operations["deleteWebhookEndpoint"];
    options?: never;
    head?: never;
    /** Change a webhook endpoint's URL, event types, description or whether it is enabled */
    patch: operations["updateWebhookEndpoint"];
    trace?: never;
  };
  "/v1/webhook-endpoints/{id}/rotate-secret": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A new secret, answered once; the previous one signs too for 24 hours
     * @description A replay with the same Idempotency-Key answers the first answer, the secret included.
     */
    post: operations["rotateWebhookSecret"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/webhook-endpoints/{id}/test": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a webhook_endpoint.test event to this endpoint */
    post: operations["testWebhookEndpoint"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/webhook-endpoints/{id}/deliveries": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An endpoint's delivery log, the newest first */
    get: operations["listWebhookDeliveries"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/webhook-deliveries/{id}/retry": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Deliver a delivery's event to its endpoint again, now */
    post: operations["retryWebhookDelivery"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/alert-rules": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List alert rules */
    get: operations["listAlertRules"];
    put?: never;
    /**
     * Watch a pool: its limit, its grants, its balance or its forecast
     * @description The evaluator checks enabled rules every few seconds and raises an alert once per threshold crossed per period (the pool's limit period, else the calendar month).
     */
    post: operations["createAlertRule"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/alert-rules/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An alert rule */
    get: operations["getAlertRule"];
    put?: never;
    post?: never;
    /** Remove an alert rule; the alerts it raised stay */
    delete: operations["deleteAlertRule"];
    options?: never;
    head?: never;
    /** Change a rule's thresholds, window, or whether it is enabled */
    patch: operations["updateAlertRule"];
    trace?: never;
  };
  "/v1/alerts": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List alerts, newest first */
    get: operations["listAlerts"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/alerts/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An alert */
    get: operations["getAlert"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/alerts/{id}/acknowledge": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Acknowledge an open alert; it stays until resolved */
    post: operations["acknowledgeAlert"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/alerts/{id}/resolve": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resolve an alert; the same crossing is not raised again this period */
    post: operations["resolveAlert"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/upstreams": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List upstream accounts, with their windows' usage */
    get: operations["listUpstreams"];
    put?: never;
    /** Add an upstream account; its credential is sealed and never shown again */
    post: operations["createUpstream"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/upstreams/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An upstream account */
    get: operations["getUpstream"];
    put?: never;
    post?: never;
    /** Remove an upstream account and its windows' usage */
    delete: operations["deleteUpstream"];
    options?: never;
    head?: never;
    /** Change an upstream account's name, base URL, windows, credential or whether it is enabled */
    patch: operations["updateUpstream"];
    trace?: never;
  };
  "/v1/routing-policies": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List routing policies */
    get: operations["listRoutingPolicies"];
    put?: never;
    /**
     * Route a pool's gateway calls by complexity tier
     * @description One policy a pool (`409 routing_policy_exists` for a second); it applies to the pool's subtree unless a nearer pool has its own. A key bound to a pool sets policies only for the pools below it.
     */
    post: operations["createRoutingPolicy"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/routing-policies/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A routing policy */
    get: operations["getRoutingPolicy"];
    put?: never;
    post?: never;
    /** Remove a routing policy; the nearest one above, if any, applies instead */
    delete: operations["deleteRoutingPolicy"];
    options?: never;
    head?: never;
    /** Change a routing policy's tiers, default tier, low-balance rule or limit behaviour */
    patch: operations["updateRoutingPolicy"];
    trace?: never;
  };
  "/v1/gateway-calls": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Calls through the AI gateway, newest first */
    get: operations["listGatewayCalls"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/gateway-calls/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One call through the AI gateway */
    get: operations["getGatewayCall"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    CreatedOrganization: {
      organization: components["schemas"]["Organization"];
      owner_key: components["schemas"]["ApiKey"];
    };
    Organization: {
      /** @example org_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "organization";
      name: string;
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      root_pool: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
    };
    ApiKey: {
      /** @example key_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "key";
      name: string;
      prefix: string;
      /** @enum {string} */
      role: "owner" | "admin" | "billing" | "member" | "agent" | "viewer" | "pool_admin";
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string | null;
      /** @example mem_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      member: string | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      revoked_at: string | null;
      /** @description The key itself: shown once, at creation. */
      secret?: string;
    };
    Error: {
      error: {
        /** @enum {string} */
        type:
          | "invalid_request_error"
          | "authentication_error"
          | "permission_error"
          | "idempotency_error"
          | "rate_limit_error"
          | "api_error";
        code: string;
        message: string;
        param?: string;
        /**
         * @description The answer's `Request-Id`: quote it when you report a problem.
         * @example req_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
         */
        request_id: string;
      };
    };
    CreateOrganization: {
      name: string;
    };
    CurrentOrganization: components["schemas"]["Organization"] & {
      /** @description The key that asked: what it may do and how far it reaches. */
      key: {
        /** @example key_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
        id: string;
        /** @enum {string} */
        role: "owner" | "admin" | "billing" | "member" | "agent" | "viewer" | "pool_admin";
        /**
         * @description The root of the subtree the key reaches; null for the whole organization.
         * @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
         */
        pool: string | null;
        /** @example mem_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
        member: string | null;
      };
    };
    Pool: {
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "pool";
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      parent: string | null;
      name: string;
      draws_from_parent: boolean;
      limit: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /** @enum {string} */
        kind: "hard" | "soft";
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
      } | null;
      overage_limit: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
      } | null;
      reserved: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
        /**
         * @description What the reservation still protects now.
         * @example 12.5
         */
        unused: string;
      } | null;
      member_cap: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
      } | null;
      key_cap: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
      } | null;
      rate_limits: {
        /** @enum {string} */
        per: "key" | "member" | "pool";
        requests_per_minute: number | null;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        credits_per_minute: string | null;
      }[];
      allowed_models: string[] | null;
      soft_throttle: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        max_hold: string | null;
        models: string[] | null;
      } | null;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      approval_above: string | null;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      available: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      held: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      consumed_this_period: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      granted: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      debt: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      overage_used_this_period: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @description When the pool was archived; null while it is open.
       * @example 2026-11-21T09:30:00.000Z
       */
      archived_at: string | null;
      /** @description A temporary raise of the hard limit: `amount` more until `until`; null when none is in force. */
      boost: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /**
         * Format: date-time
         * @example 2026-11-21T09:30:00.000Z
         */
        until: string;
      } | null;
    };
    CreatePool: {
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      parent: string;
      name: string;
      /** @default true */
      draws_from_parent?: boolean;
      /** @default null */
      limit?: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /** @enum {string} */
        kind: "hard" | "soft";
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
      } | null;
      /** @default null */
      overage_limit?: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
      } | null;
      /** @description Protects this much of the parent's own grants each period for this pool's subtree. */
      reserved?: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
      } | null;
      /** @description The most each member may draw under this pool each period. */
      member_cap?: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
      } | null;
      /** @description The most each API key may draw under this pool each period. */
      key_cap?: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
      } | null;
      rate_limits?: {
        /** @enum {string} */
        per: "key" | "member" | "pool";
        /** @default null */
        requests_per_minute?: number | null;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        credits_per_minute?: string;
      }[];
      /** @description The models holds under this pool may name; null allows any. */
      allowed_models?: string[] | null;
      /** @description Once a hold would take the pool past its soft limit: the largest hold it still admits, and the only models. */
      soft_throttle?: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        max_hold?: string;
        /** @default null */
        models?: string[] | null;
      } | null;
      /**
       * @description Holds above this amount under the pool wait for an approver.
       * @example 12.5
       */
      approval_above?: string;
    };
    UpdatePool: {
      name?: string;
      limit?: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /** @enum {string} */
        kind: "hard" | "soft";
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
      } | null;
      overage_limit?: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
      } | null;
      /** @description Protects this much of the parent's own grants each period for this pool's subtree. */
      reserved?: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
      } | null;
      /** @description The most each member may draw under this pool each period. */
      member_cap?: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
      } | null;
      /** @description The most each API key may draw under this pool each period. */
      key_cap?: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        amount: string;
        /**
         * @example month
         * @enum {string}
         */
        period: "day" | "week" | "month";
      } | null;
      rate_limits?: {
        /** @enum {string} */
        per: "key" | "member" | "pool";
        /** @default null */
        requests_per_minute?: number | null;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        credits_per_minute?: string;
      }[];
      /** @description The models holds under this pool may name; null allows any. */
      allowed_models?: string[] | null;
      /** @description Once a hold would take the pool past its soft limit: the largest hold it still admits, and the only models. */
      soft_throttle?: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        max_hold?: string;
        /** @default null */
        models?: string[] | null;
      } | null;
      /**
       * @description Holds above this amount under the pool wait for an approver.
       * @example 12.5
       */
      approval_above?: string;
    };
    NoBody: Record<string, never>;
    BoostPool: {
      /**
       * @description How much the hard limit is raised; 0 ends the boost.
       * @example 12.5
       */
      amount: string;
      /**
       * Format: date-time
       * @description When the boost lapses by itself: after now, at most 31 days ahead.
       * @example 2026-12-01T00:00:00Z
       */
      until: string;
    };
    Grant: {
      /** @example grant_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "grant";
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      amount: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      remaining: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      held: string;
      /** @enum {string} */
      source: "plan" | "seat" | "purchase" | "promotion" | "commitment" | "rollover" | "adjustment";
      priority: number;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      effective_at: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      expires_at: string | null;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      cost_basis: string;
      /** @description At expiry, up to `cap` of what is left moves to the grant `grant`, which expires at `expires_at`; the rest expires. */
      rollover: {
        /** @example grant_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
        grant: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        cap: string;
        /**
         * Format: date-time
         * @example 2026-11-21T09:30:00.000Z
         */
        expires_at: string;
      } | null;
      /**
       * @description The grant whose credits were moved here by a reallocation; null if issued.
       * @example grant_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      reallocated_from: string | null;
      /** @enum {string} */
      status: "scheduled" | "active" | "depleted" | "expired" | "voided";
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
    };
    CreateGrant: {
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      amount: string;
      /** @enum {string} */
      source: "plan" | "seat" | "purchase" | "promotion" | "commitment" | "rollover" | "adjustment";
      /** @default 100 */
      priority?: number;
      /**
       * Format: date-time
       * @example 2026-12-01T00:00:00Z
       */
      effective_at?: string;
      expires_at?: string | null;
      /**
       * @description Money paid per credit, as a decimal string.
       * @example 12.5
       */
      cost_basis?: string;
      /** @description What carries on at expiry (needs `expires_at`): up to `cap` of what is left becomes a new grant of source `rollover` expiring at `expires_at`. */
      rollover?: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        cap: string;
        /**
         * Format: date-time
         * @example 2026-12-01T00:00:00Z
         */
        expires_at: string;
      };
    };
    ReleaseHold: Record<string, never>;
    ChangeGrantExpiry: {
      /** @description The new expiry: now or later (now expires the grant at once), or null for never. A grant with rollover terms keeps one, before its rollover grant's. */
      expires_at: string | null;
    };
    ReallocateGrant: {
      /**
       * @description The pool of the new grant: one whose draw chain ends at the grant's carrier.
       * @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      pool: string;
      /**
       * @description How much of the grant's unheld remainder moves.
       * @example 12.5
       */
      amount: string;
    };
    RecurringGrant: {
      /** @example rgr_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "recurring_grant";
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      amount: string;
      /** @enum {string} */
      source: "plan" | "seat" | "purchase" | "promotion" | "commitment" | "adjustment";
      priority: number;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      cost_basis: string;
      expiry:
        | ("never" | "period_end")
        | {
            days: number;
          };
      rollover: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        cap: string;
        lifetime_days: number;
      } | null;
      /** @enum {string} */
      interval: "month" | "year";
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      anchor_at: string;
      time_zone: string;
      periods: number | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      ends_at: string | null;
      /**
       * @description `completed`: its last period was issued (its count or its end reached); `canceled`: stopped, its grants kept.
       * @enum {string}
       */
      status: "active" | "canceled" | "completed";
      periods_issued: number;
      /**
       * Format: date-time
       * @description When the next period's grant is issued; null once it issues no more.
       * @example 2026-11-21T09:30:00.000Z
       */
      next_issue_at: string | null;
      /** @description The grants of the latest periods issued, oldest first, at most 24. */
      grants: string[];
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      canceled_at: string | null;
    };
    CreateRecurringGrant: {
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      /**
       * @description Credits each period.
       * @example 12.5
       */
      amount: string;
      /** @enum {string} */
      source: "plan" | "seat" | "purchase" | "promotion" | "commitment" | "adjustment";
      /** @default 100 */
      priority?: number;
      /**
       * @description Money paid per credit, as a decimal string.
       * @example 12.5
       */
      cost_basis?: string;
      /** @enum {string} */
      interval: "month" | "year";
      /**
       * Format: date-time
       * @description The first period's start, at most 35 days before now (default now); every period starts at its wall time in `time_zone`.
       * @example 2026-12-01T00:00:00Z
       */
      anchor_at?: string;
      /** @default UTC */
      time_zone?: string;
      /**
       * @description When each grant expires: `never`, at its period's end (`period_end`), or `{ days }` after its period starts.
       * @default never
       */
      expiry?:
        | ("never" | "period_end")
        | {
            days: number;
          };
      /** @description Needs an expiry: at each grant's expiry, up to `cap` of what is left becomes a grant of source `rollover` for `lifetime_days` days. */
      rollover?: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        cap: string;
        lifetime_days: number;
      };
      /** @description How many periods to issue; none: until canceled or `ends_at`. */
      periods?: number;
      /**
       * Format: date-time
       * @description No period starting at or after this time is issued.
       * @example 2026-12-01T00:00:00Z
       */
      ends_at?: string;
    };
    Decision: {
      /** @example dec_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "decision";
      /**
       * @description A hold refused, or usage recorded all the same and flagged.
       * @enum {string}
       */
      kind: "hold" | "usage";
      /** @example member_cap_exceeded */
      code: string;
      /**
       * @description Where it failed (or whose allow-list it left).
       * @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      pool: string;
      /**
       * @description The pool the hold or usage named.
       * @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      requested_pool: string;
      amount: string;
      member: string | null;
      key: string | null;
      model: string | null;
      rate_card_version: string | null;
      retry_after_ms: number | null;
      /** @description The path's limits, consumption, holds, reservations and debt as the engine saw them, and the cap, bucket or allow-list that decided; a key bound to a pool sees only the pools it reaches. */
      evidence: {
        [key: string]: unknown;
      };
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
    };
    Approval: {
      /**
       * @description The approval request: the refused hold's decision.
       * @example dec_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      id: string;
      /** @enum {string} */
      object: "approval";
      /** @enum {string} */
      status: "pending" | "approved" | "denied" | "expired";
      /**
       * @description The pool whose `approval_above` the hold passed.
       * @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      pool: string;
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      requested_pool: string;
      /** @description The credits asked for: the quoted cost. */
      amount: string;
      member: string | null;
      key: string | null;
      model: string | null;
      rate_card_version: string | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      requested_at: string;
      decided_by: string | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      decided_at: string | null;
      /**
       * Format: date-time
       * @description Until when the request may be answered, or (approved) the hold be made.
       * @example 2026-11-21T09:30:00.000Z
       */
      expires_at: string;
      note: string | null;
    };
    DecideApproval: {
      note?: string;
    };
    HoldDecision: {
      allowed: boolean;
      hold?: components["schemas"]["Hold"];
      /** @description Why a hold was refused. */
      code?: string;
      /**
       * @description The pool where it was refused.
       * @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      pool?: string;
      message?: string;
      /**
       * @description The decision record of a refusal: `GET /v1/decisions/{id}` shows what decided it.
       * @example dec_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      decision_id?: string;
      /** @description For `rate_limited`: seconds until the bucket holds enough for this hold. */
      retry_after?: number;
    };
    Hold: {
      /** @example hold_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "hold";
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      /** @example mem_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      member: string | null;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      amount: string;
      /** @enum {string} */
      status: "held" | "captured" | "released" | "expired";
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      captured: string | null;
      rate_card_version: string | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      expires_at: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
    };
    CreateHold: {
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      /**
       * @description Credits; or give `usage` or `quote`.
       * @example 12.5
       */
      amount?: string;
      usage?: components["schemas"]["UsageDescription"];
      /** @example quote_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      quote?: string;
      /**
       * @description The member the work is for; a key bound to a member holds for that member.
       * @example mem_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      member?: string;
      /**
       * @description An approved approval request (the `decision_id` of a hold refused `approval_required`): the hold passes the gates it was approved for. One approval makes one hold.
       * @example dec_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      approval?: string;
      /** @description The model the work runs on, checked against the pools' allow-lists; by default the `model` dimension of `usage`. */
      model?: string;
      /** @default 600 */
      ttl_seconds?: number;
      /**
       * @description Kept on the hold and on the transfers its capture makes, with the hold's member, key, model and (when sized from `usage`) its credits by meter, so reports group consumption by them.
       * @example {
       *       "use_case": "support",
       *       "feature": "summarize"
       *     }
       */
      tags?: {
        [key: string]: string;
      };
    };
    /**
     * @example {
     *       "quantities": {
     *         "input_tokens": 1200,
     *         "output_tokens": 300
     *       },
     *       "dimensions": {
     *         "model": "gpt-4o"
     *       }
     *     }
     */
    UsageDescription: {
      quantities: {
        [key: string]: number;
      };
      /** @default {} */
      dimensions?: {
        [key: string]: string;
      };
    };
    CaptureHold: {
      /**
       * @description Credits; or give the actual `usage`.
       * @example 12.5
       */
      amount?: string;
      usage?: components["schemas"]["UsageDescription"] & unknown;
    };
    UsageResult: {
      id: string;
      /** @enum {string} */
      status: "recorded" | "duplicate" | "refused";
      code: string;
      param?: string;
      message?: string;
      /** @description Recorded all the same, flagged: `model_not_allowed` when a pool of its path does not allow its `model` dimension. */
      flagged?: string;
      /**
       * @description The decision record of the flag.
       * @example dec_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      decision_id?: string;
    };
    RecordUsage: {
      events: {
        id: string;
        /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
        pool: string;
        /**
         * @description Credits already priced; or give `quantities`.
         * @example 12.5
         */
        amount?: string;
        quantities?: {
          [key: string]: number;
        };
        dimensions?: {
          [key: string]: string;
        };
        /**
         * @description Kept on the transfers the event makes, with its key's member, its `model` dimension and (when priced from `quantities`) its credits by meter, so reports group consumption by them.
         * @example {
         *       "use_case": "support",
         *       "feature": "summarize"
         *     }
         */
        tags?: {
          [key: string]: string;
        };
        /** @description An outcome (a resolved conversation, a document) is billed once per key, however many events report it. */
        outcome_key?: string;
        /**
         * Format: date-time
         * @example 2026-12-01T00:00:00Z
         */
        time?: string;
      }[];
    };
    Transfer: {
      /** @example txn_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "transfer";
      sequence: number;
      kind: string;
      debit_account: string;
      credit_account: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      amount: string;
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      grant: string | null;
      hold: string | null;
      rate_card_version: string | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      at: string;
    };
    AuditRecord: {
      id: string;
      /** @enum {string} */
      object: "audit_record";
      organization: string;
      sequence: number;
      at: string;
      actor:
        | {
            /** @enum {string} */
            type: "key";
            id: string;
            role: string;
          }
        | {
            /** @enum {string} */
            type: "operator";
            id: string;
          }
        | {
            /** @enum {string} */
            type: "system";
          };
      request_id: string | null;
      action: string;
      target: {
        type: string;
        id: string;
      };
      before?: unknown;
      after?: unknown;
      prev_hash: string;
      hash: string;
    };
    Member: {
      /** @example mem_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "member";
      name: string;
      /** @enum {string} */
      kind: "person" | "agent";
      /** @enum {string} */
      role: "owner" | "admin" | "billing" | "member" | "agent" | "viewer" | "pool_admin";
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string | null;
      email: string | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
    };
    CreateMember: {
      name: string;
      /**
       * @default person
       * @enum {string}
       */
      kind?: "person" | "agent";
      /**
       * @default member
       * @enum {string}
       */
      role?: "owner" | "admin" | "billing" | "member" | "agent" | "viewer" | "pool_admin";
      /**
       * @default null
       * @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      pool?: string | null;
      /**
       * Format: email
       * @default null
       */
      email?: string | null;
    };
    CreateKey: {
      name: string;
      /** @enum {string} */
      role: "owner" | "admin" | "billing" | "member" | "agent" | "viewer" | "pool_admin";
      /**
       * @default null
       * @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      pool?: string | null;
      /**
       * @default null
       * @example mem_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      member?: string | null;
    };
    RateCard: {
      /** @example rc_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "rate_card";
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      effective_at: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      minimum_charge: string;
      in_force: boolean;
      /** @description The currency of the tiers' `cost_per_unit`; present when some tier has one. */
      cost_currency?: string;
      prices: {
        meter: string;
        dimensions: {
          [key: string]: string;
        };
        tiers: {
          up_to: number | null;
          credits_per_unit: string;
          /** @description Money per unit the provider charges, when the card says. */
          cost_per_unit?: string;
        }[];
      }[];
    };
    CreateRateCard: {
      /**
       * Format: date-time
       * @example 2026-12-01T00:00:00Z
       */
      effective_at?: string;
      /**
       * @description The currency of the prices' `cost_per_unit`: required when a price has one, refused otherwise.
       * @example USD
       */
      cost_currency?: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      minimum_charge?: string;
      prices: {
        meter: string;
        /** @default {} */
        dimensions?: {
          [key: string]: string;
        };
        /** @example 0.00025 */
        credits_per_unit?: string;
        /**
         * @description What one unit costs the vendor at its provider, in units of `cost_currency` (not minor units), exact.
         * @example 0.002
         */
        cost_per_unit?: string;
        tiers?: {
          up_to: number | null;
          /** @example 0.00025 */
          credits_per_unit: string;
          /**
           * @description What one unit costs the vendor at its provider, in units of `cost_currency` (not minor units), exact.
           * @example 0.002
           */
          cost_per_unit?: string;
        }[];
      }[];
    };
    Quote: {
      /** @example quote_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "quote";
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      amount: string;
      /** @example rc_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      rate_card_version: string;
      usage: {
        quantities: {
          [key: string]: number;
        };
        dimensions: {
          [key: string]: string;
        };
      };
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      expires_at: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
    };
    CreateQuote: {
      usage: components["schemas"]["UsageDescription"];
    };
    Plan: {
      id: string;
      /** @enum {string} */
      object: "plan";
      version: number;
      /** @enum {string} */
      scope: "operator" | "organization";
      name: string;
      currency: string;
      /** @enum {string} */
      interval: "month" | "year";
      /**
       * @description Minor units of the currency (may be negative).
       * @example 3000
       */
      base_price: string;
      /**
       * @description Minor units of the currency (may be negative).
       * @example 3000
       */
      seat_price: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      credits_per_seat: string;
      seat_name: string | null;
      seat_tiers: {
        id: string;
        name: string;
        /**
         * @description Minor units of the currency (may be negative).
         * @example 3000
         */
        seat_price: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        credits_per_seat: string;
      }[];
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      credits_per_organization: string;
      overage_price: string;
      rollover: {
        cap:
          | {
              /**
               * @description Credits, as a decimal string.
               * @example 12.5
               */
              amount: string;
            }
          | {
              percent: number;
            };
        lifetime_days: number;
      } | null;
      /** @enum {string} */
      seat_removal: "keep" | "claw_back";
      top_ups: {
        id: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        credits: string;
        /**
         * @description Minor units of the currency (may be negative).
         * @example 3000
         */
        price: string;
      }[];
      top_up_price: string | null;
      commitment: {
        /**
         * @description Minor units of the currency (may be negative).
         * @example 3000
         */
        minimum: string;
        discount_percent: number;
      } | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
    };
    PublishPlan: {
      /** @example team */
      id: string;
      name: string;
      /** @example USD */
      currency: string;
      /** @enum {string} */
      interval: "month" | "year";
      /**
       * @description Minor units of the currency.
       * @example 3000
       */
      base_price?: string;
      /**
       * @description Minor units of the currency.
       * @example 3000
       */
      seat_price?: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      credits_per_seat?: string;
      /**
       * @description What lines call the plan's own seat; `Standard` beside tiers by default.
       * @default null
       */
      seat_name?: string | null;
      /**
       * @description Seats of other prices and credits beside the plan's own, in one subscription and one pool.
       * @default []
       */
      seat_tiers?: {
        /** @example premium */
        id: string;
        name: string;
        /**
         * @description Minor units of the currency.
         * @example 3000
         */
        seat_price: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        credits_per_seat: string;
      }[];
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      credits_per_organization?: string;
      /** @example 0.4 */
      overage_price?: string;
      /** @default null */
      rollover?: {
        /** @description `{ amount }` (credits) or `{ percent }` (1 to 100). */
        cap: {
          /**
           * @description Credits, as a decimal string.
           * @example 12.5
           */
          amount?: string;
          percent?: number;
        };
        lifetime_days: number;
      } | null;
      /**
       * @default keep
       * @enum {string}
       */
      seat_removal?: "keep" | "claw_back";
      /** @default [] */
      top_ups?: {
        /** @example team */
        id: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        credits: string;
        /**
         * @description Minor units of the currency.
         * @example 3000
         */
        price: string;
      }[];
      /** @example 0.4 */
      top_up_price?: string;
      /** @default null */
      commitment?: {
        /**
         * @description Minor units of the currency.
         * @example 3000
         */
        minimum: string;
        discount_percent: number;
      } | null;
    };
    Subscription: {
      /** @example sub_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "subscription";
      plan: string;
      plan_version: number;
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      seats: number;
      /**
       * @description Seats of each of the plan's tiers, by tier id.
       * @example {
       *       "premium": 3
       *     }
       */
      tier_seats: {
        [key: string]: number;
      };
      /**
       * @description Who may hold at the subscription's pools: anyone (`open`), or only members holding one of its seats (`assigned`). Set when the subscription starts.
       * @enum {string}
       */
      seat_access: "open" | "assigned";
      /** @description Members holding one of its seats. */
      seats_assigned: number;
      /** @enum {string} */
      status: "active" | "canceled";
      cancel_at_period_end: boolean;
      /** @description A downgrade that takes over at the period's end. */
      pending_plan: {
        plan: string;
        plan_version: number;
      } | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      anchor_at: string;
      time_zone: string;
      /** @enum {string} */
      interval: "month" | "year";
      auto_top_up: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        threshold: string;
        pack: string | null;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        credits: string | null;
        max_per_period: number;
        purchases_this_period: number;
        /** @description False after a purchase until the pool is seen at or above the threshold. */
        armed: boolean;
      } | null;
      current_period: {
        index: number;
        /**
         * Format: date-time
         * @example 2026-11-21T09:30:00.000Z
         */
        start: string;
        /**
         * Format: date-time
         * @example 2026-11-21T09:30:00.000Z
         */
        end: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        included_credits: string;
        grants: string[];
        /** @example inv_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
        invoice: string;
      };
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
    };
    StartSubscription: {
      /** @example team */
      plan: string;
      plan_version?: number;
      /** @default 0 */
      seats?: number;
      /**
       * @description Seats of the plan's tiers, by tier id, beside `seats` of its own.
       * @default {}
       * @example {
       *       "premium": 3
       *     }
       */
      tier_seats?: {
        [key: string]: number;
      };
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool?: string;
      /**
       * Format: date-time
       * @example 2026-12-01T00:00:00Z
       */
      anchor_at?: string;
      /** @default UTC */
      time_zone?: string;
      /**
       * @description Who may hold at the subscription's pools: anyone (`open`), or only members holding one of its seats (`assigned`). Set when the subscription starts.
       * @default open
       * @enum {string}
       */
      seat_access?: "open" | "assigned";
    };
    ChangeSeats: {
      seats: number;
      /**
       * @description The tier whose seats `seats` sets; the plan's own seat when left out.
       * @example premium
       */
      tier?: string;
    };
    ChangePlan: {
      /** @example team */
      plan: string;
      plan_version?: number;
    };
    TopUp: {
      /** @enum {string} */
      object: "top_up";
      /** @example sub_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      subscription: string;
      /** @example grant_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      grant: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      credits: string;
      /**
       * @description Minor units of the currency (may be negative).
       * @example 3000
       */
      price: string;
      currency: string;
      /** @example inv_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      invoice: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
    };
    BuyTopUp: {
      /** @example sub_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      subscription: string;
      /**
       * @description One of the plan's packs, by its id.
       * @example team
       */
      pack?: string;
      /**
       * @description Or an amount, at the plan's `top_up_price`.
       * @example 12.5
       */
      credits?: string;
    };
    SetAutoTopUp: {
      /** @description The rule, or null to remove it. */
      auto_top_up: {
        /**
         * @description Buy when the pool's `available` falls below this many credits.
         * @example 12.5
         */
        threshold: string;
        /**
         * @description One of the plan's packs, by its id.
         * @example team
         */
        pack?: string;
        /**
         * @description Or an amount, at the plan's `top_up_price`.
         * @example 12.5
         */
        credits?: string;
        max_per_period: number;
      } | null;
    };
    SeatAssignment: {
      /** @enum {string} */
      object: "seat_assignment";
      /** @example sub_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      subscription: string;
      /** @example mem_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      member: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      assigned_at: string;
    };
    AssignSeat: {
      /**
       * @description The member who takes one of the seats.
       * @example mem_01JD2Z8Y3K4M5N6P7Q8R9S0T1V
       */
      member: string;
    };
    Invoice: {
      /** @example inv_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "invoice";
      /** @example sub_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      subscription: string;
      number: string | null;
      /** @enum {string} */
      status: "draft" | "finalized" | "paid" | "void";
      currency: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      period_start: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      period_end: string;
      lines: {
        id: string;
        /** @enum {string} */
        kind:
          | "base"
          | "seats"
          | "seats_added"
          | "seats_removed"
          | "top_up"
          | "plan_credit"
          | "plan_charge"
          | "overage"
          | "commitment_true_up";
        description: string;
        quantity: number;
        /** @description The seat tier a seats line counts; null: the plan's own seat. */
        tier: string | null;
        /**
         * @description Minor units of the currency (may be negative).
         * @example 3000
         */
        amount: string;
        /**
         * Format: date-time
         * @example 2026-11-21T09:30:00.000Z
         */
        from: string;
        /**
         * Format: date-time
         * @example 2026-11-21T09:30:00.000Z
         */
        to: string;
      }[];
      /**
       * @description Minor units of the currency (may be negative).
       * @example 3000
       */
      total: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      finalized_at: string | null;
    };
    RevenueReport: {
      /** @enum {string} */
      object: "revenue_report";
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      from: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      to: string;
      currency: string | null;
      summed_to_sequence: number;
      /** @description False when the journal had more than a request may sum: ask again shortly. */
      complete: boolean;
      organization: components["schemas"]["PoolRevenue"];
      departments: components["schemas"]["PoolRevenue"][];
      pools: (components["schemas"]["PoolRevenue"] & {
        /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
        parent: string | null;
      })[];
    };
    PoolRevenue: {
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      deferred_opening: components["schemas"]["RevenueFigure"];
      purchased: components["schemas"]["RevenueFigure"];
      carried_in: components["schemas"]["RevenueFigure"];
      carried_out: components["schemas"]["RevenueFigure"];
      recognized: components["schemas"]["RevenueFigure"];
      breakage: components["schemas"]["RevenueFigure"];
      deferred_closing: components["schemas"]["RevenueFigure"];
      /**
       * @description Consumed here that no grant covered (overage or debt), in credits.
       * @example 12.5
       */
      uncovered: string;
    };
    RevenueFigure: {
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      credits: string;
      /**
       * @description Money in units of the currency (not minor units), exact: credits times each grant's cost basis.
       * @example 12.345
       */
      money: string;
    };
    MarginReport: {
      /** @enum {string} */
      object: "margin_report";
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      from: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      to: string;
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      /** @enum {string} */
      group_by: "rate_card" | "model" | "meter" | "pool";
      currency: string | null;
      cost_currency: string | null;
      summed_to_sequence: number;
      /** @description False when the journal had more than a request may sum: ask again shortly. */
      complete: boolean;
      total: {
        /**
         * @description All consumption: consumed, overage and debt.
         * @example 12.5
         */
        credits: string;
        /**
         * @description The credits grants paid, each at its grant's cost basis, in `currency`.
         * @example 12.345
         */
        revenue: string;
        /**
         * @description What the work cost at the provider, in `cost_currency`, from the rate cards.
         * @example 12.345
         */
        provider_cost: string;
        /**
         * @description revenue − provider_cost; null when the two are in different currencies.
         * @example 12.345
         */
        margin: string | null;
        /**
         * @description margin as a percent of revenue, 2 decimals; null with no revenue.
         * @example 37.5
         */
        margin_percent: string | null;
        /**
         * @description Credits no grant paid (overage, debt): no cost basis, no revenue here.
         * @example 12.5
         */
        uncovered: string;
        /**
         * @description Credits of work whose rate card gave no provider cost.
         * @example 12.5
         */
        uncosted: string;
      };
      groups: {
        /**
         * @description All consumption: consumed, overage and debt.
         * @example 12.5
         */
        credits: string;
        /**
         * @description The credits grants paid, each at its grant's cost basis, in `currency`.
         * @example 12.345
         */
        revenue: string;
        /**
         * @description What the work cost at the provider, in `cost_currency`, from the rate cards.
         * @example 12.345
         */
        provider_cost: string;
        /**
         * @description revenue − provider_cost; null when the two are in different currencies.
         * @example 12.345
         */
        margin: string | null;
        /**
         * @description margin as a percent of revenue, 2 decimals; null with no revenue.
         * @example 37.5
         */
        margin_percent: string | null;
        /**
         * @description Credits no grant paid (overage, debt): no cost basis, no revenue here.
         * @example 12.5
         */
        uncovered: string;
        /**
         * @description Credits of work whose rate card gave no provider cost.
         * @example 12.5
         */
        uncosted: string;
        group: string;
        name: string | null;
      }[];
    };
    UsageReport: {
      /** @enum {string} */
      object: "usage_report";
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      from: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      to: string;
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      currency: string | null;
      summed_to_sequence: number;
      /** @description False when the journal had more than a request may sum: ask again shortly. */
      complete: boolean;
      total: {
        /**
         * @description All consumption: consumed, overage and debt.
         * @example 12.5
         */
        credits: string;
        /**
         * @description The part grants covered, at each grant's cost basis, in currency units, exact.
         * @example 12.345
         */
        money: string;
        /**
         * @description The part no grant covered (overage, debt).
         * @example 12.5
         */
        uncovered: string;
      };
      /** @enum {string} */
      interval: "hour" | "day" | "week" | "month";
      /** @enum {string} */
      group_by: "pool" | "member" | "key" | "model" | "meter" | "tag";
      tag: string | null;
      groups: {
        /**
         * @description All consumption: consumed, overage and debt.
         * @example 12.5
         */
        credits: string;
        /**
         * @description The part grants covered, at each grant's cost basis, in currency units, exact.
         * @example 12.345
         */
        money: string;
        /**
         * @description The part no grant covered (overage, debt).
         * @example 12.5
         */
        uncovered: string;
        group: string;
        name: string | null;
      }[];
      rows: {
        /**
         * @description All consumption: consumed, overage and debt.
         * @example 12.5
         */
        credits: string;
        /**
         * @description The part grants covered, at each grant's cost basis, in currency units, exact.
         * @example 12.345
         */
        money: string;
        /**
         * @description The part no grant covered (overage, debt).
         * @example 12.5
         */
        uncovered: string;
        /**
         * Format: date-time
         * @example 2026-11-21T09:30:00.000Z
         */
        start: string;
        /**
         * Format: date-time
         * @example 2026-11-21T09:30:00.000Z
         */
        end: string;
        group: string;
      }[];
    };
    TopConsumers: {
      /** @enum {string} */
      object: "top_consumers";
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      from: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      to: string;
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      currency: string | null;
      summed_to_sequence: number;
      /** @description False when the journal had more than a request may sum: ask again shortly. */
      complete: boolean;
      total: {
        /**
         * @description All consumption: consumed, overage and debt.
         * @example 12.5
         */
        credits: string;
        /**
         * @description The part grants covered, at each grant's cost basis, in currency units, exact.
         * @example 12.345
         */
        money: string;
        /**
         * @description The part no grant covered (overage, debt).
         * @example 12.5
         */
        uncovered: string;
      };
      /** @enum {string} */
      by: "member" | "key" | "pool" | "model";
      consumers: {
        /**
         * @description All consumption: consumed, overage and debt.
         * @example 12.5
         */
        credits: string;
        /**
         * @description The part grants covered, at each grant's cost basis, in currency units, exact.
         * @example 12.345
         */
        money: string;
        /**
         * @description The part no grant covered (overage, debt).
         * @example 12.5
         */
        uncovered: string;
        id: string;
        name: string | null;
        share: string;
      }[];
    };
    Chargeback: {
      /** @enum {string} */
      object: "chargeback";
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      from: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      to: string;
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      currency: string | null;
      summed_to_sequence: number;
      /** @description False when the journal had more than a request may sum: ask again shortly. */
      complete: boolean;
      total: {
        /**
         * @description All consumption: consumed, overage and debt.
         * @example 12.5
         */
        credits: string;
        /**
         * @description The part grants covered, at each grant's cost basis, in currency units, exact.
         * @example 12.345
         */
        money: string;
        /**
         * @description The part no grant covered (overage, debt).
         * @example 12.5
         */
        uncovered: string;
      };
      departments: {
        /**
         * @description All consumption: consumed, overage and debt.
         * @example 12.5
         */
        credits: string;
        /**
         * @description The part grants covered, at each grant's cost basis, in currency units, exact.
         * @example 12.345
         */
        money: string;
        /**
         * @description The part no grant covered (overage, debt).
         * @example 12.5
         */
        uncovered: string;
        /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
        pool: string;
        name: string | null;
        share: string;
      }[];
    };
    Forecast: {
      /** @enum {string} */
      object: "forecast";
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      available: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      held: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      consumed_in_window: string;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      burn_per_day: string;
      days_left: string | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      depletes_at: string | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      as_of: string;
      window_days: number;
      summed_to_sequence: number;
      complete: boolean;
      /** @description The child pools, the 100 biggest by burn (then by id). */
      pools: {
        /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
        pool: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        available: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        held: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        consumed_in_window: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        burn_per_day: string;
        days_left: string | null;
        /**
         * Format: date-time
         * @example 2026-11-21T09:30:00.000Z
         */
        depletes_at: string | null;
      }[];
      /** @description The child pools left out of `pools`: how many, and their burn. */
      others: {
        pools: number;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        consumed_in_window: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        burn_per_day: string;
      };
      history: {
        date: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        consumed: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        balance: string;
      }[];
      projection: {
        date: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        balance: string;
      }[];
      expiring: {
        /**
         * Format: date-time
         * @example 2026-11-21T09:30:00.000Z
         */
        at: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        credits: string;
      }[];
    };
    BuyersMath: {
      /** @enum {string} */
      object: "buyers_math";
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      from: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      to: string;
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      currency: string | null;
      summed_to_sequence: number;
      complete: boolean;
      inputs: {
        /**
         * @description Currency units, exact to 10^-12, shown with at most 6 decimals (half up).
         * @example 12.5
         */
        seat_price: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        seat_credits: string;
        /**
         * @description Currency units, exact to 10^-12, shown with at most 6 decimals (half up).
         * @example 12.5
         */
        overage_price: string;
        /**
         * @description Currency units, exact to 10^-12, shown with at most 6 decimals (half up).
         * @example 12.5
         */
        credit_price: string;
        /**
         * @description Currency units, exact to 10^-12, shown with at most 6 decimals (half up).
         * @example 12.5
         */
        hybrid_seat_price: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        hybrid_seat_credits: string;
        members: number;
      };
      members: number;
      usage: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        total: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        per_member_average: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        per_member_max: string;
      };
      costs: {
        /**
         * @description Currency units, exact to 10^-12, shown with at most 6 decimals (half up).
         * @example 12.5
         */
        per_seat: string;
        /**
         * @description Currency units, exact to 10^-12, shown with at most 6 decimals (half up).
         * @example 12.5
         */
        credit_based: string;
        /**
         * @description Currency units, exact to 10^-12, shown with at most 6 decimals (half up).
         * @example 12.5
         */
        hybrid: string;
      };
      /** @enum {string} */
      cheapest: "per_seat" | "credit_based" | "hybrid";
      curve: {
        /**
         * @description Currency units, exact to 10^-12, shown with at most 6 decimals (half up).
         * @example 12.5
         */
        per_seat: string;
        /**
         * @description Currency units, exact to 10^-12, shown with at most 6 decimals (half up).
         * @example 12.5
         */
        credit_based: string;
        /**
         * @description Currency units, exact to 10^-12, shown with at most 6 decimals (half up).
         * @example 12.5
         */
        hybrid: string;
        /** @description Usage scaled: 0 to 2 in steps of 0.1. */
        scale: number;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        credits_per_member: string;
      }[];
      break_even: {
        between: ["per_seat" | "credit_based" | "hybrid", "per_seat" | "credit_based" | "hybrid"];
        /**
         * @description The least consumption per seat where the cheaper of the two changes; null if never.
         * @example 12.5
         */
        credits_per_member: string | null;
      }[];
    };
    Pooling: {
      /** @enum {string} */
      object: "pooling";
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      from: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      to: string;
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      summed_to_sequence: number;
      complete: boolean;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      capacity: string;
      members: number;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      quota_per_member: string;
      /**
       * @description capacity − members × quota: in no silo.
       * @example 12.5
       */
      remainder: string;
      pooled: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        served: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        blocked: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        stranded: string;
      };
      siloed: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        served: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        blocked: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        stranded: string;
        members_blocked: number;
      };
      per_member: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        served: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        blocked: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        stranded: string;
        member: string;
        name: string | null;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        usage: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        quota: string;
        /**
         * Format: date-time
         * @example 2026-11-21T09:30:00.000Z
         */
        blocked_at: string | null;
      }[];
      series: {
        date: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        pooled_served: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        siloed_served: string;
      }[];
    };
    TestClock: {
      /** @example clock_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "test_clock";
      /** @example org_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      organization: string;
      /**
       * Format: date-time
       * @description The organization's time now.
       * @example 2026-11-21T09:30:00.000Z
       */
      time: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
    };
    AdvanceTestClock: {
      /**
       * Format: date-time
       * @description The time to move to: not before the clock's time, at most 366 days after.
       * @example 2026-12-01T00:00:00Z
       */
      to: string;
    };
    Event: {
      id: string;
      /** @enum {string} */
      object: "event";
      /** @enum {string} */
      type:
        | "grant.issued"
        | "grant.expired"
        | "grant.voided"
        | "grant.depleted"
        | "grant.expiring_soon"
        | "pool.debt"
        | "pool.debt_paid"
        | "key.created"
        | "key.revoked"
        | "invoice.created"
        | "invoice.finalized"
        | "invoice.paid"
        | "invoice.voided"
        | "subscription.created"
        | "subscription.renewed"
        | "subscription.canceled"
        | "webhook_endpoint.test"
        | "alert.raised"
        | "alert.resolved";
      /** @description The event's number in its organization: 1, 2, 3 … with no gap, in order. */
      sequence: number;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
      data: {
        [key: string]: unknown;
      };
    };
    WebhookDelivery: {
      id: string;
      /** @enum {string} */
      object: "webhook_delivery";
      endpoint: string;
      event: string;
      /** @enum {string} */
      status: "pending" | "succeeded" | "failed";
      attempts: number;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      next_attempt_at: string | null;
      last_status_code: number | null;
      last_error: string | null;
      response_excerpt: string | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      updated_at: string;
    };
    WebhookEndpoint: {
      id: string;
      /** @enum {string} */
      object: "webhook_endpoint";
      url: string;
      event_types: string[];
      description: string;
      enabled: boolean;
      /** @description `whsec_…`: answered once, when the endpoint is made or its secret rotated. */
      secret?: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      previous_secret_expires_at: string | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      updated_at: string;
    };
    CreateWebhookEndpoint: {
      /** @example https://example.com/creditpool/webhooks */
      url: string;
      /**
       * @description The event types sent to the endpoint, or `["*"]` for all.
       * @default [
       *       "*"
       *     ]
       */
      event_types?: (
        | (
            | "grant.issued"
            | "grant.expired"
            | "grant.voided"
            | "grant.depleted"
            | "grant.expiring_soon"
            | "pool.debt"
            | "pool.debt_paid"
            | "key.created"
            | "key.revoked"
            | "invoice.created"
            | "invoice.finalized"
            | "invoice.paid"
            | "invoice.voided"
            | "subscription.created"
            | "subscription.renewed"
            | "subscription.canceled"
            | "webhook_endpoint.test"
            | "alert.raised"
            | "alert.resolved"
          )
        | "*"
      )[];
      /** @default  */
      description?: string;
      /** @default true */
      enabled?: boolean;
    };
    UpdateWebhookEndpoint: {
      /** @example https://example.com/creditpool/webhooks */
      url?: string;
      /** @description The event types sent to the endpoint, or `["*"]` for all. */
      event_types?: (
        | (
            | "grant.issued"
            | "grant.expired"
            | "grant.voided"
            | "grant.depleted"
            | "grant.expiring_soon"
            | "pool.debt"
            | "pool.debt_paid"
            | "key.created"
            | "key.revoked"
            | "invoice.created"
            | "invoice.finalized"
            | "invoice.paid"
            | "invoice.voided"
            | "subscription.created"
            | "subscription.renewed"
            | "subscription.canceled"
            | "webhook_endpoint.test"
            | "alert.raised"
            | "alert.resolved"
          )
        | "*"
      )[];
      description?: string;
      enabled?: boolean;
    };
    AlertRule: {
      /** @example arule_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "alert_rule";
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      /**
       * @description `limit`: consumed this period plus held, as a percentage of the pool's limit; `grants`: what of the pool's own live grants is used, as a percentage of their amount; `balance`: `available` at or below an amount; `forecast`: at the burn rate of the last `window_hours`, `available` runs out before the period ends. Abuse signals, over the last `window_hours` (1 by default, at most 24): `key_spread`: one key named at least `members` distinct members on its holds; `burn_spike`: the subtree consumed at least `thresholds` percent of what a window of that length consumed on average over the pool's previous 7 days; `outcome_split`: at least `outcomes` outcome-keyed usage events of at most `small_at_most` credits each.
       * @enum {string}
       */
      metric:
        | "limit"
        | "grants"
        | "balance"
        | "forecast"
        | "key_spread"
        | "burn_spike"
        | "outcome_split";
      /** @description Percentages, or null. */
      thresholds: number[] | null;
      /** @description Credit amounts, or null. */
      below: string[] | null;
      /** @description Counts, or null. */
      members: number[] | null;
      /** @description Counts, or null. */
      outcomes: number[] | null;
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      small_at_most: string | null;
      window_hours: number | null;
      enabled: boolean;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      updated_at: string;
    };
    CreateAlertRule: {
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      /**
       * @description `limit`: consumed this period plus held, as a percentage of the pool's limit; `grants`: what of the pool's own live grants is used, as a percentage of their amount; `balance`: `available` at or below an amount; `forecast`: at the burn rate of the last `window_hours`, `available` runs out before the period ends. Abuse signals, over the last `window_hours` (1 by default, at most 24): `key_spread`: one key named at least `members` distinct members on its holds; `burn_spike`: the subtree consumed at least `thresholds` percent of what a window of that length consumed on average over the pool's previous 7 days; `outcome_split`: at least `outcomes` outcome-keyed usage events of at most `small_at_most` credits each.
       * @enum {string}
       */
      metric:
        | "limit"
        | "grants"
        | "balance"
        | "forecast"
        | "key_spread"
        | "burn_spike"
        | "outcome_split";
      /**
       * @description Percentages, raised at or above each.
       * @example [
       *       50,
       *       80,
       *       100
       *     ]
       */
      thresholds?: number[];
      /** @description Credit amounts, raised when `available` is at or below each. */
      below?: string[];
      /**
       * @description Counts of distinct members one key named, raised at or above each.
       * @example [
       *       5,
       *       20
       *     ]
       */
      members?: number[];
      /**
       * @description Counts of small outcomes reported, raised at or above each.
       * @example [
       *       5,
       *       20
       *     ]
       */
      outcomes?: number[];
      /**
       * @description The largest outcome, in credits, an `outcome_split` counts.
       * @example 12.5
       */
      small_at_most?: string;
      /** @description The trailing hours a forecast measures its burn rate over, or a signal looks back (at most 24). */
      window_hours?: number;
      /** @default true */
      enabled?: boolean;
    };
    UpdateAlertRule: {
      /**
       * @description Percentages, raised at or above each.
       * @example [
       *       50,
       *       80,
       *       100
       *     ]
       */
      thresholds?: number[];
      /** @description Credit amounts, raised when `available` is at or below each. */
      below?: string[];
      /**
       * @description Counts of distinct members one key named, raised at or above each.
       * @example [
       *       5,
       *       20
       *     ]
       */
      members?: number[];
      /**
       * @description Counts of small outcomes reported, raised at or above each.
       * @example [
       *       5,
       *       20
       *     ]
       */
      outcomes?: number[];
      /**
       * @description The largest outcome, in credits, an `outcome_split` counts.
       * @example 12.5
       */
      small_at_most?: string;
      /** @description The trailing hours a forecast measures its burn rate over, or a signal looks back (at most 24). */
      window_hours?: number;
      enabled?: boolean;
    };
    Alert: {
      /** @example alert_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "alert";
      /** @example arule_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      rule: string;
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      /**
       * @description `limit`: consumed this period plus held, as a percentage of the pool's limit; `grants`: what of the pool's own live grants is used, as a percentage of their amount; `balance`: `available` at or below an amount; `forecast`: at the burn rate of the last `window_hours`, `available` runs out before the period ends. Abuse signals, over the last `window_hours` (1 by default, at most 24): `key_spread`: one key named at least `members` distinct members on its holds; `burn_spike`: the subtree consumed at least `thresholds` percent of what a window of that length consumed on average over the pool's previous 7 days; `outcome_split`: at least `outcomes` outcome-keyed usage events of at most `small_at_most` credits each.
       * @enum {string}
       */
      metric:
        | "limit"
        | "grants"
        | "balance"
        | "forecast"
        | "key_spread"
        | "burn_spike"
        | "outcome_split";
      /** @enum {string} */
      unit: "percent" | "credits" | "members" | "outcomes";
      /** @description What a signal names: the key of a `key_spread`; null otherwise. */
      subject: string | null;
      /**
       * @description The threshold crossed, in `unit`; null for a forecast.
       * @example 80
       */
      threshold: string | null;
      /**
       * @description The figure when raised, in `unit` (a forecast's: credits available).
       * @example 83.4
       */
      observed: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      observed_at: string;
      period: {
        /**
         * Format: date-time
         * @example 2026-11-21T09:30:00.000Z
         */
        start: string;
        /**
         * Format: date-time
         * @example 2026-11-21T09:30:00.000Z
         */
        end: string;
      };
      forecast: {
        /**
         * Format: date-time
         * @example 2026-11-21T09:30:00.000Z
         */
        runs_out_at: string;
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        burn_per_day: string;
        window_hours: number;
      } | null;
      /** @description A signal's evidence (null for the other metrics): the window, and for `key_spread` the key, its count of members and a sample of them and of the pools; for `burn_spike` the window's consumption and the baseline's (its span, total and average per window); for `outcome_split` the count, their credits, smallest and largest, the pools that reported most and a sample of outcome keys. `truncated` says the newest rows read reached their bound. */
      evidence: {
        [key: string]: unknown;
      } | null;
      /** @enum {string} */
      status: "open" | "acknowledged" | "resolved";
      /** @description The key that did. */
      acknowledged_by: string | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      acknowledged_at: string | null;
      /** @description The key that resolved it, or `system` when its figure fell back. */
      resolved_by: string | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      resolved_at: string | null;
    };
    Upstream: {
      id: string;
      /** @enum {string} */
      object: "upstream";
      /** @enum {string} */
      provider: "openai" | "anthropic";
      name: string;
      base_url: string;
      /** @description The credential's last four characters. */
      api_key_last4: string;
      windows: {
        duration_seconds: number;
        max_requests: number | null;
        max_tokens: number | null;
        used: {
          requests: number;
          tokens: number;
        };
        /**
         * Format: date-time
         * @description Null while no window is running.
         * @example 2026-11-21T09:30:00.000Z
         */
        started_at: string | null;
        /**
         * Format: date-time
         * @description Null while no window is running.
         * @example 2026-11-21T09:30:00.000Z
         */
        resets_at: string | null;
      }[];
      enabled: boolean;
      /**
       * Format: date-time
       * @description Not chosen by the gateway before this (its provider asked it to slow down).
       * @example 2026-11-21T09:30:00.000Z
       */
      cooling_until: string | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      last_used_at: string | null;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      updated_at: string;
    };
    CreateUpstream: {
      /** @enum {string} */
      provider: "openai" | "anthropic";
      name: string;
      /**
       * @description The provider's API when absent: https://api.openai.com/v1 or https://api.anthropic.com.
       * @example https://api.openai.com/v1
       */
      base_url?: string;
      /**
       * @description The provider credential; sealed when stored and never shown again.
       * @example sk-proj-…
       */
      api_key: string;
      /**
       * @description Quota windows, each rolling from its first use and reset once its duration has passed.
       * @default []
       */
      windows?: {
        /**
         * @description How long the window lasts from its first use.
         * @example 18000
         */
        duration_seconds: number;
        max_requests?: number;
        max_tokens?: number;
      }[];
      /** @default true */
      enabled?: boolean;
    };
    UpdateUpstream: {
      name?: string;
      /**
       * @description https to a public host; http or private hosts only with CREDITPOOL_UPSTREAMS_ALLOW_PRIVATE=1.
       * @example https://api.openai.com/v1
       */
      base_url?: string;
      /**
       * @description A new credential (a rotation).
       * @example sk-proj-…
       */
      api_key?: string;
      /** @description Quota windows, each rolling from its first use and reset once its duration has passed. */
      windows?: {
        /**
         * @description How long the window lasts from its first use.
         * @example 18000
         */
        duration_seconds: number;
        max_requests?: number;
        max_tokens?: number;
      }[];
      enabled?: boolean;
    };
    RoutingPolicy: {
      /** @example rpol_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "routing_policy";
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      tiers: {
        light: string[];
        standard: string[];
        heavy: string[];
      };
      /**
       * @description A complexity tier: `light`, `standard` or `heavy` (docs/concepts/routing.md).
       * @enum {string}
       */
      default_tier: "light" | "standard" | "heavy";
      route_all: boolean;
      low_balance: {
        /**
         * @description Credits, as a decimal string.
         * @example 12.5
         */
        below: string | null;
        below_percent: number | null;
        step_down: boolean;
      } | null;
      /**
       * @description What the gateway does when output would pass the hold mid-stream: end the stream, or extend the hold.
       * @enum {string}
       */
      on_limit: "end_stream" | "extend";
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      updated_at: string;
    };
    CreateRoutingPolicy: {
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      /** @description A preference list of models for each tier. */
      tiers: {
        /**
         * @description Models in order of preference, each in the model catalog or a rate card in force.
         * @example [
         *       "gpt-5-mini",
         *       "claude-haiku-4-5"
         *     ]
         */
        light: string[];
        /**
         * @description Models in order of preference, each in the model catalog or a rate card in force.
         * @example [
         *       "gpt-5-mini",
         *       "claude-haiku-4-5"
         *     ]
         */
        standard: string[];
        /**
         * @description Models in order of preference, each in the model catalog or a rate card in force.
         * @example [
         *       "gpt-5-mini",
         *       "claude-haiku-4-5"
         *     ]
         */
        heavy: string[];
      };
      /**
       * @description A complexity tier: `light`, `standard` or `heavy` (docs/concepts/routing.md).
       * @default light
       * @enum {string}
       */
      default_tier?: "light" | "standard" | "heavy";
      /**
       * @description Route every request, not only those naming the model `auto`.
       * @default false
       */
      route_all?: boolean;
      /**
       * @description Step down one tier (heavy to standard to light) on a low balance.
       * @default null
       */
      low_balance?: {
        /**
         * @description Step down while the pool's `available` is below these credits.
         * @example 12.5
         */
        below?: string;
        /** @description Or while it is below this percentage of the policy's pool's limit. */
        below_percent?: number;
        /** @default true */
        step_down?: boolean;
      } | null;
      /**
       * @description What the gateway does when output would pass the hold mid-stream: end the stream, or extend the hold.
       * @default end_stream
       * @enum {string}
       */
      on_limit?: "end_stream" | "extend";
    };
    UpdateRoutingPolicy: {
      /** @description A preference list of models for each tier. */
      tiers?: {
        /**
         * @description Models in order of preference, each in the model catalog or a rate card in force.
         * @example [
         *       "gpt-5-mini",
         *       "claude-haiku-4-5"
         *     ]
         */
        light: string[];
        /**
         * @description Models in order of preference, each in the model catalog or a rate card in force.
         * @example [
         *       "gpt-5-mini",
         *       "claude-haiku-4-5"
         *     ]
         */
        standard: string[];
        /**
         * @description Models in order of preference, each in the model catalog or a rate card in force.
         * @example [
         *       "gpt-5-mini",
         *       "claude-haiku-4-5"
         *     ]
         */
        heavy: string[];
      };
      /**
       * @description A complexity tier: `light`, `standard` or `heavy` (docs/concepts/routing.md).
       * @enum {string}
       */
      default_tier?: "light" | "standard" | "heavy";
      route_all?: boolean;
      /** @description Step down one tier (heavy to standard to light) on a low balance. */
      low_balance?: {
        /**
         * @description Step down while the pool's `available` is below these credits.
         * @example 12.5
         */
        below?: string;
        /** @description Or while it is below this percentage of the policy's pool's limit. */
        below_percent?: number;
        /** @default true */
        step_down?: boolean;
      } | null;
      /**
       * @description What the gateway does when output would pass the hold mid-stream: end the stream, or extend the hold.
       * @enum {string}
       */
      on_limit?: "end_stream" | "extend";
    };
    GatewayCall: {
      /** @example call_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      id: string;
      /** @enum {string} */
      object: "gateway_call";
      /** @example pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V */
      pool: string;
      key: string;
      member: string | null;
      /** @enum {string} */
      provider: "openai" | "anthropic";
      /** @enum {string} */
      endpoint: "chat_completions" | "responses" | "embeddings" | "messages";
      /** @description The model the caller named (`auto`…). */
      requested_model: string;
      /** @description The model that ran, as upstream named it. */
      model: string;
      /** @description The upstream account called. */
      upstream: string | null;
      tags: {
        [key: string]: string;
      };
      /** @description The call's holds: the first, then growths. */
      holds: string[];
      /** @description What was settled, by meter (tokens): empty when nothing was produced. */
      usage: {
        [key: string]: number;
      };
      /**
       * @description Credits, as a decimal string.
       * @example 12.5
       */
      credits: string;
      /** @enum {string} */
      status: "completed" | "failed" | "disconnected" | "cut" | "ended_at_limit";
      finish_reason: string | null;
      stream: boolean;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      started_at: string;
      /**
       * Format: date-time
       * @example 2026-11-21T09:30:00.000Z
       */
      ended_at: string | null;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  createOrganization: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateOrganization"];
      };
    };
    responses: {
      /** @description The organization and its owner key, shown once */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["CreatedOrganization"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getOrganization: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The organization, its root pool, and the key's reach */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["CurrentOrganization"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listPools: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
        /** @description Also list archived pools (they are left out by default). */
        include_archived?: "true" | "false";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of pools, by id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Pool"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createPool: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreatePool"];
      };
    };
    responses: {
      /** @description The new pool */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Pool"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getPool: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The pool as of now */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Pool"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  updatePool: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["UpdatePool"];
      };
    };
    responses: {
      /** @description The pool */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Pool"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  archivePool: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["NoBody"];
      };
    };
    responses: {
      /** @description The archived pool */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Pool"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  boostPool: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["BoostPool"];
      };
    };
    responses: {
      /** @description The pool with its boost */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Pool"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  endPoolBoost: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The pool without a boost */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Pool"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listGrants: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
        pool?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of grants, by id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Grant"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createGrant: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateGrant"];
      };
    };
    responses: {
      /** @description The grant */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Grant"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getGrant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The grant */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Grant"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  voidGrant: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["ReleaseHold"];
      };
    };
    responses: {
      /** @description The voided grant */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Grant"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  changeGrantExpiry: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ChangeGrantExpiry"];
      };
    };
    responses: {
      /** @description The grant with its new expiry */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Grant"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  reallocateGrant: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ReallocateGrant"];
      };
    };
    responses: {
      /** @description The new grant */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Grant"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  undoGrantReallocation: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["ReleaseHold"];
      };
    };
    responses: {
      /** @description The reallocated grant, with nothing left unheld */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Grant"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listRecurringGrants: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of recurring grants, by id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["RecurringGrant"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createRecurringGrant: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateRecurringGrant"];
      };
    };
    responses: {
      /** @description The recurring grant */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RecurringGrant"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getRecurringGrant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The recurring grant */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RecurringGrant"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  cancelRecurringGrant: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["NoBody"];
      };
    };
    responses: {
      /** @description The recurring grant */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RecurringGrant"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listDecisions: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Older than this decision */
        starting_after?: string;
        code?: string;
        /** @description Decided at or asked at this pool */
        pool?: string;
        member?: string;
        key?: string;
        /** @description Only decisions at or after this time */
        from?: string;
        /** @description Only decisions before this time */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of decisions, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Decision"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getDecision: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The decision */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Decision"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listApprovals: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
        status?: "pending" | "approved" | "denied" | "expired";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of approval requests */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Approval"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApproval: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The approval request */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Approval"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  approveApproval: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["DecideApproval"];
      };
    };
    responses: {
      /** @description The approval request, answered */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Approval"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  denyApproval: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["DecideApproval"];
      };
    };
    responses: {
      /** @description The approval request, answered */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Approval"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createHold: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateHold"];
      };
    };
    responses: {
      /** @description The decision, and the hold when allowed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["HoldDecision"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getHold: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The hold */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Hold"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  captureHold: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CaptureHold"];
      };
    };
    responses: {
      /** @description The captured hold */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Hold"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  releaseHold: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["ReleaseHold"];
      };
    };
    responses: {
      /** @description The released hold */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Hold"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  recordUsage: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["RecordUsage"];
      };
    };
    responses: {
      /** @description One result per event, in order */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["UsageResult"][];
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listTransfers: {
    parameters: {
      query?: {
        limit?: number;
        /** @description A sequence number */
        starting_after?: number | null;
        pool?: string;
        grant?: string;
        hold?: string;
        /** @description Only transfers at or after this time */
        from?: string;
        /** @description Only transfers before this time */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of transfers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Transfer"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listAuditRecords: {
    parameters: {
      query?: {
        limit?: number;
        /** @description A sequence number */
        starting_after?: number | null;
        /** @description Only this action, e.g. `pool.updated` */
        action?: string;
        /** @description Only this object's id */
        target?: string;
        /** @description Only changes by this key id, or `operator`, or `system` */
        actor?: string;
        /** @description Only records at or after this time */
        from?: string;
        /** @description Only records before this time */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of audit records */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["AuditRecord"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  exportAuditRecords: {
    parameters: {
      query?: {
        /** @description Default: 31 days before `to` */
        from?: string;
        /** @description Default: now (inclusive) */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One audit record per line */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/x-ndjson": string;
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listMembers: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of members, by id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Member"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createMember: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateMember"];
      };
    };
    responses: {
      /** @description The member */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Member"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The member */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Member"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listKeys: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of keys, without secrets */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["ApiKey"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateKey"];
      };
    };
    responses: {
      /** @description The key, with its secret shown this once */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ApiKey"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  revokeKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The revoked key */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ApiKey"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listRateCards: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every version, oldest effective first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["RateCard"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  publishRateCard: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateRateCard"];
      };
    };
    responses: {
      /** @description The rate-card version */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RateCard"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createQuote: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateQuote"];
      };
    };
    responses: {
      /** @description The quote */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Quote"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listPlans: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Plans by id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Plan"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  publishPlan: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["PublishPlan"];
      };
    };
    responses: {
      /** @description The plan version */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Plan"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getPlan: {
    parameters: {
      query?: {
        version?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The plan version */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Plan"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listSubscriptions: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of subscriptions, by id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Subscription"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  startSubscription: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["StartSubscription"];
      };
    };
    responses: {
      /** @description The subscription */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Subscription"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getSubscription: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The subscription */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Subscription"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  changeSubscriptionSeats: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ChangeSeats"];
      };
    };
    responses: {
      /** @description The subscription */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Subscription"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  changeSubscriptionPlan: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ChangePlan"];
      };
    };
    responses: {
      /** @description The subscription */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Subscription"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  cancelSubscription: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["NoBody"];
      };
    };
    responses: {
      /** @description The subscription */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Subscription"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  resumeSubscription: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["NoBody"];
      };
    };
    responses: {
      /** @description The subscription */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Subscription"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  buyTopUp: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["BuyTopUp"];
      };
    };
    responses: {
      /** @description The top-up */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["TopUp"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  setAutoTopUp: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["SetAutoTopUp"];
      };
    };
    responses: {
      /** @description The subscription */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Subscription"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listSeatAssignments: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of assignments, by member id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["SeatAssignment"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  assignSeat: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["AssignSeat"];
      };
    };
    responses: {
      /** @description The member already held a seat: that assignment */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["SeatAssignment"];
        };
      };
      /** @description The new assignment */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["SeatAssignment"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  unassignSeat: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        member: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The removed assignment */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["SeatAssignment"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listInvoices: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
        subscription?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of invoices, by id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Invoice"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getInvoice: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The invoice */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Invoice"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getInvoiceHtml: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The invoice as HTML */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/html": string;
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  payInvoice: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["NoBody"];
      };
    };
    responses: {
      /** @description The invoice */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Invoice"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  voidInvoice: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["NoBody"];
      };
    };
    responses: {
      /** @description The invoice */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Invoice"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  revenueReport: {
    parameters: {
      query: {
        /** @description The span's start, inclusive. */
        from: string;
        /** @description The span's end, exclusive. */
        to: string;
        /** @description `csv`: one row per pool, then one per department, then the organization. */
        format?: "json" | "csv";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RevenueReport"];
          "text/csv": string;
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  marginReport: {
    parameters: {
      query: {
        /** @description The span's start, inclusive. */
        from: string;
        /** @description The span's end, exclusive. */
        to: string;
        /** @description `pool`: one department per child of `pool` with its subtree, and `pool` itself. */
        group_by?: "rate_card" | "model" | "meter" | "pool";
        /** @description The pool reported on, with its subtree: default the key's pool or the root. */
        pool?: string;
        format?: "json" | "csv";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["MarginReport"];
          "text/csv": string;
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  usageReport: {
    parameters: {
      query: {
        /** @description The span's start, inclusive. */
        from: string;
        /** @description The span's end, exclusive. */
        to: string;
        /** @description UTC periods, weeks from Monday; at most 1000 in the span. */
        interval: "hour" | "day" | "week" | "month";
        group_by?: "pool" | "member" | "key" | "model" | "meter" | "tag";
        /** @description The tag key to group by: required with group_by=tag, refused otherwise. */
        tag?: string;
        /** @description The pool reported on, with its subtree: default the key's pool or the root. */
        pool?: string;
        /** @description How many groups to keep by name, largest first. */
        limit?: number;
        format?: "json" | "csv";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["UsageReport"];
          "text/csv": string;
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  topConsumers: {
    parameters: {
      query: {
        /** @description The span's start, inclusive. */
        from: string;
        /** @description The span's end, exclusive. */
        to: string;
        by?: "member" | "key" | "pool" | "model";
        /** @description The pool reported on, with its subtree: default the key's pool or the root. */
        pool?: string;
        /** @description How many groups to keep by name, largest first. */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["TopConsumers"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  chargebackReport: {
    parameters: {
      query: {
        /** @description The span's start, inclusive. */
        from: string;
        /** @description The span's end, exclusive. */
        to: string;
        /** @description The pool reported on, with its subtree: default the key's pool or the root. */
        pool?: string;
        format?: "json" | "csv";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Chargeback"];
          "text/csv": string;
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  forecastReport: {
    parameters: {
      query?: {
        /** @description The pool reported on, with its subtree: default the key's pool or the root. */
        pool?: string;
        /** @description Days of consumption the burn is measured over, today included. */
        window?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The forecast */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Forecast"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  buyersMath: {
    parameters: {
      query: {
        /** @description The span's start, inclusive. */
        from: string;
        /** @description The span's end, exclusive. */
        to: string;
        /** @description The pool reported on, with its subtree: default the key's pool or the root. */
        pool?: string;
        /** @description Money per seat for the span. Default: seat_credits at credit_price. */
        seat_price?: string;
        /** @description Credits a seat includes, its own member's. Default: the average member's consumption, rounded up. */
        seat_credits?: string;
        /** @description Money per credit past a seat's credits. Default: credit_price. */
        overage_price?: string;
        /** @description Money per credit. Default: the average cost basis of the consumed credits grants covered. */
        credit_price?: string;
        /** @description Money per hybrid seat for the span. Default: hybrid_seat_credits at credit_price. */
        hybrid_seat_price?: string;
        /** @description Credits a hybrid seat adds to a shared allowance. Default: half of seat_credits. */
        hybrid_seat_credits?: string;
        /** @description Seats: default the members who consumed in the span (consumption with no member counts as one); fewer is refused. */
        members?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The buyer's math */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["BuyersMath"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  poolingReport: {
    parameters: {
      query: {
        /** @description The span's start, inclusive. */
        from: string;
        /** @description The span's end, exclusive. */
        to: string;
        /** @description The pool reported on, with its subtree: default the key's pool or the root. */
        pool?: string;
        /** @description Credits shared or split. Default: the subtree's consumption in the span. */
        capacity?: string;
        /** @description Seats: default the members who consumed in the span (consumption with no member counts as one); fewer is refused. */
        members?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The replay */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Pooling"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listTestClocks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description At most one clock */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["TestClock"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createTestClock: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": Record<string, never>;
      };
    };
    responses: {
      /** @description The clock the organization has already */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["TestClock"];
        };
      };
      /** @description The clock made */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["TestClock"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getTestClock: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The clock */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["TestClock"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  advanceTestClock: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["AdvanceTestClock"];
      };
    };
    responses: {
      /** @description The clock at its new time */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["TestClock"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listEvents: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
        type?:
          | "grant.issued"
          | "grant.expired"
          | "grant.voided"
          | "grant.depleted"
          | "grant.expiring_soon"
          | "pool.debt"
          | "pool.debt_paid"
          | "key.created"
          | "key.revoked"
          | "invoice.created"
          | "invoice.finalized"
          | "invoice.paid"
          | "invoice.voided"
          | "subscription.created"
          | "subscription.renewed"
          | "subscription.canceled"
          | "webhook_endpoint.test"
          | "alert.raised"
          | "alert.resolved";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of events, by sequence */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Event"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getEvent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The event */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Event"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  replayEvent: {
    parameters: {
      query?: {
        endpoint?: string;
      };
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["NoBody"];
      };
    };
    responses: {
      /** @description The new deliveries */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["WebhookDelivery"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listWebhookEndpoints: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of endpoints, by id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["WebhookEndpoint"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateWebhookEndpoint"];
      };
    };
    responses: {
      /** @description The endpoint, with its secret */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["WebhookEndpoint"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoint */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["WebhookEndpoint"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  deleteWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoint removed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["WebhookEndpoint"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  updateWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["UpdateWebhookEndpoint"];
      };
    };
    responses: {
      /** @description The endpoint */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["WebhookEndpoint"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  rotateWebhookSecret: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["NoBody"];
      };
    };
    responses: {
      /** @description The endpoint, with its new secret */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["WebhookEndpoint"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  testWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["NoBody"];
      };
    };
    responses: {
      /** @description The test event */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Event"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of deliveries */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["WebhookDelivery"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  retryWebhookDelivery: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["NoBody"];
      };
    };
    responses: {
      /** @description The new delivery */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["WebhookDelivery"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listAlertRules: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of rules, by id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["AlertRule"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createAlertRule: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateAlertRule"];
      };
    };
    responses: {
      /** @description The rule */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AlertRule"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getAlertRule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rule */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AlertRule"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  deleteAlertRule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rule removed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AlertRule"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  updateAlertRule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["UpdateAlertRule"];
      };
    };
    responses: {
      /** @description The rule */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AlertRule"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listAlerts: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
        status?: "open" | "acknowledged" | "resolved";
        pool?: string;
        rule?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of alerts, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Alert"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getAlert: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The alert */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Alert"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  acknowledgeAlert: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["NoBody"];
      };
    };
    responses: {
      /** @description The alert */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Alert"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  resolveAlert: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["NoBody"];
      };
    };
    responses: {
      /** @description The alert */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Alert"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listUpstreams: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of accounts, by id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Upstream"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createUpstream: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateUpstream"];
      };
    };
    responses: {
      /** @description The account, with its credential's last four characters */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Upstream"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getUpstream: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Upstream"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  deleteUpstream: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account removed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Upstream"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  updateUpstream: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["UpdateUpstream"];
      };
    };
    responses: {
      /** @description The account */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Upstream"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listRoutingPolicies: {
    parameters: {
      query?: {
        limit?: number;
        starting_after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of policies, by id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["RoutingPolicy"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  createRoutingPolicy: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: a replay answers the first answer. */
        "idempotency-key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateRoutingPolicy"];
      };
    };
    responses: {
      /** @description The policy */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RoutingPolicy"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getRoutingPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The policy */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RoutingPolicy"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  deleteRoutingPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The policy removed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RoutingPolicy"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  updateRoutingPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["UpdateRoutingPolicy"];
      };
    };
    responses: {
      /** @description The policy */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RoutingPolicy"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listGatewayCalls: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Older than this call */
        starting_after?: string;
        pool?: string;
        member?: string;
        key?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of calls, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["GatewayCall"][];
            has_more: boolean;
          };
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getGatewayCall: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The call */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["GatewayCall"];
        };
      };
      /** @description Invalid request: `param` names the field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such object in the key's organization */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict with the object's state, or an idempotency key reused */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than the maximum */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description An unexpected failure; nothing was applied: retry with the same key */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The engine's queue is full: retry with the same key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
}

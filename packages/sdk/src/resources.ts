/**
 * One object per API resource, one method per route. Request and answer types come from
 * `types.ts`, which reads them off the generated OpenAPI types.
 */
import { CreditpoolError } from "./errors.ts";
import type { Transport } from "./transport.ts";
import type {
  Answer,
  ApiKey,
  BoostPool,
  CaptureHold,
  ChangeGrantExpiry,
  CreatedOrganization,
  CreateGrant,
  CreateHold,
  CreateKey,
  CreateMember,
  CreateOrganization,
  CreatePool,
  CreateQuote,
  CreateRateCard,
  Grant,
  GrantList,
  GrantQuery,
  Hold,
  HoldDecision,
  KeyList,
  Member,
  MemberList,
  Organization,
  PageQuery,
  Pool,
  PoolList,
  PoolQuery,
  Quote,
  RateCard,
  RateCardList,
  ReallocateGrant,
  RecordUsage,
  TransferList,
  TransferQuery,
  UpdatePool,
  UsageAnswer,
  WriteOptions,
} from "./types.ts";

export const at = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

export function organizationsResource(t: Transport) {
  return {
    /** Creates an organization and its root pool (operator key); answers an owner key once. */
    create: (body: CreateOrganization, options: WriteOptions = {}) =>
      t.request<CreatedOrganization>({
        method: "POST",
        path: "/v1/organizations",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
  };
}

export function organizationResource(t: Transport) {
  return {
    /** The key's organization, with its `root_pool`. */
    get: () => t.request<Organization>({ method: "GET", path: "/v1/organization" }),
  };
}

export function poolsResource(t: Transport) {
  return {
    create: (body: CreatePool, options: WriteOptions = {}) =>
      t.request<Pool>({
        method: "POST",
        path: "/v1/pools",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    /** Archived pools are left out unless `include_archived: "true"`. */
    list: (query: PoolQuery = {}) =>
      t.request<PoolList>({ method: "GET", path: "/v1/pools", query }),
    /** A pool with its balances as of now. */
    get: (id: string) => t.request<Pool>({ method: "GET", path: at("/v1/pools", id) }),
    /** Renames a pool or changes its limits from now on; `limit: null` removes the limit. */
    update: (id: string, body: UpdatePool, options: WriteOptions = {}) =>
      t.request<Pool>({
        method: "PATCH",
        path: at("/v1/pools", id),
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    /**
     * Archives an empty pool: it keeps its history and takes no new holds, usage, grants or
     * children. Refused with `pool_not_empty` while anything is left in it.
     */
    archive: (id: string, options: WriteOptions = {}) =>
      t.request<Pool>({
        method: "POST",
        path: `${at("/v1/pools", id)}/archive`,
        body: {},
        idempotencyKey: options.idempotencyKey,
      }),
    /**
     * Raises the pool's hard limit by `amount` until `until` (at most 31 days ahead); it lapses
     * by itself then. An amount of "0" ends it, as `endBoost` does.
     */
    boost: (id: string, body: BoostPool, options: WriteOptions = {}) =>
      t.request<Pool>({
        method: "POST",
        path: `${at("/v1/pools", id)}/boost`,
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    endBoost: (id: string, options: WriteOptions = {}) =>
      t.request<Pool>({
        method: "DELETE",
        path: `${at("/v1/pools", id)}/boost`,
        idempotencyKey: options.idempotencyKey,
      }),
  };
}

export function grantsResource(t: Transport) {
  return {
    create: (body: CreateGrant, options: WriteOptions = {}) =>
      t.request<Grant>({
        method: "POST",
        path: "/v1/grants",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    list: (query: GrantQuery = {}) =>
      t.request<GrantList>({ method: "GET", path: "/v1/grants", query }),
    get: (id: string) => t.request<Grant>({ method: "GET", path: at("/v1/grants", id) }),
    /** Voids a grant: what is left unheld is forfeited. */
    void: (id: string, options: WriteOptions = {}) =>
      t.request<Grant>({
        method: "POST",
        path: `${at("/v1/grants", id)}/void`,
        body: {},
        idempotencyKey: options.idempotencyKey,
      }),
    /**
     * Moves an open grant's expiry later or earlier (never before now), or to never with
     * `expires_at: null`.
     */
    changeExpiry: (id: string, body: ChangeGrantExpiry, options: WriteOptions = {}) =>
      t.request<Grant>({
        method: "POST",
        path: `${at("/v1/grants", id)}/expiry`,
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    /**
     * Moves `amount` of the grant's unheld remainder to a new grant at `pool` (a pool of the same
     * carrier), keeping its terms; answers the new grant.
     */
    reallocate: (id: string, body: ReallocateGrant, options: WriteOptions = {}) =>
      t.request<Grant>({
        method: "POST",
        path: `${at("/v1/grants", id)}/reallocate`,
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    /** Within 24 hours, moves what of a reallocated grant is unheld back to its source. */
    undoReallocation: (id: string, options: WriteOptions = {}) =>
      t.request<Grant>({
        method: "POST",
        path: `${at("/v1/grants", id)}/undo-reallocation`,
        body: {},
        idempotencyKey: options.idempotencyKey,
      }),
  };
}

export function holdsResource(t: Transport) {
  return {
    /** Authorizes before work runs. A refusal is an answer (`allowed: false`), not an error. */
    create: async (body: CreateHold, options: WriteOptions = {}): Promise<HoldDecision> => {
      const decision = await t.request<Answer<"/v1/holds", "post">>({
        method: "POST",
        path: "/v1/holds",
        body,
        idempotencyKey: options.idempotencyKey,
      });
      return holdDecisionOf(decision);
    },
    get: (id: string) => t.request<Hold>({ method: "GET", path: at("/v1/holds", id) }),
    /** Settles with the actual amount; the rest is released. */
    capture: (id: string, body: CaptureHold, options: WriteOptions = {}) =>
      t.request<Hold>({
        method: "POST",
        path: `${at("/v1/holds", id)}/capture`,
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    /** Releases the whole hold: nothing was used. */
    release: (id: string, options: WriteOptions = {}) =>
      t.request<Hold>({
        method: "POST",
        path: `${at("/v1/holds", id)}/release`,
        body: {},
        idempotencyKey: options.idempotencyKey,
      }),
  };
}

function holdDecisionOf(decision: Answer<"/v1/holds", "post">): HoldDecision {
  if (decision.allowed && decision.hold !== undefined) return decision as HoldDecision;
  if (!decision.allowed && decision.code !== undefined && decision.pool !== undefined) {
    return decision as HoldDecision;
  }
  throw new CreditpoolError({
    status: 200,
    code: "invalid_response",
    message: "A hold decision without its hold, or a refusal without its code and pool.",
    retryable: false,
  });
}

export function usageResource(t: Transport) {
  return {
    /**
     * Records a batch of usage events, each a direct debit idempotent by its `id`: a repeat
     * answers `duplicate`. One result per event, in order.
     */
    record: (body: RecordUsage, options: WriteOptions = {}) =>
      t.request<UsageAnswer>({
        method: "POST",
        path: "/v1/usage",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
  };
}

export function transfersResource(t: Transport) {
  return {
    /** The journal in sequence order; `starting_after` is a sequence number. */
    list: (query: TransferQuery = {}) =>
      t.request<TransferList>({ method: "GET", path: "/v1/transfers", query }),
  };
}

export function membersResource(t: Transport) {
  return {
    create: (body: CreateMember, options: WriteOptions = {}) =>
      t.request<Member>({
        method: "POST",
        path: "/v1/members",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    list: (query: PageQuery = {}) =>
      t.request<MemberList>({ method: "GET", path: "/v1/members", query }),
    get: (id: string) => t.request<Member>({ method: "GET", path: at("/v1/members", id) }),
  };
}

export function keysResource(t: Transport) {
  return {
    /** Creates a key; the answer carries its `secret` this once. */
    create: (body: CreateKey, options: WriteOptions = {}) =>
      t.request<ApiKey>({
        method: "POST",
        path: "/v1/keys",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    list: (query: PageQuery = {}) => t.request<KeyList>({ method: "GET", path: "/v1/keys", query }),
    revoke: (id: string) => t.request<ApiKey>({ method: "DELETE", path: at("/v1/keys", id) }),
  };
}

export function rateCardsResource(t: Transport) {
  return {
    /** Publishes a version; it supersedes the previous one from its `effective_at`. */
    create: (body: CreateRateCard, options: WriteOptions = {}) =>
      t.request<RateCard>({
        method: "POST",
        path: "/v1/rate-cards",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    /** Every version that applies to the organization, the one in force marked `in_force`. */
    list: () => t.request<RateCardList>({ method: "GET", path: "/v1/rate-cards" }),
  };
}

export function quotesResource(t: Transport) {
  return {
    /** Prices described usage with the version in force; a hold may name the quote. */
    create: (body: CreateQuote, options: WriteOptions = {}) =>
      t.request<Quote>({
        method: "POST",
        path: "/v1/quotes",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
  };
}

export type Organizations = ReturnType<typeof organizationsResource>;
export type RateCards = ReturnType<typeof rateCardsResource>;
export type Quotes = ReturnType<typeof quotesResource>;
export type OrganizationResource = ReturnType<typeof organizationResource>;
export type Pools = ReturnType<typeof poolsResource>;
export type Grants = ReturnType<typeof grantsResource>;
export type Holds = ReturnType<typeof holdsResource>;
export type Usage = ReturnType<typeof usageResource>;
export type Transfers = ReturnType<typeof transfersResource>;
export type Members = ReturnType<typeof membersResource>;
export type Keys = ReturnType<typeof keysResource>;

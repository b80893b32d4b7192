/**
 * Grants: credits placed in a pool; listed, read as of now, voided, and their expiry changed (the
 * one term that changes, as a command of the ledger that the journal shows).
 */
import type { GrantSource, Micros } from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import { type EngineAnswer, type GrantFigures, grantFigures } from "../engine/results.ts";
import { Refusal } from "../refusal.ts";
import { auditIntent } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import { type PageRequest, storePage, visiblePage } from "./pages.ts";
import { viewOf } from "./pools.ts";

export interface NewGrant {
  readonly pool: string;
  readonly amount: Micros;
  readonly source: GrantSource;
  readonly priority: number;
  readonly effectiveAt: number | null;
  readonly expiresAt: number | null;
  readonly costBasis: Micros;
  /** What carries on at expiry, if anything. */
  readonly rollover?: { readonly cap: Micros; readonly expiresAt: number } | null;
}

export class GrantService {
  constructor(private readonly context: ServiceContext) {}

  async create(
    principal: Principal,
    input: NewGrant,
    idempotencyKey: string,
  ): Promise<EngineAnswer> {
    const { engine, tree } = this.context;
    const organizationId = requirePermission(principal, "grants.write");
    await tree.require(principal, organizationId, input.pool);
    return engine.submit(
      organizationId,
      {
        type: "create_grant",
        poolId: input.pool,
        amount: input.amount,
        source: input.source,
        priority: input.priority,
        effectiveAt: input.effectiveAt,
        expiresAt: input.expiresAt,
        costBasis: input.costBasis,
        rollover: input.rollover ?? null,
      },
      { idempotencyKey, audit: auditIntent(principal, "grant.created", "grant") },
    );
  }

  async void(principal: Principal, grantId: string, idempotencyKey: string): Promise<EngineAnswer> {
    const { engine } = this.context;
    const organizationId = requirePermission(principal, "grants.write");
    await this.inReach(principal, organizationId, grantId);
    const audit = auditIntent(principal, "grant.voided", "grant");
    return engine.submit(
      organizationId,
      { type: "void_grant", grantId },
      { idempotencyKey, audit },
    );
  }

  /** Moves an open grant's expiry; the ledger refuses a time before its now. */
  async changeExpiry(
    principal: Principal,
    grantId: string,
    expiresAt: number | null,
    idempotencyKey: string,
  ): Promise<EngineAnswer> {
    const { engine } = this.context;
    const organizationId = requirePermission(principal, "grants.write");
    await this.inReach(principal, organizationId, grantId);
    return engine.submit(
      organizationId,
      { type: "change_grant_expiry", grantId, expiresAt },
      { idempotencyKey, audit: auditIntent(principal, "grant.expiry_changed", "grant") },
    );
  }

  /**
   * Moves `amount` of the grant's unheld remainder to a new grant at `pool` (same carrier; the
   * ledger checks). Both pools must be in the key's reach (today only unbound keys hold
   * `grants.write`, so this holds for any key that may ever reach part of the tree).
   */
  async reallocate(
    principal: Principal,
    grantId: string,
    target: { readonly pool: string; readonly amount: Micros },
    idempotencyKey: string,
  ): Promise<EngineAnswer> {
    const { engine, tree } = this.context;
    const organizationId = requirePermission(principal, "grants.write");
    await this.inReach(principal, organizationId, grantId);
    await tree.require(principal, organizationId, target.pool);
    return engine.submit(
      organizationId,
      { type: "reallocate", grantId, poolId: target.pool, amount: target.amount },
      { idempotencyKey, audit: auditIntent(principal, "grant.reallocated", "grant") },
    );
  }

  /** Within a day, moves what of a reallocated grant is still unheld back to its source. */
  async undoReallocation(
    principal: Principal,
    grantId: string,
    idempotencyKey: string,
  ): Promise<EngineAnswer> {
    const { engine, store, tree } = this.context;
    const organizationId = requirePermission(principal, "grants.write");
    const grant = await this.inReach(principal, organizationId, grantId);
    // The credits go back to the source's pool: a bound key must reach it too.
    const source = grant.reallocatedFrom ?? null;
    const from = source === null ? null : await store.readGrant(organizationId, source);
    if (from !== null) await tree.require(principal, organizationId, from.poolId, "id");
    return engine.submit(
      organizationId,
      {
        type: "undo_reallocation",
        grantId,
        ...(source === null ? {} : { sourceGrantId: source }),
      },
      { idempotencyKey, audit: auditIntent(principal, "grant.reallocation_undone", "grant") },
    );
  }

  /** Grants the key reaches, optionally of one pool, one more than the page for `has_more`. */
  async list(
    principal: Principal,
    page: PageRequest,
    poolId: string | undefined,
  ): Promise<GrantFigures[]> {
    const { store, tree } = this.context;
    const organizationId = requirePermission(principal, "grants.read");
    if (poolId !== undefined) await tree.require(principal, organizationId, poolId);
    // The view first: it writes a grant that time alone made (a rollover) before the page is read.
    const state = await viewOf(this.context, organizationId);
    const rows = await visiblePage(
      (after, limit) =>
        store.listGrants(organizationId, {
          ...storePage(after, limit),
          ...(poolId === undefined ? {} : { poolId }),
        }),
      (grant) => tree.reaches(principal, organizationId, grant.poolId),
      page,
    );
    // As of now: a hold past its TTL holds nothing, even before the sweep wrote it.
    return rows.map((grant) => grantFigures(state.grants.get(grant.id) ?? grant, state.now));
  }

  async read(principal: Principal, grantId: string): Promise<GrantFigures> {
    const organizationId = requirePermission(principal, "grants.read");
    // The view first: it writes a grant that time alone made (a rollover) before it is looked up.
    const state = await viewOf(this.context, organizationId);
    const grant = await this.inReach(principal, organizationId, grantId);
    return grantFigures(state.grants.get(grantId) ?? grant, state.now);
  }

  private async inReach(principal: Principal, organizationId: string, grantId: string) {
    const { store, tree } = this.context;
    const grant = await store.readGrant(organizationId, grantId);
    if (grant === null || !(await tree.reaches(principal, organizationId, grant.poolId)))
      throw new Refusal("grant_not_found", undefined, "id");
    return grant;
  }
}

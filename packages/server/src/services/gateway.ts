/**
 * The gateway's use cases, below its transports: open a call (a hold sized from the request's
 * estimate, priced by the rate card in force and pinned to it), grow it when the output would
 * pass it, and close it: capture what upstream reported, priced with the pinned version, across
 * the call's holds, or release them when nothing was produced; and log the call.
 *
 * A call's holds are idempotent by the call's id, so a retried step never holds or captures
 * twice. The first hold is checked like any hold (caps, rate limits, allow-lists, limits); a
 * growth is another hold on the same pool and is refused the same way, and then the transport
 * ends the output there: a hard limit is never passed.
 */
import {
  limits,
  type Micros,
  type ProviderCost,
  shareCost,
  shareMeters,
  textProblem,
} from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import type { EngineAnswer } from "../engine/results.ts";
import { Refusal } from "../refusal.ts";
import type {
  GatewayCallFilter,
  GatewayCallRow,
  GatewayCallStatus,
} from "../store/gateway-calls.ts";
import type { ServiceContext } from "./context.ts";
import { type HoldService, type UsageInput, usageOf } from "./holds.ts";
import { type PageRequest, storePage, visiblePage } from "./pages.ts";

export type { GatewayCallRow, GatewayCallStatus } from "../store/gateway-calls.ts";

/** What the transport knows of a call before it is held. */
export interface CallRequest {
  readonly provider: "openai" | "anthropic";
  /** `chat`, `responses`, `embeddings` or `messages`. */
  readonly endpoint: string;
  /** The model the caller named (`auto` when the gateway chose). */
  readonly requestedModel: string;
  /** The model that will run. */
  readonly model: string;
  /** The pool the call holds on (`poolFor`). */
  readonly pool: string;
  readonly member?: string | undefined;
  readonly tags: Readonly<Record<string, string>>;
  /** The usage the hold is sized from: input counted or estimated, output at its ceiling. */
  readonly estimate: UsageInput;
  readonly stream: boolean;
}

/** A call holding credits, as the transport carries it to its end. */
export interface OpenCall {
  readonly organizationId: string;
  readonly id: string;
  readonly poolId: string;
  readonly memberId: string | null;
  readonly keyId: string;
  readonly rateCardVersion: string | null;
  readonly request: CallRequest;
  readonly startedAt: number;
  /** The call's holds in order, with what each reserved. */
  readonly holds: { readonly id: string; readonly amount: Micros }[];
}

export type Opened =
  | { readonly allowed: true; readonly call: OpenCall }
  | { readonly allowed: false; readonly answer: EngineAnswer };

/** How a call ended, as the transport saw it. */
export interface CallEnding {
  /** The usage to capture, by meter; null or empty when nothing was produced. */
  readonly usage: Readonly<Record<string, number>> | null;
  readonly status: GatewayCallStatus;
  readonly finishReason: string | null;
  readonly upstreamId: string | null;
  /** The model upstream says ran, when it said. */
  readonly model: string | null;
}

export class GatewayService {
  constructor(
    private readonly context: ServiceContext,
    private readonly holds: HoldService,
    /** Told of what a call's end could not do, which the caller can no longer hear of. */
    private readonly report: (error: unknown, where: string) => void = () => {},
  ) {
    this.log = new CallLog((rows) => context.store.insertGatewayCalls(rows));
  }

  /** Calls that end together are logged in one transaction: one commit for many calls. */
  private readonly log: CallLog;

  /** Holds the call's estimate; a refusal answers as a hold's does, with its decision. */
  async open(principal: Principal, request: CallRequest): Promise<Opened> {
    const organizationId = requirePermission(principal, "holds.write");
    const poolId = request.pool;
    const id = this.context.ids.next("call");
    const answer = await this.holds.create(
      principal,
      {
        pool: poolId,
        usage: request.estimate,
        member: request.member,
        model: request.model,
        ttlSeconds: limits.gatewayHoldTtlSeconds,
        tags: request.tags,
      },
      `gateway:${id}`,
    );
    if (answer.result.kind !== "allowed") return { allowed: false, answer };
    const hold = answer.result.hold;
    return {
      allowed: true,
      call: {
        organizationId,
        id,
        poolId,
        memberId: hold.memberId,
        keyId: principal.keyId,
        rateCardVersion: hold.rateCardVersion,
        request,
        startedAt: hold.createdAt,
        holds: [{ id: hold.id, amount: hold.amount }],
      },
    };
  }

  /**
   * The credits `usage` costs at the call's pinned rate-card version: what the transport compares
   * with what the call holds as output streams.
   */
  async cost(call: OpenCall, usage: Readonly<Record<string, number>>): Promise<Micros> {
    return (await this.priced(call, usage)).amount;
  }

  /** The credits `usage` costs at the call's pinned version, and their split by token kind. */
  private async priced(call: OpenCall, usage: Readonly<Record<string, number>>) {
    const { rateCards, clock } = this.context;
    const described = usageOf({ quantities: usage, dimensions: this.dimensionsOf(call) });
    const priced =
      call.rateCardVersion === null
        ? await rateCards.price(call.organizationId, described, clock(), "usage")
        : await rateCards.priceWithVersion(
            call.organizationId,
            call.rateCardVersion,
            described,
            "usage",
          );
    return priced;
  }

  /** Credits the call holds, all its holds together. */
  held(call: OpenCall): Micros {
    return call.holds.reduce((sum, hold) => sum + hold.amount, 0n);
  }

  /**
   * Holds `amount` more for the call on its pool; answers whether it was allowed (the call then
   * holds it too). At most `gatewayHoldGrowthsMax` growths a call.
   */
  async grow(principal: Principal, call: OpenCall, amount: Micros): Promise<boolean> {
    if (call.holds.length > limits.gatewayHoldGrowthsMax || amount <= 0n) return false;
    const answer = await this.holds
      .create(
        principal,
        {
          pool: call.poolId,
          amount,
          member: call.memberId ?? undefined,
          model: call.request.model,
          ttlSeconds: limits.gatewayHoldTtlSeconds,
          tags: call.request.tags,
        },
        `gateway:${call.id}:grow:${call.holds.length}`,
      )
      .catch((error: unknown) => {
        // A seat taken away while the call streams ends it at its limit, as a refusal does.
        if (error instanceof Refusal && error.code === "seat_required") return null;
        throw error;
      });
    if (answer === null || answer.result.kind !== "allowed") return false;
    call.holds.push({ id: answer.result.hold.id, amount: answer.result.hold.amount });
    return true;
  }

  /**
   * Ends the call: the usage priced with the pinned version is captured across its holds in
   * order (each up to what it reserved, the last taking the rest: what upstream produced is
   * recorded, even past the estimate), or every hold is released when nothing was produced.
   * Then the call is logged. Answers the credits captured.
   *
   * It always goes to the end: usage the rate card cannot price (a meter it has no price for)
   * captures everything held, rather than leaving the call free and its holds open; a hold that
   * does not settle (it expired meanwhile) is told to `reportFailure` and the others still are.
   */
  async close(principal: Principal, call: OpenCall, ending: CallEnding): Promise<Micros> {
    const usage = ending.usage ?? {};
    const produced = Object.values(usage).some((quantity) => quantity > 0);
    const held = this.held(call);
    let credits = 0n;
    // Each token kind's credits: every capture carries its part of them (`shareMeters`), and its
    // share of the provider cost by the captures' amounts (`shareCost`).
    let meters: Readonly<Record<string, Micros>> = {};
    let cost: ProviderCost | null = null;
    if (produced) {
      try {
        ({ amount: credits, meters, cost } = await this.priced(call, usage));
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        this.report(error, `gateway.close ${call.id}: priced as held`);
        credits = held;
      }
    }
    let remaining = credits;
    const takes = call.holds.map((hold, index) => {
      const last = index === call.holds.length - 1;
      const take = last ? remaining : remaining < hold.amount ? remaining : hold.amount;
      remaining -= take;
      return take;
    });
    const costs = cost === null ? [] : shareCost(cost.amount, takes);
    for (const [index, hold] of call.holds.entries()) {
      const take = takes[index] ?? 0n;
      const key = `gateway:${call.id}:settle:${index}`;
      const share = costs[index] ?? 0n;
      const part =
        cost === null
          ? {}
          : { cost: { ...cost, amount: share, meters: shareMeters(share, cost.meters) } };
      const answer =
        take > 0n
          ? await this.holds.capture(
              principal,
              hold.id,
              { amount: take, meters: shareMeters(take, meters), ...part },
              key,
            )
          : await this.holds.release(principal, hold.id, key);
      if (answer.code !== "ok")
        this.report(
          new Refusal(answer.code, `The call's hold ${hold.id} did not settle.`, "hold"),
          `gateway.close ${call.id}`,
        );
    }
    // The credits are taken: a log row that cannot be written is told, not thrown at the caller.
    await this.log
      .write(this.rowOf(call, ending, usage, credits))
      .catch((error: unknown) => this.report(error, `gateway.log ${call.id}`));
    return credits;
  }

  /** Calls on pools the key reaches, newest first, one more than the page. */
  async list(
    principal: Principal,
    filter: GatewayCallFilter,
    page: PageRequest,
  ): Promise<GatewayCallRow[]> {
    const { store, tree } = this.context;
    const organizationId = requirePermission(principal, "holds.read");
    if (filter.poolId !== undefined) await tree.require(principal, organizationId, filter.poolId);
    return visiblePage(
      (before, limit) => store.listGatewayCalls(organizationId, filter, storePage(before, limit)),
      (row) => tree.reaches(principal, organizationId, row.poolId),
      page,
    );
  }

  /** One call, when the key reaches its pool; else `gateway_call_not_found`. */
  async read(principal: Principal, id: string): Promise<GatewayCallRow> {
    const { store, tree } = this.context;
    const organizationId = requirePermission(principal, "holds.read");
    const row = await store.readGatewayCall(organizationId, id);
    if (row === null || !(await tree.reaches(principal, organizationId, row.poolId)))
      throw new Refusal("gateway_call_not_found", undefined, "id");
    return row;
  }

  private dimensionsOf(call: OpenCall): Record<string, string> {
    return { ...call.request.estimate.dimensions, model: call.request.model };
  }

  private rowOf(
    call: OpenCall,
    ending: CallEnding,
    usage: Readonly<Record<string, number>>,
    credits: Micros,
  ): GatewayCallRow {
    const { request } = call;
    return {
      organizationId: call.organizationId,
      id: call.id,
      poolId: call.poolId,
      keyId: call.keyId,
      memberId: call.memberId,
      provider: request.provider,
      endpoint: request.endpoint,
      requestedModel: request.requestedModel,
      model: loggable(ending.model) ?? request.model,
      upstreamId: ending.upstreamId,
      tags: JSON.stringify(request.tags),
      holdIds: call.holds.map((hold) => hold.id),
      usage: JSON.stringify(usage),
      credits,
      status: ending.status,
      finishReason: ending.finishReason,
      stream: request.stream,
      startedAt: call.startedAt,
      endedAt: this.context.clock(),
    };
  }

  /** The pool a call holds on: the one named, else the key's, else the organization's root. */
  async poolFor(principal: Principal, named: string | undefined): Promise<string> {
    if (named !== undefined) return named;
    if (principal.poolId !== null) return principal.poolId;
    const organizationId = requirePermission(principal, "holds.write");
    const organization = await this.context.store.readOrganization(organizationId);
    if (organization === null) throw new Refusal("organization_not_found");
    return organization.rootPoolId;
  }
}

/** A name upstream gave, when it is fit to log: the rule every stored text follows. */
function loggable(name: string | null): string | null {
  return name !== null && textProblem(name, limits.gatewayModelNameLengthMax) === null
    ? name
    : null;
}

/** The most calls one log transaction writes. */
const callsLoggedPerWriteMax = 512;

/**
 * Group commit for the call log: a call's row waits for the write in flight, then goes with every
 * row that arrived meanwhile in the next one, so a busy gateway commits its log once per batch of
 * calls rather than once per call. Each writer hears when its own row is durable.
 */
class CallLog {
  private readonly waiting: {
    readonly row: GatewayCallRow;
    readonly done: (error?: unknown) => void;
  }[] = [];
  private writing = false;

  constructor(private readonly insert: (rows: readonly GatewayCallRow[]) => Promise<void>) {}

  write(row: GatewayCallRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({
        row,
        done: (error) => (error === undefined ? resolve() : reject(error)),
      });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, callsLoggedPerWriteMax);
      try {
        await this.insert(batch.map((each) => each.row));
        for (const each of batch) each.done();
      } catch (error) {
        // One bad row must not fail the others: each is written again on its own.
        if (batch.length === 1) batch[0]?.done(error ?? new Error("the call log was not written"));
        else
          for (const each of batch)
            await this.insert([each.row]).then(
              () => each.done(),
              (alone: unknown) => each.done(alone ?? new Error("the call log was not written")),
            );
      }
    }
    this.writing = false;
  }
}

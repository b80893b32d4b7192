/**
 * Holds: authorize before work (hold), settle after (capture or release), read. A hold is sized
 * from credits, from usage priced now, or from a quote (whose version it pins), and is for the
 * member the key is bound to or the one the request names.
 */
import { limits, type Micros, type ProviderCost, type UsageDescription } from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import { type EngineAnswer, type HoldFigures, holdFigures } from "../engine/results.ts";
import { Refusal } from "../refusal.ts";
import type { ApprovalService } from "./approvals.ts";
import type { ServiceContext } from "./context.ts";

/** Usage as a request carries it: quantities per meter (safe integers) and dimensions. */
export interface UsageInput {
  readonly quantities: Readonly<Record<string, number>>;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface NewHold {
  readonly pool: string;
  /** Exactly one of `amount`, `usage` and `quote` sizes the hold. */
  readonly amount?: Micros | undefined;
  readonly usage?: UsageInput | undefined;
  readonly quote?: string | undefined;
  readonly member?: string | undefined;
  /** The model the work runs on; by default the `model` dimension of `usage`. */
  readonly model?: string | undefined;
  /** An approved approval request: the hold passes the approval gates it was made for. */
  readonly approval?: string | undefined;
  readonly ttlSeconds: number;
  /** Kept on the hold and on the transfers its capture makes, for reports. */
  readonly tags?: Readonly<Record<string, string>> | undefined;
}

/** What a capture takes: exactly one of credits or usage (priced with the hold's version). */
export interface HoldSettlement {
  readonly amount?: Micros | undefined;
  readonly usage?: UsageInput | undefined;
  /** With `amount`: its split by meter, when the caller priced it (the gateway does). */
  readonly meters?: Readonly<Record<string, Micros>> | undefined;
  /** With `amount` and `meters`: its provider cost, when the caller priced it with one. */
  readonly cost?: ProviderCost | undefined;
}

/** What never changes about a hold once it is made: the pool it draws on and its rate card. */
interface HoldFacts {
  readonly poolId: string;
  readonly rateCardVersion: string | null;
}

/** Holds whose facts a node remembers; past it the memory starts over. */
const holdsRememberedMax = 50_000;

export class HoldService {
  /** By organization and hold id: a capture of a hold this node made needs no read. */
  private readonly facts = new Map<string, HoldFacts>();

  constructor(
    private readonly context: ServiceContext,
    private readonly approvals: ApprovalService,
  ) {}

  async create(
    principal: Principal,
    input: NewHold,
    idempotencyKey: string,
  ): Promise<EngineAnswer> {
    const { engine, tree } = this.context;
    const organizationId = requirePermission(principal, "holds.write");
    if (principal.poolId !== null) await tree.require(principal, organizationId, input.pool);
    const sized = await this.size(organizationId, input);
    const memberId = await this.memberFor(principal, organizationId, input.member);
    // Before anything is written: a hold a seat gate refuses leaves no trace (`seat-gates.ts`).
    await this.context.seatGates.requireSeat(organizationId, input.pool, memberId);
    const requester = {
      poolId: input.pool,
      amount: sized.amount,
      keyId: principal.keyId,
      memberId,
    };
    const approvedKey =
      input.approval === undefined
        ? null
        : await this.approvals.admit(organizationId, input.approval, requester);
    const command = {
      type: "create_hold" as const,
      poolId: input.pool,
      amount: sized.amount,
      ttlSeconds: input.ttlSeconds,
      rateCardVersion: sized.rateCardId,
      memberId,
      keyId: principal.keyId,
      model: input.model ?? input.usage?.dimensions.model ?? null,
      ...(approvedKey === null ? {} : { approved: true }),
      ...attributed(input.tags, sized.meters, sized.cost),
    };
    // An approval is one hold, whatever is asked under it (`admit` checked it is within what
    // was approved): its keys are fingerprinted by the approval alone, so asking again answers
    // the hold it made, not `idempotency_key_reused`.
    const approvedFingerprint = approvedKey === null ? {} : { fingerprint: approvedKey };
    let answer = await engine.submit(organizationId, command, {
      idempotencyKey: approvedKey ?? idempotencyKey,
      ...approvedFingerprint,
    });
    // An earlier attempt refused for another reason (credits ran short) did not spend it: the
    // attempts walk one chain of keys derived from the approval, each past a refusal stored by an
    // earlier attempt, so whichever is first allowed is its only hold.
    for (
      let attempt = 1;
      approvedKey !== null && attempt < limits.approvalAttemptsMax;
      attempt += 1
    ) {
      if (answer.result.kind !== "refused" || answer.replayed !== true) break;
      answer = await engine.submit(organizationId, command, {
        idempotencyKey: `${approvedKey}:${attempt}`,
        ...approvedFingerprint,
      });
    }
    if (answer.result.kind === "allowed") this.remember(organizationId, answer.result.hold);
    return answer;
  }

  /** The hold as of now: past its TTL it is expired, even before the sweep wrote it. */
  async read(principal: Principal, holdId: string): Promise<HoldFigures> {
    const organizationId = requirePermission(principal, "holds.read");
    return holdFigures(await this.inReach(principal, organizationId, holdId), this.context.clock());
  }

  async capture(
    principal: Principal,
    holdId: string,
    settlement: HoldSettlement,
    idempotencyKey: string,
  ): Promise<EngineAnswer> {
    const organizationId = requirePermission(principal, "holds.write");
    // A key of the whole organization needs no facts unless it prices usage: the engine answers
    // hold_not_found for a hold not its own. The facts never change, so remembered ones serve.
    const needsFacts = principal.poolId !== null || settlement.usage !== undefined;
    const facts = needsFacts ? await this.factsOf(organizationId, holdId) : null;
    if (facts !== null) await this.requireReach(principal, organizationId, facts);
    const { amount, meters, cost } = await this.captureSize(organizationId, facts, settlement);
    return this.context.engine.submit(
      organizationId,
      { type: "capture_hold", holdId, amount, ...attributed(undefined, meters, cost) },
      { idempotencyKey },
    );
  }

  async release(principal: Principal, holdId: string, idempotencyKey: string) {
    const organizationId = requirePermission(principal, "holds.write");
    if (principal.poolId !== null)
      await this.requireReach(
        principal,
        organizationId,
        await this.factsOf(organizationId, holdId),
      );
    return this.context.engine.submit(
      organizationId,
      { type: "release_hold", holdId },
      { idempotencyKey },
    );
  }

  private async inReach(principal: Principal, organizationId: string, holdId: string) {
    const hold = await this.readHold(organizationId, holdId);
    await this.requireReach(principal, organizationId, hold);
    return hold;
  }

  /** A hold a pool-bound key cannot reach is, to that key, not found. */
  private async requireReach(principal: Principal, organizationId: string, hold: HoldFacts) {
    if (principal.poolId === null) return;
    if (!(await this.context.tree.reaches(principal, organizationId, hold.poolId)))
      throw new Refusal("hold_not_found", undefined, "id");
  }

  private async readHold(organizationId: string, holdId: string) {
    const hold = await this.context.store.readHold(organizationId, holdId);
    if (hold === null) throw new Refusal("hold_not_found", undefined, "id");
    this.remember(organizationId, hold);
    return hold;
  }

  /** The hold's facts, remembered or read. */
  private async factsOf(organizationId: string, holdId: string): Promise<HoldFacts> {
    return (
      this.facts.get(factsKey(organizationId, holdId)) ?? this.readHold(organizationId, holdId)
    );
  }

  private remember(organizationId: string, hold: { id: string } & HoldFacts) {
    if (this.facts.size >= holdsRememberedMax) this.facts.clear();
    const { poolId, rateCardVersion } = hold;
    this.facts.set(factsKey(organizationId, hold.id), { poolId, rateCardVersion });
  }

  /** What a hold reserves: credits given, usage priced now, or a quote's amount and version. */
  private async size(organizationId: string, input: NewHold) {
    const { rateCards, store, clock } = this.context;
    const given = [input.amount, input.usage, input.quote].filter((each) => each !== undefined);
    if (given.length !== 1) {
      const message = "amount: give exactly one of amount, usage or quote";
      throw new Refusal("invalid_request", message, "amount");
    }
    if (input.amount !== undefined)
      return { amount: input.amount, rateCardId: null, meters: {}, cost: null };
    if (input.usage !== undefined) {
      const priced = await rateCards.price(organizationId, usageOf(input.usage), clock(), "usage");
      return positive(priced, "usage");
    }
    const quote = await store.readQuote(organizationId, input.quote ?? "");
    if (quote === null) throw new Refusal("quote_not_found", undefined, "quote");
    if (clock() >= quote.expiresAt) throw new Refusal("quote_expired", undefined, "quote");
    // The quote's usage priced again with its version gives the cost it was quoted at. A version
    // the organization no longer reads (an operator's default, once it has cards of its own)
    // still holds the quoted amount, without a cost.
    const usage = usageOf(JSON.parse(quote.usage) as UsageInput);
    const cost = await rateCards
      .priceWithVersion(organizationId, quote.rateCardId, usage, "quote")
      .then(
        (priced) => priced.cost,
        (error: unknown) => {
          if (error instanceof Refusal && error.code === "rate_card_missing") return null;
          throw error;
        },
      );
    const sized = { amount: quote.amount, rateCardId: quote.rateCardId, meters: {}, cost };
    return positive(sized, "quote");
  }

  /** What a capture takes: credits given, or the actual usage priced with the hold's version. */
  private async captureSize(
    organizationId: string,
    hold: HoldFacts | null,
    settlement: HoldSettlement,
  ) {
    const { rateCards, clock } = this.context;
    if ((settlement.amount === undefined) === (settlement.usage === undefined)) {
      const message = "amount: give exactly one of amount or usage";
      throw new Refusal("invalid_request", message, "amount");
    }
    if (settlement.amount !== undefined)
      return {
        amount: settlement.amount,
        meters: settlement.meters ?? {},
        cost: settlement.cost ?? null,
      };
    if (hold === null) throw new Error("a capture priced from usage reads its hold's facts first");
    const usage = usageOf(settlement.usage ?? { quantities: {}, dimensions: {} });
    const priced =
      hold.rateCardVersion === null
        ? await rateCards.price(organizationId, usage, clock(), "usage")
        : await rateCards.priceWithVersion(organizationId, hold.rateCardVersion, usage, "usage");
    return { amount: priced.amount, meters: priced.meters, cost: priced.cost };
  }

  /** The member a hold is for: the one the key is bound to, or one the request names. */
  private async memberFor(principal: Principal, organizationId: string, named: string | undefined) {
    if (named === undefined) return principal.memberId;
    if (principal.memberId !== null && principal.memberId !== named) {
      const message = "A key bound to a member holds only for that member.";
      throw new Refusal("permission_denied", message, "member");
    }
    if ((await this.context.store.readMember(organizationId, named)) === null)
      throw new Refusal("member_not_found", undefined, "member");
    return named;
  }
}

function factsKey(organizationId: string, holdId: string): string {
  return `${organizationId}/${holdId}`;
}

/** Request quantities (safe integers) as the core's bigint quantities. */
export function usageOf(usage: UsageInput): UsageDescription {
  return {
    quantities: Object.fromEntries(
      Object.entries(usage.quantities).map(([meter, n]) => [meter, BigInt(n)]),
    ),
    dimensions: usage.dimensions,
  };
}

/**
 * A hold reserves a positive amount: usage or a quote that prices to nothing is refused, naming
 * the field the caller gave rather than the amount it never sent.
 */
function positive<T extends { readonly amount: bigint }>(sized: T, param: "usage" | "quote"): T {
  if (sized.amount > 0n) return sized;
  const message = `${param} prices to 0 credits; a hold must reserve a positive amount`;
  throw new Refusal("invalid_request", message, param);
}

/**
 * A command's tags, split by meter and provider cost, only when there are any: a command without
 * them keeps the fingerprint it had before any existed, so stored answers keep matching.
 */
export function attributed(
  tags: Readonly<Record<string, string>> | undefined,
  meters: Readonly<Record<string, Micros>>,
  cost: ProviderCost | null = null,
): {
  tags?: Readonly<Record<string, string>>;
  meters?: Readonly<Record<string, Micros>>;
  cost?: ProviderCost;
} {
  return {
    ...(tags === undefined || Object.keys(tags).length === 0 ? {} : { tags }),
    ...(Object.keys(meters).length === 0 ? {} : { meters }),
    ...(cost === null ? {} : { cost }),
  };
}

/**
 * The billing simulator's driver: the server's services over its engine and a real store, as a
 * node runs them. Billing steps go through `SubscriptionService` (and `PlanService` to publish),
 * ledger commands through the engine with ids the simulator chose. Given fault kinds, a step's
 * engine transaction may crash before or after its commit (`faults.ts`), which leaves the step's
 * decision written and its effect pending: the driver then opens a new engine and looks again as
 * a client would (the same request under its key, or the renewal job's next pass).
 */
import {
  type Command,
  type Grant,
  type LedgerSnapshot,
  newPool,
  noDueTime,
  type PlanTerms,
  type PoolBalances,
  poolBalances,
} from "@creditpool/core";
import type { Principal } from "../packages/server/src/access/principal.ts";
import { Engine } from "../packages/server/src/engine/engine.ts";
import { type GrantFigures, grantFigures } from "../packages/server/src/engine/results.ts";
import { seededRandomFill, ulidIdSource } from "../packages/server/src/ids.ts";
import { Prng } from "../packages/server/src/prng.ts";
import { Refusal } from "../packages/server/src/refusal.ts";
import { createServices, type Services } from "../packages/server/src/services/services.ts";
import type { InvoiceRow, SubscriptionRow } from "../packages/server/src/store/billing.ts";
import type { Store } from "../packages/server/src/store/port.ts";
import type { SecondStore } from "./engine-driver.ts";
import { type EngineStoreKind, freshStore } from "./engine-stores.ts";
import { type FaultKind, StoreFaults } from "./faults.ts";

/** One billing request, as the workload makes it. */
export type BillingStep =
  | {
      readonly kind: "start";
      readonly plan: string;
      readonly seats: number;
      readonly anchorAt: number;
      readonly timeZone: string;
    }
  | { readonly kind: "seats"; readonly seats: number }
  | { readonly kind: "top_up"; readonly pack: string }
  | { readonly kind: "top_up"; readonly credits: bigint }
  | { readonly kind: "plan"; readonly plan: string }
  | { readonly kind: "cancel" }
  | { readonly kind: "resume" }
  | { readonly kind: "renew_due" }
  | { readonly kind: "read" };

/** The billing faults: an engine that dies in a step's transaction, or a restart before it. */
export const billingFaultKinds = ["crash-before", "crash-after", "restart"] as const;
export type BillingFaultKind = (typeof billingFaultKinds)[number] & FaultKind;

export interface BillingFaults {
  readonly kinds: readonly BillingFaultKind[];
  readonly rate: number;
}

export interface BillingSetup {
  readonly seed: number;
  readonly organizationId: string;
  readonly rootPoolId: string;
  readonly startAt: number;
}

const operator: Principal = {
  keyId: "key_sim_operator",
  organizationId: null,
  role: "operator",
  poolId: null,
  memberId: null,
};

export class BillingDriver {
  private nowMs: number;
  private storeFaults: StoreFaults;
  private engine: Engine;
  private services: Services;
  private readonly owner: Principal;
  private readonly ids;
  private readonly rng: Prng | null;
  /** The subscription the last `start` made. */
  subscriptionId: string | null = null;
  readonly faultCounts = new Map<string, number>();

  private constructor(
    private readonly store: Store,
    private readonly second: SecondStore | null,
    private readonly setup: BillingSetup,
    private readonly faults: BillingFaults | null,
  ) {
    this.nowMs = setup.startAt;
    const clock = () => this.nowMs;
    this.ids = ulidIdSource(clock, seededRandomFill(setup.seed));
    this.owner = {
      keyId: "key_sim_owner",
      organizationId: setup.organizationId,
      role: "owner",
      poolId: null,
      memberId: null,
    };
    // The faults' own stream, apart from the workload's.
    this.rng = faults === null ? null : new Prng(setup.seed + 0xb111_fa17);
    for (const kind of faults?.kinds ?? []) this.faultCounts.set(kind, 0);
    this.storeFaults = new StoreFaults(store);
    this.engine = new Engine({ store: this.storeFaults.store, clock, ids: this.ids });
    this.services = this.servicesOver(this.engine);
  }

  static async open(
    storeKind: EngineStoreKind,
    setup: BillingSetup,
    faults: BillingFaults | null = null,
    postgresUrl: string | null = null,
  ): Promise<BillingDriver> {
    const { store, second } = await freshStore(storeKind, postgresUrl);
    const root = newPool(
      {
        id: setup.rootPoolId,
        parentId: null,
        depth: 1,
        name: "root",
        drawsFromParent: false,
        limit: null,
        overageLimit: null,
      },
      setup.startAt,
    );
    const organization = {
      id: setup.organizationId,
      name: "simulated",
      rootPoolId: setup.rootPoolId,
      version: 1,
      lastNow: setup.startAt,
      nextSequence: 1,
      nextDueAt: noDueTime,
      createdAt: setup.startAt,
    };
    await store.transaction((tx) => tx.createOrganization(organization, root));
    return new BillingDriver(store, second, setup, faults);
  }

  private servicesOver(engine: Engine): Services {
    const clock = () => this.nowMs;
    return createServices({
      engine,
      store: this.store,
      clock,
      ids: this.ids,
      fillRandom: seededRandomFill(this.setup.seed + 1),
    });
  }

  /** A new engine (and services) on the same store: a process started after one that died. */
  private async restart(): Promise<void> {
    await this.engine.close().catch(() => {});
    this.storeFaults = new StoreFaults(this.store);
    const clock = () => this.nowMs;
    this.engine = new Engine({ store: this.storeFaults.store, clock, ids: this.ids });
    this.services = this.servicesOver(this.engine);
  }

  async publish(id: string, terms: PlanTerms): Promise<void> {
    await this.services.plans.publish(operator, id, terms, `sim-plan-${id}`, () => ({}));
  }

  /** Applies ledger commands at `now`, in order, each under a key of its own. */
  async apply(commands: readonly Command[], now: number, firstKey: number): Promise<string[]> {
    this.nowMs = now;
    const { organizationId } = this.setup;
    const answers = await Promise.all(
      commands.map((command, position) =>
        this.engine.apply(organizationId, command, {
          idempotencyKey: `sim:${firstKey + position}`,
        }),
      ),
    );
    return answers.map((answer) => answer.code);
  }

  /**
   * One billing step at `now` under the idempotency key given; answers its code. A fault drawn
   * for it crashes the engine in the step's transaction, and the step is looked at again.
   */
  async step(step: BillingStep, now: number, key: string): Promise<string> {
    this.nowMs = now;
    const fault = this.drawFault();
    if (fault === "restart") {
      this.count(fault);
      await this.restart();
    } else if (fault !== null) this.storeFaults.crashNext(fault);
    const failures: unknown[] = [];
    let code: string;
    try {
      code = await this.call(step, key, failures);
    } catch (error) {
      if (fault === null || fault === "restart") throw error;
      failures.push(error);
      code = "crashed";
    }
    this.storeFaults.crashNext(null);
    if (failures.length === 0) return code;
    if (fault === null || fault === "restart") throw failures[0];
    // The engine died between the decision and its effect: a new one, and the same look again.
    this.count(fault);
    await this.restart();
    const again: unknown[] = [];
    code = await this.call(step, key, again);
    if (again.length > 0) throw again[0];
    return code;
  }

  private drawFault(): BillingFaultKind | null {
    const rng = this.rng;
    const faults = this.faults;
    if (rng === null || faults === null || faults.kinds.length === 0) return null;
    const fires = rng.fraction() < faults.rate;
    const kind = rng.pick(faults.kinds);
    return fires ? kind : null;
  }

  private count(kind: string): void {
    this.faultCounts.set(kind, (this.faultCounts.get(kind) ?? 0) + 1);
  }

  private async call(step: BillingStep, key: string, failures: unknown[]): Promise<string> {
    const subscriptions = this.services.subscriptions;
    const id = this.subscriptionId ?? "sub_none";
    const render = () => ({});
    try {
      switch (step.kind) {
        case "start": {
          const { plan, seats, anchorAt, timeZone } = step;
          const input = { plan, seats, anchorAt, timeZone };
          const written = await subscriptions.start(this.owner, input, key, render);
          if ("made" in written) this.subscriptionId = written.made.row.id;
          else {
            const rows = await this.store.listSubscriptions(this.setup.organizationId, {
              limit: 1000,
            });
            this.subscriptionId = rows[rows.length - 1]?.id ?? null;
          }
          return "ok";
        }
        case "seats":
          await subscriptions.changeSeats(this.owner, id, step.seats, key, render);
          return "ok";
        case "top_up": {
          const purchase = "pack" in step ? { pack: step.pack } : { credits: step.credits };
          await subscriptions.topUp(this.owner, id, purchase, key, render);
          return "ok";
        }
        case "plan":
          await subscriptions.changePlan(this.owner, id, { plan: step.plan }, key, render);
          return "ok";
        case "cancel":
          await subscriptions.cancel(this.owner, id, key, render);
          return "ok";
        case "resume":
          await subscriptions.resume(this.owner, id, key, render);
          return "ok";
        case "renew_due":
          await subscriptions.renewDue(100, (error) => failures.push(error));
          return "ok";
        case "read":
          await subscriptions.read(this.owner, id);
          return "ok";
      }
    } catch (error) {
      if (error instanceof Refusal) return error.code;
      throw error;
    }
  }

  // ---- What the comparisons read ----------------------------------------------------------------

  async subscriptionRow(): Promise<SubscriptionRow | null> {
    const id = this.subscriptionId;
    return id === null ? null : this.store.readSubscription(this.setup.organizationId, id);
  }

  async invoices(): Promise<InvoiceRow[]> {
    return this.store.listInvoices(this.setup.organizationId, { limit: 1000 });
  }

  /** The journal and every grant once what fell due by `now` is written. */
  async snapshot(now: number): Promise<LedgerSnapshot> {
    this.nowMs = now;
    await this.engine.tick(this.setup.organizationId);
    return this.store.readSnapshot(this.setup.organizationId);
  }

  async pool(now: number): Promise<PoolBalances> {
    this.nowMs = now;
    const state = await this.engine.readView(this.setup.organizationId);
    const pool = state?.pools.get(this.setup.rootPoolId);
    if (state === null || pool === undefined) throw new Error("billing driver: no root pool");
    return poolBalances(state, pool);
  }

  figures(grant: Grant, now: number): GrantFigures {
    return grantFigures(grant, now);
  }

  async close(): Promise<void> {
    await this.engine.close().catch(() => {});
    await this.store.close();
    await this.second?.store.close();
    await this.second?.remove();
  }
}

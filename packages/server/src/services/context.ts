/**
 * What every service works with: the engine (the only writer of the ledger), the store (for
 * reads and the writes outside the ledger), time and ids, and the caches the services share: the
 * pool tree for reach, the rate cards in force, and which subscriptions gate holds by seat.
 */
import type { PoolTree } from "../access/pool-tree.ts";
import type { Clock, LedgerEngine } from "../engine/engine.ts";
import type { IdSource, RandomFill } from "../ids.ts";
import type { Store } from "../store/port.ts";
import type { RateCards } from "./rate-cards.ts";
import type { SeatGates } from "./seat-gates.ts";

export interface ServiceContext {
  readonly engine: LedgerEngine;
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly fillRandom: RandomFill;
  readonly tree: PoolTree;
  readonly rateCards: RateCards;
  readonly seatGates: SeatGates;
}

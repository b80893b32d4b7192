/**
 * The usage reports, beside `reports.revenue` (`billing.ts`): consumption by period and group,
 * the top consumers, chargeback by department, the forecast, the buyer's math, the pooling
 * replay and the margin of revenue over provider cost. Times are ISO 8601, `from` inclusive and `to` exclusive; credits and money are decimal
 * strings. A key bound to a pool reports on its subtree, by default its own pool.
 */
import type { Transport } from "./transport.ts";
import type {
  BuyersMath,
  BuyersMathQuery,
  Chargeback,
  ChargebackQuery,
  Forecast,
  ForecastQuery,
  MarginReport,
  MarginReportQuery,
  Pooling,
  PoolingQuery,
  TopConsumers,
  TopConsumersQuery,
  UsageReport,
  UsageReportQuery,
} from "./types.ts";

export function usageReportMethods(t: Transport) {
  const get = <T>(path: string, query: object) =>
    t.request<T>({ method: "GET", path: `/v1/reports/${path}`, query: { ...query } });
  return {
    /** Consumption by UTC period (weeks from Monday) and group; the rest folds into `(other)`. */
    usage: (query: UsageReportQuery) => get<UsageReport>("usage", { ...query, format: undefined }),
    /** The biggest consumers by member, key, pool (each on its own) or model, with shares. */
    topConsumers: (query: TopConsumersQuery) => get<TopConsumers>("top-consumers", query),
    /** One department per child of the pool with its subtree, and the pool's own as `(direct)`. */
    chargeback: (query: ChargebackQuery) =>
      get<Chargeback>("chargeback", { ...query, format: undefined }),
    /** Burn per day over a window, and when the credits run out at it. */
    forecast: (query: ForecastQuery = {}) => get<Forecast>("forecast", query),
    /** What the span's consumption would cost per seat, by the credit, or both. */
    buyersMath: (query: BuyersMathQuery) => get<BuyersMath>("buyers-math", query),
    /** The span replayed hour by hour: one shared pool versus a quota per member. */
    pooling: (query: PoolingQuery) => get<Pooling>("pooling", query),
    /**
     * Revenue (credits at their grants' cost basis) against the provider cost of the work, by
     * rate-card version, model, meter or department.
     */
    margin: (query: MarginReportQuery) =>
      get<MarginReport>("margin", { ...query, format: undefined }),
  };
}

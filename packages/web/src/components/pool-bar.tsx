/**
 * A pool's period at a glance: consumed, held and available side by side, against its limit when
 * it has one (else against their sum). Widths come from exact micro-credit ratios.
 */
import type { Pool } from "../api.ts";
import { sumCredits } from "../decimal.ts";
import { formatCredits, percentOf } from "../format.ts";

export function PoolBar({ pool }: { pool: Pool }) {
  const used = sumCredits([pool.consumed_this_period, pool.held]);
  const whole = pool.limit?.amount ?? sumCredits([used, pool.available]);
  const title =
    `${formatCredits(pool.consumed_this_period)} consumed, ${formatCredits(pool.held)} held, ` +
    `${formatCredits(pool.available)} available` +
    (pool.limit === null
      ? ""
      : ` of a ${pool.limit.kind} limit of ${formatCredits(pool.limit.amount)}`);
  return (
    <div className="bar" role="img" aria-label={title} title={title}>
      <span
        className="consumed"
        style={{ width: `${percentOf(pool.consumed_this_period, whole)}%` }}
      />
      <span className="held" style={{ width: `${percentOf(pool.held, whole)}%` }} />
      <span className="available" style={{ width: `${percentOf(pool.available, whole)}%` }} />
    </div>
  );
}

export function PoolBarLegend() {
  return (
    <div className="legend" aria-hidden="true">
      <span>
        <span className="swatch" style={{ background: "var(--consumed)" }} />
        consumed this period
      </span>
      <span>
        <span className="swatch" style={{ background: "var(--held)" }} />
        held
      </span>
      <span>
        <span className="swatch" style={{ background: "var(--available)" }} />
        available (credits)
      </span>
    </div>
  );
}

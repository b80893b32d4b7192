/** Form controls the report views share: the span of days and the pool. */
import { useId } from "react";
import { type PeriodPreset, periodPresets, presetRange } from "./query.ts";
import type { PeriodValue } from "./report-queries.ts";
import type { Page, PoolSummary } from "./types.ts";
import { useApiGet } from "./ui.tsx";
import type { ConsoleApi } from "./view-props.ts";

export type Period = PeriodValue;

export function initialPeriod(preset: PeriodPreset, nowMs: number): Period {
  return { preset, ...presetRange(preset, nowMs, { from: "", to: "" }) };
}

/** A preset, or custom days; both dates are UTC days and both are included. */
export function PeriodFields({
  value,
  onChange,
}: {
  readonly value: Period;
  readonly onChange: (period: Period) => void;
}) {
  const id = useId();
  return (
    <>
      <div className="more-field">
        <label htmlFor={`${id}-preset`}>Period</label>
        <select
          id={`${id}-preset`}
          value={value.preset}
          onChange={(event) => {
            const preset = event.target.value as PeriodPreset;
            onChange({ preset, ...presetRange(preset, Date.now(), value) });
          }}
        >
          {periodPresets.map((preset) => (
            <option key={preset.value} value={preset.value}>
              {preset.label}
            </option>
          ))}
        </select>
      </div>
      <div className="more-field">
        <label htmlFor={`${id}-from`}>From (UTC)</label>
        <input
          id={`${id}-from`}
          type="date"
          value={value.from}
          onChange={(event) => onChange({ ...value, preset: "custom", from: event.target.value })}
        />
      </div>
      <div className="more-field">
        <label htmlFor={`${id}-to`}>To (UTC, included)</label>
        <input
          id={`${id}-to`}
          type="date"
          value={value.to}
          onChange={(event) => onChange({ ...value, preset: "custom", to: event.target.value })}
        />
      </div>
    </>
  );
}

/** The pools the key reaches, as a select; "" is the key's own pool (or the root). */
export function PoolSelect({
  api,
  value,
  onChange,
  label = "Pool",
}: {
  readonly api: ConsoleApi;
  readonly value: string;
  readonly onChange: (pool: string) => void;
  readonly label?: string;
}) {
  const id = useId();
  const { loaded } = useApiGet<Page<PoolSummary>>(api, "/v1/pools?limit=100");
  const pools = loaded.state === "ready" ? loaded.value.data : [];
  return (
    <div className="more-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Default (your key's pool or the root)</option>
        {pools.map((pool) => (
          <option key={pool.id} value={pool.id}>
            {pool.name}
          </option>
        ))}
      </select>
      {loaded.state === "error" ? (
        <span className="more-field-note">Pools could not be listed: {loaded.message}</span>
      ) : null}
    </div>
  );
}

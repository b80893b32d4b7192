/** Pure helpers of the gateway view: how an upstream's windows and state read. */
import { exactCredits, formatDateTimeUtc } from "../../format.ts";
import type { RoutingPolicy, Upstream, UpstreamWindow } from "./gateway-types.ts";

/** A span of seconds in the largest whole unit: 60 → "1 min", 86400 → "1 day". */
export function durationText(seconds: number): string {
  const units: readonly [number, string][] = [
    [86_400, "day"],
    [3_600, "h"],
    [60, "min"],
  ];
  for (const [size, unit] of units)
    if (seconds >= size && seconds % size === 0) {
      const count = seconds / size;
      return unit === "day" ? `${count} day${count === 1 ? "" : "s"}` : `${count} ${unit}`;
    }
  return `${seconds} s`;
}

/** A window's use: "12/100 requests, 3,400 tokens per 1 min (resets 2026-11-21 09:31 UTC)". */
export function windowText(window: UpstreamWindow): string {
  const requests =
    window.max_requests === null
      ? `${window.used.requests} requests`
      : `${window.used.requests}/${window.max_requests} requests`;
  const tokens =
    window.max_tokens === null
      ? `${window.used.tokens.toLocaleString("en")} tokens`
      : `${window.used.tokens.toLocaleString("en")}/${window.max_tokens.toLocaleString("en")} tokens`;
  const resets =
    window.resets_at === null ? "" : ` (resets ${formatDateTimeUtc(window.resets_at)})`;
  return `${requests}, ${tokens} per ${durationText(window.duration_seconds)}${resets}`;
}

/** Whether the gateway may choose the account at `nowMs`, in words. */
export function upstreamState(upstream: Upstream, nowMs: number): string {
  if (!upstream.enabled) return "disabled";
  if (upstream.cooling_until !== null && Date.parse(upstream.cooling_until) > nowMs)
    return `cooling until ${formatDateTimeUtc(upstream.cooling_until)}`;
  return "available";
}

/** A policy's low-balance rule in words. */
export function lowBalanceText(policy: RoutingPolicy): string {
  const rule = policy.low_balance;
  if (rule === null) return "none";
  const below =
    rule.below !== null
      ? `${exactCredits(rule.below)} credits`
      : rule.below_percent !== null
        ? `${rule.below_percent}% of the limit`
        : "—";
  return `below ${below}${rule.step_down ? ": step down a tier" : ""}`;
}

/** Tags as "team=search, env=prod"; "—" when there are none. */
export function tagsText(tags: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(tags).map(([name, value]) => `${name}=${value}`);
  return pairs.length === 0 ? "—" : pairs.join(", ");
}

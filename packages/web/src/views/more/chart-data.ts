/**
 * Report answers reshaped for the charts. Plotting is the one place a decimal becomes a Number;
 * every figure shown as text comes from the API's strings.
 */
import { compareDecimal, subtractDecimal } from "../../decimal.ts";
import type { BuyersMath, PoolingReport, PricingModel, UsageReport } from "./types.ts";

/** Colors that stay apart for the common kinds of color blindness (Okabe–Ito), then greys. */
export const seriesColors = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#F0E442",
  "#000000",
  "#7f7f7f",
  "#b07aa1",
  "#9c755f",
  "#4e79a7",
];

export const otherColor = "#bdbdbd";

/** The `index`th series color, going round the palette. */
export function colorAt(index: number): string {
  return seriesColors[index % seriesColors.length] ?? otherColor;
}

export interface Series {
  /** A key safe as a chart data key (a group id may hold dots, which charts read as paths). */
  readonly key: string;
  readonly label: string;
  readonly color: string;
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** As the API's `reportPeriodsMax`: a chart never draws more periods than a report may have. */
export const periodsMax = 1_000;

function bucketStart(timeMs: number, interval: string): number {
  const date = new Date(timeMs);
  if (interval === "hour") return timeMs - (timeMs % hourMs);
  const day = timeMs - (timeMs % dayMs);
  if (interval === "day") return day;
  if (interval === "week") return day - ((date.getUTCDay() + 6) % 7) * dayMs;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

function nextBucket(startMs: number, interval: string): number {
  if (interval === "hour") return startMs + hourMs;
  if (interval === "day") return startMs + dayMs;
  if (interval === "week") return startMs + 7 * dayMs;
  const date = new Date(startMs);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** Every period's start (ISO) from the one holding `from` up to `to`, in UTC; weeks start Monday. */
export function periodStarts(from: string, to: string, interval: string): string[] {
  const end = Date.parse(to);
  const starts: string[] = [];
  let at = bucketStart(Date.parse(from), interval);
  while (at < end && starts.length < periodsMax) {
    starts.push(new Date(at).toISOString());
    at = nextBucket(at, interval);
  }
  return starts;
}

export interface StackedUsage {
  readonly series: readonly Series[];
  /** One entry per period: `start`, then each series' credits under its key. */
  readonly data: readonly Readonly<Record<string, string | number>>[];
}

/** The usage report's rows as stacked bars: a period per bar, a group per layer, empty periods kept. */
export function stackedUsage(report: UsageReport): StackedUsage {
  const keys = new Map<string, string>();
  const series = report.groups.map((group, index) => {
    const key = `g${index}`;
    keys.set(group.group, key);
    const color = group.group === "(other)" ? otherColor : colorAt(index);
    return { key, label: group.name ?? group.group, color };
  });
  const byStart = new Map<string, Record<string, string | number>>();
  const starts = periodStarts(report.from, report.to, report.interval);
  for (const row of report.rows) {
    const start = new Date(row.start).toISOString();
    if (!starts.includes(start)) starts.push(start);
  }
  starts.sort();
  for (const start of starts) byStart.set(start, { start });
  for (const row of report.rows) {
    const entry = byStart.get(new Date(row.start).toISOString());
    const key = keys.get(row.group);
    if (entry === undefined || key === undefined) continue;
    entry[key] = Number(entry[key] ?? 0) + Number(row.credits);
  }
  return { series, data: [...byStart.values()] };
}

export const pricingModels: readonly PricingModel[] = ["per_seat", "credit_based", "hybrid"];

export const pricingLabels: Readonly<Record<PricingModel, string>> = {
  per_seat: "Per-seat",
  credit_based: "Credit-based",
  hybrid: "Hybrid",
};

/** How much the cheapest model saves over the next cheapest, exactly; null with a tie. */
export function cheapestMargin(
  math: Pick<BuyersMath, "costs" | "cheapest">,
): { runnerUp: PricingModel; by: string } | null {
  const cheapest = math.costs[math.cheapest];
  const others = pricingModels
    .filter((model) => model !== math.cheapest)
    .sort((a, b) => compareDecimal(math.costs[a], math.costs[b]));
  const runnerUp = others[0];
  if (runnerUp === undefined) return null;
  const by = subtractDecimal(math.costs[runnerUp], cheapest);
  return compareDecimal(by, "0") === 0 ? null : { runnerUp, by };
}

/** The cost curve as points to plot: credits per member on x, each model's cost on y. */
export function costCurve(math: Pick<BuyersMath, "curve">) {
  return math.curve.map((point) => ({
    x: Number(point.credits_per_member),
    per_seat: Number(point.per_seat),
    credit_based: Number(point.credit_based),
    hybrid: Number(point.hybrid),
  }));
}

/** The break-even points the chart can mark (those with a credits-per-member figure). */
export function breakEvenMarks(math: Pick<BuyersMath, "break_even">) {
  return math.break_even.flatMap((mark) =>
    mark.credits_per_member === null
      ? []
      : [
          {
            x: Number(mark.credits_per_member),
            credits: mark.credits_per_member,
            label: `${pricingLabels[mark.between[0]]} = ${pricingLabels[mark.between[1]]}`,
          },
        ],
  );
}

/** Cumulative served credits per day, pooled against siloed, as points to plot. */
export function servedSeries(report: Pick<PoolingReport, "series">) {
  return report.series.map((day) => ({
    date: day.date,
    pooled: Number(day.pooled_served),
    siloed: Number(day.siloed_served),
  }));
}

/**
 * The gateway benchmark's Markdown: every run with its overhead over the direct call measured
 * next to it, and the product's targets. The overhead of a run is its latency minus the direct
 * call's at the same percentile, client count and mode: for whole answers the time to the end
 * of the answer, for streams the time to its first byte.
 */

import type { GatewayRow, Mode, TargetName } from "./gateway-suite.ts";
import type { BooksCheck } from "./gateway-world.ts";
import type { Percentiles } from "./latency.ts";

export interface GatewayTarget {
  readonly name: string;
  readonly value: string;
  readonly goal: string;
  /** null when a figure it needs is missing. */
  readonly pass: boolean | null;
}

/** The latency a mode is judged on. */
export function figureOf(row: GatewayRow): Percentiles {
  return row.mode === "stream" ? row.load.firstByte : row.load.complete;
}

/** A run's latency over the direct call's at the same client count and mode, in ms. */
export function overheadOf(rows: readonly GatewayRow[], row: GatewayRow): Percentiles | null {
  const direct = find(rows, "direct", row.mode, row.load.clients);
  if (direct === undefined || row.target === "direct") return null;
  const [mine, base] = [figureOf(row), figureOf(direct)];
  return { p50: mine.p50 - base.p50, p99: mine.p99 - base.p99 };
}

export function gatewayResultsTable(rows: readonly GatewayRow[]): string {
  const header =
    "| mode | clients | target | calls/s | first byte p50 / p99 ms | complete p50 / p99 ms | " +
    "overhead p50 / p99 ms | target cpu | upstream cpu | load cpu | failed |";
  const lines = [header, "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|"];
  for (const row of rows) {
    const { load } = row;
    const overhead = overheadOf(rows, row);
    lines.push(
      `| ${row.mode} | ${load.clients} | ${row.target} | ${whole(load.callsPerSecond)} | ` +
        `${pair(load.firstByte)} | ${pair(load.complete)} | ` +
        `${overhead === null ? "–" : pair(overhead)} | ${cores(row.targetCpuCores)} | ` +
        `${cores(row.upstreamCpuCores)} | ${cores(row.loadCpuCores)} | ${load.failures} |`,
    );
  }
  return lines.join("\n");
}

export function gatewayTargets(rows: readonly GatewayRow[], verify: BooksCheck): GatewayTarget[] {
  const targets: GatewayTarget[] = [];
  const lowest = Math.min(...rows.map((row) => row.load.clients));
  const highest = Math.max(...rows.map((row) => row.load.clients));
  for (const mode of ["whole", "stream"] as const) {
    const what = mode === "stream" ? "first byte" : "whole answer";
    const row = find(rows, "creditpool", mode, lowest);
    const overhead = row === undefined ? null : overheadOf(rows, row);
    targets.push({
      name: `creditpool p50 overhead at ${lowest} client${lowest === 1 ? "" : "s"}, ${what}`,
      value: overhead === null ? "–" : `${ms(overhead.p50)} ms`,
      goal: "< 1 ms",
      pass: overhead === null || Number.isNaN(overhead.p50) ? null : overhead.p50 < 1,
    });
  }
  for (const mode of ["whole", "stream"] as const)
    for (const percentile of ["p50", "p99"] as const) {
      const what = mode === "stream" ? "first byte" : "whole answer";
      const ours = overheadAt(rows, "creditpool", mode, highest);
      const theirs = overheadAt(rows, "portkey", mode, highest);
      const ratio = ours === null || theirs === null ? null : ours[percentile] / theirs[percentile];
      targets.push({
        name: `creditpool ÷ Portkey ${percentile} overhead at ${highest} clients, ${what}`,
        value:
          ours === null || theirs === null
            ? "–"
            : `${ms(ours[percentile])} ÷ ${ms(theirs[percentile])} ms = ${ratioText(ratio)}`,
        goal: "≤ 2×",
        pass: ours === null || theirs === null ? null : within(ours, theirs, percentile),
      });
    }
  const books = rows.filter((row) => row.books !== null);
  targets.push({
    name: "overspend, and settlement exact to the micro-credit",
    value: books.every((row) => row.books?.ok) ? "none" : "FOUND",
    goal: "none",
    pass: books.length === 0 ? null : books.every((row) => row.books?.ok),
  });
  targets.push({
    name: "`creditpool verify`",
    value: verify.detail,
    goal: "clean",
    pass: verify.ok,
  });
  return targets;
}

export function gatewayTargetTable(targets: readonly GatewayTarget[]): string {
  const lines = ["| figure | this run | target | result |", "|---|--:|--:|---|"];
  for (const target of targets) {
    const result = target.pass === null ? "–" : target.pass ? "PASS" : "MISS";
    lines.push(`| ${target.name} | ${target.value} | ${target.goal} | ${result} |`);
  }
  return lines.join("\n");
}

/**
 * Within 2× of Portkey's overhead. An overhead at or below zero is within any bound; against a
 * Portkey overhead at or below zero only one at or below zero is.
 */
function within(ours: Percentiles, theirs: Percentiles, percentile: "p50" | "p99"): boolean {
  if (ours[percentile] <= 0) return true;
  if (theirs[percentile] <= 0) return false;
  return ours[percentile] <= 2 * theirs[percentile];
}

function overheadAt(
  rows: readonly GatewayRow[],
  target: TargetName,
  mode: Mode,
  clients: number,
): Percentiles | null {
  const row = find(rows, target, mode, clients);
  return row === undefined ? null : overheadOf(rows, row);
}

function find(rows: readonly GatewayRow[], target: TargetName, mode: Mode, clients: number) {
  return rows.find(
    (row) => row.target === target && row.mode === mode && row.load.clients === clients,
  );
}

function pair(value: Percentiles): string {
  return `${ms(value.p50)} / ${ms(value.p99)}`;
}

function ms(value: number): string {
  if (Number.isNaN(value)) return "–";
  return Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function whole(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

function cores(value: number | null): string {
  return value === null ? "–" : value.toFixed(2);
}

function ratioText(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "–" : `${value.toFixed(2)}×`;
}

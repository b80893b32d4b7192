/** The HTTP benchmark's tables and its targets, as Markdown. */

import type { BooksCheck } from "./http-ledger.ts";
import type { HttpRow } from "./http-suite.ts";
import type { Percentiles } from "./latency.ts";

export interface Target {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly pass: boolean | null;
}

export function httpResultsTable(rows: readonly HttpRow[]): string {
  const columns = [
    "target",
    "conns",
    "req/s",
    "pairs/s",
    "p50 ms",
    "p99 ms",
    "hold p50/p99 ms",
    "capture p50/p99 ms",
    "non-2xx",
    "errors",
    "server cpu",
    "load cpu",
    "cmds/batch",
    "batch ms",
    "engine busy",
    "in-app ms",
  ];
  const lines = [
    `| ${columns.join(" | ")} |`,
    `|---|${columns
      .slice(1)
      .map(() => "--:")
      .join("|")}|`,
  ];
  const pair = (p: Percentiles | null) => (p === null ? "–" : `${ms(p.p50)} / ${ms(p.p99)}`);
  for (const { load: l, server: s } of rows) {
    const cells = [
      l.target === "echo" ? "echo" : "holds+captures",
      String(l.connections),
      count(l.requestsPerSecond),
      l.pairsPerSecond === null ? "–" : count(l.pairsPerSecond),
      ms(l.latency.p50),
      ms(l.latency.p99),
      pair(l.hold),
      pair(l.capture),
      String(l.non2xx),
      String(l.errors + l.timeouts),
      s.cpuCores.toFixed(2),
      l.loadCpuCores.toFixed(2),
      fixed(s.commandsPerBatch, 1),
      fixed(s.batchMs, 2),
      s.engineBusy === null ? "–" : `${(s.engineBusy * 100).toFixed(0)}%`,
      fixed(s.inAppMs, 2),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

export function httpTargets(rows: readonly HttpRow[], verify: BooksCheck): Target[] {
  const top = Math.max(...rows.map((row) => row.load.connections));
  const at = (target: "echo" | "holds") =>
    rows.find((row) => row.load.target === target && row.load.connections === top)?.load;
  const echo = at("echo");
  const holds = at("holds");
  const ratio =
    echo === undefined || holds === undefined || echo.requestsPerSecond === 0
      ? null
      : holds.requestsPerSecond / echo.requestsPerSecond;
  const p99 = holds?.latency.p99;
  const books = rows.flatMap((row) => (row.books === null ? [] : [row.books]));
  const overspendFree = books.length > 0 && books.every((check) => check.ok);
  return [
    {
      name: `holds+captures req/s / echo req/s at ${top} connections`,
      value: ratio === null ? "–" : `${(ratio * 100).toFixed(1)}%`,
      target: ">= 50%",
      pass: ratio === null ? null : ratio >= 0.5,
    },
    {
      name: `holds+captures p99 at ${top} connections`,
      value: p99 === undefined || !Number.isFinite(p99) ? "–" : `${ms(p99)} ms`,
      target: "<= 25 ms",
      pass: p99 === undefined || !Number.isFinite(p99) ? null : p99 <= 25,
    },
    {
      name: "overspend after every holds+captures run",
      value: overspendFree ? "none" : "FOUND",
      target: "none",
      pass: books.length === 0 ? null : overspendFree,
    },
    {
      name: "creditpool verify on the database",
      value: verify.ok ? "clean" : "violations",
      target: "clean",
      pass: verify.ok,
    },
  ];
}

export function targetTable(targets: readonly Target[]): string {
  const lines = ["| target | value | goal | result |", "|---|--:|--:|---|"];
  for (const t of targets) {
    const verdict = t.pass === null ? "n/a" : t.pass ? "PASS" : "MISS";
    lines.push(`| ${t.name} | ${t.value} | ${t.target} | ${verdict} |`);
  }
  return lines.join("\n");
}

function count(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function fixed(value: number | null, digits: number): string {
  return value === null ? "–" : value.toFixed(digits);
}

/** The final table and the ratios against their targets, as Markdown. */
import type { DatabaseName, Measurement, SystemName } from "./measurement.ts";
import { phaseNames } from "./timed-store.ts";

export interface Ratio {
  readonly name: string;
  readonly value: number | null;
  readonly target: string;
  readonly pass: boolean | null;
}

export function resultsTable(rows: readonly Measurement[]): string {
  const lines = [
    "| DB | system | callers | pairs/s (pgbench: tps) | pair p50 ms | pair p99 ms | op p50 ms | op p99 ms | cpu cores | cmds/batch | batch ms | books |",
    "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.database} | ${row.system} | ${row.callers} | ${count(row.rate)} | ` +
        `${ms(row.pair?.p50)} | ${ms(row.pair?.p99)} | ${ms(row.op.p50)} | ${ms(row.op.p99)} | ` +
        `${row.cpuCores === null ? "–" : row.cpuCores.toFixed(2)} | ` +
        `${row.batches === null ? "–" : row.batches.commandsPerBatch.toFixed(1)} | ` +
        `${row.batches === null ? "–" : row.batches.batchMs.toFixed(2)} | ${row.check} |`,
    );
  }
  return lines.join("\n");
}

/** Where each engine batch spends its time, in milliseconds per batch. */
export function phaseTable(rows: readonly Measurement[]): string {
  const lines = [
    `| DB | callers | batches | busy | ${phaseNames.join(" | ")} |`,
    `|---|--:|--:|--:|${phaseNames.map(() => "--:").join("|")}|`,
  ];
  for (const row of rows) {
    const b = row.batches;
    if (b === null) continue;
    lines.push(
      `| ${row.database} | ${row.callers} | ${b.batches} | ${(b.busy * 100).toFixed(0)}% | ` +
        `${phaseNames.map((name) => b.phases[name].toFixed(3)).join(" | ")} |`,
    );
  }
  return lines.join("\n");
}

export function ratios(rows: readonly Measurement[]): Ratio[] {
  const find = (database: DatabaseName, system: SystemName, callers: number) =>
    rows.find((r) => r.database === database && r.system === system && r.callers === callers);
  const divide = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0
      ? null
      : a / b;
  const result: Ratio[] = [];
  const databases = [...new Set(rows.map((r) => r.database))];
  for (const db of databases) {
    const speedup = divide(find(db, "engine", 256)?.rate, find(db, "naive", 256)?.rate);
    result.push(atLeast(`${db}: engine / naive pairs/s at 256 callers`, speedup, 20));
  }
  if (databases.includes("postgres")) {
    const vsPgbench = divide(
      find("postgres", "engine", 64)?.rate,
      find("postgres", "pgbench", 64)?.rate,
    );
    result.push(atLeast("postgres: engine pairs/s / pgbench tps at 64 clients", vsPgbench, 10));
  }
  for (const db of databases) {
    const latency = divide(find(db, "engine", 1)?.pair?.p50, find(db, "naive", 1)?.pair?.p50);
    result.push({
      name: `${db}: engine / naive pair p50 at 1 caller`,
      value: latency,
      target: "<= 1.5x",
      pass: latency === null ? null : latency <= 1.5,
    });
  }
  for (const db of databases) {
    const scaling = divide(find(db, "engine", 64)?.rate, find(db, "engine", 8)?.rate);
    result.push(atLeast(`${db}: engine pairs/s at 64 / at 8 callers`, scaling, 1));
  }
  return result;
}

export function ratioTable(list: readonly Ratio[]): string {
  const lines = ["| ratio | value | target | result |", "|---|--:|--:|---|"];
  for (const r of list) {
    const verdict = r.pass === null ? "n/a" : r.pass ? "PASS" : "MISS";
    const value = r.value === null ? "–" : `${r.value.toFixed(2)}x`;
    lines.push(`| ${r.name} | ${value} | ${r.target} | ${verdict} |`);
  }
  return lines.join("\n");
}

function atLeast(name: string, value: number | null, target: number): Ratio {
  return { name, value, target: `>= ${target}x`, pass: value === null ? null : value >= target };
}

function count(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

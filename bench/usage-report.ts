/** The usage benchmark's targets and its Markdown report. */

import { phaseNames } from "./timed-store.ts";
import type { UsageRow } from "./usage-events.ts";

export interface UsageTarget {
  readonly name: string;
  readonly value: number;
  readonly target: string;
  readonly pass: boolean;
}

/** The targets: >= 100,000 events/s on SQLite, engine >= 30% of the raw insert rate. */
export function usageTargets(rows: readonly UsageRow[]): UsageTarget[] {
  const targets: UsageTarget[] = [];
  for (const engine of rows.filter((r) => r.system === "engine")) {
    const size = engine.batchSize.toLocaleString("en-US");
    if (engine.database === "sqlite") {
      targets.push({
        name: `sqlite engine events/s, batches of ${size}`,
        value: engine.eventsPerSecond,
        target: ">= 100,000",
        pass: engine.eventsPerSecond >= 100_000,
      });
    }
    const raw = rows.find(
      (r) =>
        r.system === "raw" && r.database === engine.database && r.batchSize === engine.batchSize,
    );
    if (raw === undefined || raw.eventsPerSecond === 0) continue;
    const ratio = engine.eventsPerSecond / raw.eventsPerSecond;
    targets.push({
      name: `${engine.database} engine / raw inserts, batches of ${size}`,
      value: ratio,
      target: ">= 0.30",
      pass: ratio >= 0.3,
    });
  }
  return targets;
}

export function usageReport(rows: readonly UsageRow[]): string {
  const fixed = (value: number, digits: number) =>
    Number.isFinite(value) ? value.toFixed(digits) : "n/a";
  const results = [
    "| database | system | events/batch | events/s | batch p50 ms | batch p99 ms | cpu cores | batches |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.database} | ${r.system} | ${r.batchSize} | ${Math.round(r.eventsPerSecond).toLocaleString("en-US")} | ` +
        `${fixed(r.p50, 2)} | ${fixed(r.p99, 2)} | ${fixed(r.cpuCores, 2)} | ${r.batches} |`,
    ),
  ];
  const phases = [
    `| database | events/batch | engine batches | prepare | ${phaseNames.join(" | ")} |`,
    `|---|---:|---:|---:|${phaseNames.map(() => "---:").join("|")}|`,
    ...rows.flatMap((r) =>
      r.detail === null
        ? []
        : [
            `| ${r.database} | ${r.batchSize} | ${fixed(r.detail.engineBatches, 2)} | ` +
              `${fixed(r.detail.prepareMs, 2)} | ` +
              `${phaseNames.map((name) => fixed(r.detail?.phases[name] ?? Number.NaN, 2)).join(" | ")} |`,
          ],
    ),
  ];
  const targets = [
    "| figure | value | target | verdict |",
    "|---|---:|---|---|",
    ...usageTargets(rows).map(
      (t) =>
        `| ${t.name} | ${t.value >= 100 ? Math.round(t.value).toLocaleString("en-US") : t.value.toFixed(2)} | ` +
        `${t.target} | ${t.pass ? "PASS" : "MISS"} |`,
    ),
  ];
  const checks = rows.map((r) => `- ${r.database} ${r.system} ${r.batchSize}: ${r.check}`);
  return [
    "## Results",
    "",
    ...results,
    "",
    "## Engine: ms per batch of events (prepare = pricing + fingerprints; phases as in timed-store.ts)",
    "",
    ...phases,
    "",
    "## Targets",
    "",
    ...targets,
    "",
    "## Checks",
    "",
    ...checks,
  ].join("\n");
}

/**
 * Usage reports: a year of consuming transfers for one organization (20 pools, 200 members, 10
 * models, 3 tag keys) written straight through the store in large batches, projected into usage
 * buckets by the real projector, then each report timed (p50 and p99) against a baseline in the
 * same run: the same figures by one SQL GROUP BY scan over the span's consumption.
 *
 * Each transfer carries its attribution (a pure function of its sequence) into the journal, as
 * a capture writes it. Two baselines: the journal itself (`transfers`, its attribution JSON read
 * with `json_extract`, cost bases joined from `grants`), and a flat copy of the consumption with
 * the attribution as columns, indexed by time: the cheapest shape a direct scan can have.
 *
 *   npm run bench:reports -- --transfers 1000000 --runs 50
 */
import crypto from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import type { Attribution, Transfer } from "../packages/core/src/index.ts";
import type { Principal } from "../packages/server/src/access/principal.ts";
import { Engine } from "../packages/server/src/engine/engine.ts";
import { ulidIdSource } from "../packages/server/src/ids.ts";
import { createServices } from "../packages/server/src/services/services.ts";
import { openStore } from "../packages/server/src/store/open-store.ts";
import { describeMachine } from "./machine.ts";
import { Progress } from "./progress.ts";

const dayMs = 86_400_000;
const start = Date.UTC(2026, 0, 1);
const yearEnd = Date.UTC(2027, 0, 1);
const members = 200;
const models = 10;
const writeBatch = 50_000;

/** A deterministic spread: a few members, models and features consume most. */
function pick(sequence: number, salt: number, count: number): number {
  const hash = Math.imul(sequence ^ salt, 2_654_435_761) >>> 0;
  const unit = hash / 2 ** 32;
  return Math.min(count - 1, Math.floor(unit * unit * count));
}

export function attributionOf(sequence: number): Attribution {
  const member = pick(sequence, 0x9e37, members);
  const input = BigInt(200 + (sequence % 997));
  return {
    memberId: `mem_bench${String(member).padStart(4, "0")}`,
    keyId: `key_bench${String(member).padStart(4, "0")}`,
    model: `model-${pick(sequence, 0x51ed, models)}`,
    meters: { input_tokens: input, output_tokens: input * 3n },
    tags: {
      feature: `feature-${pick(sequence, 0x2a1b, 6)}`,
      env: sequence % 10 === 0 ? "dev" : "prod",
      team: `team-${member % 3}`,
    },
  };
}

function percentiles(times: number[]): { p50: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5) ?? Number.NaN, p99: at(0.99) ?? Number.NaN };
}

async function timed(runs: number, work: () => unknown) {
  await work();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return percentiles(times);
}

export interface ReportTiming {
  readonly report: string;
  readonly buckets: { p50: number; p99: number };
  readonly scan: { p50: number; p99: number };
  readonly journal: { p50: number; p99: number };
}

export async function runReportsBench(options: {
  transfers: number;
  runs: number;
  log: (line: string) => void;
}): Promise<{ projectSeconds: number; timings: ReportTiming[] }> {
  const directory = mkdtempSync(join(tmpdir(), "creditpool-reports-"));
  try {
    const file = join(directory, "reports.db");
    const store = await openStore(file);
    let now = start;
    const clock = () => now;
    const ids = ulidIdSource(clock, (bytes) => crypto.randomFillSync(bytes));
    const engine = new Engine({ store, clock, ids });
    const services = createServices({
      engine,
      store,
      clock,
      ids,
      fillRandom: (bytes) => crypto.randomFillSync(bytes),
    });
    const { id, rootPoolId } = await engine.createOrganization("Reports");
    const pools = [rootPoolId];
    for (let index = 1; index < 20; index += 1) {
      const parent = index < 5 ? rootPoolId : (pools[1 + (index % 4)] ?? rootPoolId);
      const made = await engine.submit(id, {
        type: "create_pool",
        parentId: parent,
        name: `Pool ${index}`,
        drawsFromParent: true,
        limit: null,
        overageLimit: null,
      });
      if (made.result.kind !== "pool") throw new Error(`pool refused: ${made.code}`);
      pools.push(made.result.pool.id);
    }
    const granted = await engine.submit(id, {
      type: "create_grant",
      poolId: rootPoolId,
      amount: 10n ** 15n,
      source: "purchase",
      priority: 100,
      effectiveAt: null,
      expiresAt: null,
      costBasis: 8_000n,
    });
    if (granted.result.kind !== "grant") throw new Error(`grant refused: ${granted.code}`);
    const grantId = granted.result.grant.id;

    const flat = new Database(file);
    flat.exec(`CREATE TABLE bench_consumption (at INTEGER, pool_id TEXT, member_id TEXT,
      key_id TEXT, model TEXT, feature TEXT, credits INTEGER, cost_basis INTEGER);
      CREATE INDEX bench_consumption_at ON bench_consumption (at);`);
    const insertFlat = flat.prepare(
      "INSERT INTO bench_consumption VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    options.log(`writing ${options.transfers.toLocaleString("en-US")} consuming transfers`);
    const span = yearEnd - start;
    for (let written = 0; written < options.transfers; written += writeBatch) {
      const batch = await store.transaction(async (tx): Promise<Transfer[]> => {
        const row = (await tx.lockOrganizations([id])).get(id);
        if (row === undefined) throw new Error("organization gone");
        const transfers: Transfer[] = [];
        const count = Math.min(writeBatch, options.transfers - written);
        for (let index = 0; index < count; index += 1) {
          const sequence = row.nextSequence + index;
          const attribution = attributionOf(sequence);
          const member = Number(attribution.memberId?.slice(-4));
          const poolId = pools[1 + (member % 19)] ?? rootPoolId;
          const covered = sequence % 33 !== 0;
          const amount = BigInt(100_000 + ((sequence * 7919) % 4_900_000));
          transfers.push({
            id: `tr_bench${sequence}`,
            sequence,
            kind: "usage",
            debitAccount: covered ? `grant:${grantId}` : "overage",
            creditAccount: `consumed:${poolId}`,
            amount,
            poolId,
            grantId: covered ? grantId : null,
            holdId: null,
            rateCardVersion: null,
            at: start + Math.floor(((written + index) / options.transfers) * span),
            attribution,
          });
        }
        const last = transfers.at(-1);
        await tx.write({
          organization: {
            ...row,
            version: row.version + 1,
            nextSequence: row.nextSequence + count,
            lastNow: last?.at ?? row.lastNow,
          },
          pools: [],
          grants: [],
          holds: [],
          transfers,
          answers: [],
          tallies: [],
          decisions: [],
        });
        return transfers;
      });
      const transfers = batch;
      flat.transaction(() => {
        for (const t of transfers) {
          const a = t.attribution ?? attributionOf(t.sequence);
          insertFlat.run(
            t.at,
            t.poolId,
            a.memberId,
            a.keyId,
            a.model,
            a.tags.feature,
            t.amount,
            t.grantId === null ? -1 : 8_000,
          );
        }
      })();
      options.log(`${(written + writeBatch).toLocaleString("en-US")} written`);
    }
    now = yearEnd - dayMs / 2;

    // CPU time beside the wall clock: on a shared machine it moves less from run to run.
    const cpuBefore = process.cpuUsage();
    const projecting = performance.now();
    const reached = await services.usageBuckets.catchUp(id, Number.POSITIVE_INFINITY);
    const projectSeconds = (performance.now() - projecting) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    await services.totals.catchUp(id, Number.POSITIVE_INFINITY);
    const rows = flat.prepare("SELECT COUNT(*) AS n FROM usage_buckets").get() as { n: number };
    options.log(
      `projected ${reached.summedTo.toLocaleString("en-US")} transfers in ${projectSeconds.toFixed(1)} s ` +
        `(${Math.round(reached.summedTo / projectSeconds).toLocaleString("en-US")} a second; ` +
        `${cpuSeconds.toFixed(1)} s of CPU), ${rows.n.toLocaleString("en-US")} buckets`,
    );

    const owner: Principal = {
      keyId: "key_bench",
      organizationId: id,
      role: "owner",
      poolId: null,
      memberId: null,
    };
    const quarter = { from: Date.UTC(2026, 9, 1), to: yearEnd };
    const month = { from: Date.UTC(2026, 11, 1), to: yearEnd };
    const year = { from: start, to: yearEnd };
    // The journal's consumption with the same columns as the flat copy, for the second baseline.
    const journalRows = `(SELECT t.at AS at, t.pool_id AS pool_id, t.amount AS credits,
        json_extract(t.attribution, '$.member') AS member_id,
        json_extract(t.attribution, '$.key') AS key_id,
        json_extract(t.attribution, '$.model') AS model,
        json_extract(t.attribution, '$.tags.feature') AS feature,
        COALESCE(g.cost_basis, -1) AS cost_basis
      FROM transfers t LEFT JOIN grants g ON g.organization_id = t.organization_id AND g.id = t.grant_id
      WHERE t.organization_id = '${id}' AND t.kind = 'usage')`;
    const scan = (sql: string, span: { from: number; to: number }) => {
      const statement = flat.prepare(sql);
      const journal = flat.prepare(sql.replace("FROM bench_consumption", `FROM ${journalRows}`));
      return [() => statement.all(span.from, span.to), () => journal.all(span.from, span.to)];
    };
    const { reports, reportModels, forecasts } = services;
    const cases: [string, () => unknown, (() => unknown)[]][] = [
      [
        "usage by member by month, a year",
        () =>
          reports.usage(owner, {
            ...year,
            interval: "month",
            groupBy: "member",
            tag: null,
            pool: null,
            limit: 10,
          }),
        scan(
          `SELECT strftime('%Y-%m', at / 1000, 'unixepoch') AS m, member_id, SUM(credits)
            FROM bench_consumption WHERE at >= ? AND at < ? GROUP BY m, member_id`,
          year,
        ),
      ],
      [
        "usage by pool by day, a quarter",
        () =>
          reports.usage(owner, {
            ...quarter,
            interval: "day",
            groupBy: "pool",
            tag: null,
            pool: null,
            limit: 10,
          }),
        scan(
          `SELECT at / 86400000 AS d, pool_id, SUM(credits) FROM bench_consumption
            WHERE at >= ? AND at < ? GROUP BY d, pool_id`,
          quarter,
        ),
      ],
      [
        "usage by tag feature by week, a quarter",
        () =>
          reports.usage(owner, {
            ...quarter,
            interval: "week",
            groupBy: "tag",
            tag: "feature",
            pool: null,
            limit: 10,
          }),
        scan(
          `SELECT (at / 86400000 + 3) / 7 AS w, feature, SUM(credits) FROM bench_consumption
            WHERE at >= ? AND at < ? GROUP BY w, feature`,
          quarter,
        ),
      ],
      [
        "top consumers by key, a year",
        () => reports.topConsumers(owner, { ...year, by: "key", pool: null, limit: 10 }),
        scan(
          `SELECT key_id, SUM(credits) AS c FROM bench_consumption WHERE at >= ? AND at < ?
            GROUP BY key_id ORDER BY c DESC LIMIT 10`,
          year,
        ),
      ],
      [
        "chargeback, a year",
        () => reports.chargeback(owner, { ...year, pool: null }),
        scan(
          `SELECT pool_id, cost_basis, SUM(credits) FROM bench_consumption
            WHERE at >= ? AND at < ? GROUP BY pool_id, cost_basis`,
          year,
        ),
      ],
      [
        "forecast, 30-day window",
        () => forecasts.forecast(owner, { pool: null, windowDays: 30 }),
        scan(
          `SELECT at / 86400000 AS d, pool_id, SUM(credits) FROM bench_consumption
            WHERE at >= ? AND at < ? GROUP BY d, pool_id`,
          { from: yearEnd - 30 * dayMs, to: yearEnd },
        ),
      ],
      [
        "buyer's math, a year",
        () => reportModels.buyersMath(owner, { ...year, pool: null }),
        scan(
          `SELECT member_id, cost_basis, SUM(credits) FROM bench_consumption
            WHERE at >= ? AND at < ? GROUP BY member_id, cost_basis`,
          year,
        ),
      ],
      [
        "pooling replay, a month",
        () => reportModels.pooling(owner, { ...month, pool: null }),
        scan(
          `SELECT at / 3600000 AS h, member_id, SUM(credits) FROM bench_consumption
            WHERE at >= ? AND at < ? GROUP BY h, member_id`,
          month,
        ),
      ],
    ];
    const timings: ReportTiming[] = [];
    const scanRuns = Math.max(1, Math.floor(options.runs / 5));
    for (const [report, fromBuckets, [fromFlat, fromJournal]] of cases) {
      if (fromFlat === undefined || fromJournal === undefined) throw new Error("two baselines");
      const buckets = await timed(options.runs, fromBuckets);
      const direct = await timed(scanRuns, fromFlat);
      const journal = await timed(scanRuns, fromJournal);
      timings.push({ report, buckets, scan: direct, journal });
      options.log(
        `${report}: ${buckets.p50.toFixed(1)} ms (flat scan ${direct.p50.toFixed(1)} ms, ` +
          `journal scan ${journal.p50.toFixed(1)} ms)`,
      );
    }
    flat.close();
    await engine.close();
    await store.close();
    return { projectSeconds, timings };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      transfers: { type: "string", default: "1000000" },
      runs: { type: "string", default: "50" },
    },
  });
  const progress = new Progress();
  console.log(describeMachine());
  const { timings } = await runReportsBench({
    transfers: Number(values.transfers),
    runs: Number(values.runs),
    log: progress.log,
  });
  console.log(
    "| report | buckets p50 ms | buckets p99 ms | flat scan p50 ms | journal scan p50 ms | journal scan p99 ms | journal ÷ buckets |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const { report, buckets, scan, journal } of timings)
    console.log(
      `| ${report} | ${buckets.p50.toFixed(1)} | ${buckets.p99.toFixed(1)} | ${scan.p50.toFixed(1)} | ${journal.p50.toFixed(1)} | ${journal.p99.toFixed(1)} | ${(journal.p50 / buckets.p50).toFixed(1)}× |`,
    );
  console.log(progress.total());
}

/**
 * A throwaway database per run on the local PostgreSQL server: created fresh, checked to commit
 * durably (`synchronous_commit = on`), dropped at the end.
 */
import pg from "pg";

export interface BenchDatabase {
  readonly url: string;
  readonly name: string;
  readonly serverVersion: string;
  readonly synchronousCommit: string;
  readonly maxConnections: number;
  drop(): Promise<void>;
}

export const defaultServerUrl = "postgres://postgres@127.0.0.1:5432/postgres";

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot reach PostgreSQL at ${redact(serverUrl)} (${reason}); start it with ` +
        "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, " +
        "or run with --only sqlite",
    );
  }
  const name = `creditpool_bench_${process.pid}`;
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const url = target.toString();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const setting = async (sql: string) => {
      const { rows } = await client.query<Record<string, string>>(sql);
      return Object.values(rows[0] ?? {})[0] ?? "";
    };
    return {
      url,
      name,
      serverVersion: await setting("SHOW server_version"),
      synchronousCommit: await setting("SHOW synchronous_commit"),
      maxConnections: Number(await setting("SHOW max_connections")),
      drop: async () => {
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      },
    };
  } finally {
    await client.end();
  }
}

/**
 * Fresh planner statistics, as autovacuum keeps them in a long-lived database. A database made
 * for the run has none until autovacuum's next round (up to a minute later); meanwhile the
 * planner takes the organization for a small one and answers the engine's many-key idempotency
 * lookup by reading every row of it, a cost that grows as the run goes on. Without this the
 * figures would depend on when autovacuum happened to run.
 */
export async function analyzeDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

/** A URL as it may be printed: without its password. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

/**
 * A scratch database on a PostgreSQL server, for the tests, the simulator and the benchmarks: made
 * empty through the server's administrative database, dropped (with its connections) when done.
 */
import pg from "pg";

export interface ScratchDatabase {
  /** The new database's URL: the administrative URL with its database name replaced. */
  readonly url: string;
  drop(): Promise<void>;
}

/** Makes `name` empty on the server `adminUrl` names (dropping one left over from a crash). */
export async function scratchDatabase(adminUrl: string, name: string): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new RangeError(`not a plain database name: ${name}`);
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => dropWhenIdle(adminUrl, name),
  };
}

/** How long a drop waits for the database's sessions to end on their own. */
const sessionsEndWaitMs = 2_000;

/**
 * Drops the database once its sessions have ended, or forces it after `sessionsEndWaitMs`. A
 * pool's `end()` answers before its connections have closed on the server; dropping with them
 * still there terminates them, and a client not yet told its pool ended hears that as an error.
 */
async function dropWhenIdle(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const sessions = "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1";
    for (const deadline = Date.now() + sessionsEndWaitMs; Date.now() < deadline; ) {
      const { rows } = await client.query<{ n: number }>(sessions, [name]);
      if (rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

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
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
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

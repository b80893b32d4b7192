/**
 * Connections for the PostgreSQL store: a `pg` pool for a real server, or one PGlite instance
 * (PostgreSQL compiled to WebAssembly, a single session) for fast tests without a server.
 */
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { Mutex } from "../mutex.ts";
import type { Row } from "../rows.ts";
import type { PgConnector, PgSession } from "./postgres-store.ts";

const int8Oid = 20;

export function pgPoolConnector(connectionString: string, size = 8): PgConnector {
  const pool = new pg.Pool({
    connectionString,
    max: size,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === int8Oid
          ? (value: string) => BigInt(value)
          : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
    },
  });
  return {
    async connect(): Promise<PgSession> {
      const client = await pool.connect();
      return {
        query: async (sql, values) => {
          const result =
            typeof sql === "string" ? await client.query(sql, values) : await client.query(sql);
          return { rows: result.rows as Row[] };
        },
        release: (destroy) => client.release(destroy === true),
      };
    },
    end: () => pool.end(),
  };
}

/** PGlite runs one session: callers take turns, a transaction at a time. */
export function pgliteConnector(db: PGlite): PgConnector {
  const turn = new Mutex();
  return {
    async connect(): Promise<PgSession> {
      let release = () => {};
      const acquired = new Promise<void>((resolve) => {
        void turn.run(
          () =>
            new Promise<void>((done) => {
              release = done;
              resolve();
            }),
        );
      });
      await acquired;
      return {
        query: async (sql, values) => {
          if (typeof sql === "string" && (values === undefined || values.length === 0)) {
            const results = await db.exec(sql);
            return { rows: (results[results.length - 1]?.rows ?? []) as Row[] };
          }
          const text = typeof sql === "string" ? sql : sql.text;
          const params = typeof sql === "string" ? values : sql.values;
          const result = await db.query(text, params);
          return { rows: result.rows as Row[] };
        },
        release: () => release(),
      };
    },
    end: () => db.close(),
  };
}

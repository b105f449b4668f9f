// Database handles: the drizzle type every repo uses, and the libSQL client for Node and libSQL-over-HTTP.
import { createClient } from "@libsql/client";
import type { BatchItem } from "drizzle-orm/batch";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema";

// D1 and libSQL share drizzle's async SQLite query builder and batch(); repos are written against that
// common surface (no interactive transactions), so one type names both.
export type Db = LibSQLDatabase<typeof schema>;
export { schema };

export async function openLibsql(url: string, authToken?: string): Promise<Db> {
  const local = url.startsWith("file:") || url === ":memory:";
  // A local connection runs each statement synchronously, so a pool adds no parallelism; one connection
  // also keeps the per-connection PRAGMAs below in force for every query.
  const client = createClient({ url, authToken, ...(local && { concurrency: 1 }) });
  if (local) {
    await client.execute("PRAGMA foreign_keys = ON");
    if (url.startsWith("file:")) {
      await client.execute("PRAGMA journal_mode = WAL");
      // With WAL, NORMAL stays crash-safe and skips an fsync on every commit.
      await client.execute("PRAGMA synchronous = NORMAL");
      await client.execute("PRAGMA busy_timeout = 5000");
    }
  }
  return drizzle(client, { schema });
}

/**
 * A statement written as SQL text with its arguments, for the hottest writes: drizzle's builder costs about a
 * microsecond a bound value, which a response's rollup upserts (hundreds of values) cannot afford.
 */
export type RawStatement = { sql: string; args: (string | number | null)[] };
export type Statement = BatchItem<"sqlite"> | RawStatement;

const isRaw = (s: Statement): s is RawStatement => typeof (s as RawStatement).sql === "string" && Array.isArray((s as RawStatement).args);

type D1Like = { prepare(sql: string): { bind(...args: unknown[]): unknown }; batch(statements: unknown[]): Promise<unknown> };
type LibsqlLike = { batch(statements: { sql: string; args: unknown[] }[], mode: "write"): Promise<unknown> };
type Compilable = { toSQL?(): { sql: string; params: unknown[] }; getQuery?(): { sql: string; params: unknown[] } };

/** Runs statements atomically (libSQL and D1 both make a batch one transaction); nothing to run is fine. */
export async function runBatch(db: Db, statements: Statement[]): Promise<void> {
  if (!statements.some(isRaw)) {
    const [first, ...rest] = statements as BatchItem<"sqlite">[];
    if (first) await db.batch([first, ...rest]);
    return;
  }
  // With raw statements in the batch, every statement goes to the driver as SQL text and arguments.
  const plain = statements.map((s) => {
    if (isRaw(s)) return s;
    const c = s as unknown as Compilable;
    const q = c.toSQL ? c.toSQL() : c.getQuery!();
    return { sql: q.sql, args: q.params as RawStatement["args"] };
  });
  const client = (db as unknown as { $client: D1Like | LibsqlLike }).$client;
  if ("prepare" in client) await client.batch(plain.map((s) => client.prepare(s.sql).bind(...s.args)));
  else await client.batch(plain, "write");
}

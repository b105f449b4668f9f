// The database handle every repo uses (libSQL from Node, see libsql.ts; D1 or libSQL over HTTP on Workers), and atomic batches.
import type { BatchItem } from "drizzle-orm/batch";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema";

// D1 and libSQL share drizzle's async SQLite query builder and batch(); repos are written against that
// common surface (no interactive transactions), so one type names both.
export type Db = LibSQLDatabase<typeof schema>;
export { schema };

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

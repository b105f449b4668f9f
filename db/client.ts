// The database handle every repo uses (libSQL from Node, see libsql.ts; D1 or libSQL over HTTP on Workers), and atomic batches.
import { getTableColumns, is, SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from "drizzle-orm/sqlite-core";
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

type Arg = RawStatement["args"][number];
const insertTexts = new WeakMap<SQLiteTable, Map<number, string>>();

/**
 * Inserts rows as SQL text with arguments, each value encoded by its column as drizzle's builder would (JSON,
 * times, booleans) and missing values taken from the column's default: the hottest inserts skip the builder's
 * cost per bound value. Chunked within the driver's bound-parameter limit.
 */
export function insertStatements<T extends SQLiteTable>(table: T, rows: T["$inferInsert"][], maxSqlParams = Number.POSITIVE_INFINITY): RawStatement[] {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const encode = (row: Record<string, unknown>) =>
    columns.map(([key, column]): Arg => {
      let value = row[key];
      if (value === undefined) value = column.defaultFn ? column.defaultFn() : column.default;
      if (is(value, SQL)) throw new TypeError(`insertStatements cannot write the SQL default of ${column.name}`);
      return value === undefined || value === null ? null : (column.mapToDriverValue(value) as Arg);
    });
  let texts = insertTexts.get(table);
  if (!texts) {
    texts = new Map();
    insertTexts.set(table, texts);
  }
  const perStatement = Math.max(1, Math.floor(maxSqlParams / columns.length));
  const out: RawStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    let sql = texts.get(part.length);
    if (!sql) {
      const tuple = `(${columns.map(() => "?").join(", ")})`;
      sql = `insert into "${getTableConfig(table).name}" (${columns.map(([, c]) => `"${c.name}"`).join(", ")}) values ${new Array(part.length).fill(tuple).join(", ")}`;
      texts.set(part.length, sql);
    }
    out.push({ sql, args: part.flatMap((row) => encode(row as Record<string, unknown>)) });
  }
  return out;
}

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

// Opening a libSQL database from Node: a local file (or memory) or libSQL over HTTP. Node only: the Worker
// reaches its database through D1 or @libsql/client/web and never loads this module.
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import Database from "libsql";
import { schema, type Db } from "./client";

const STATEMENTS_KEPT = 256;
const statements = Symbol("rapport.preparedStatements");
type Prepare = (this: Database.Database, sql: string) => Database.Statement;

/**
 * Keeps prepared statements per connection, keyed by their SQL text. @libsql/client prepares every statement it
 * runs afresh, and on this machine that was a third of a submission's database time (a 40-row rollup upsert
 * took longer to prepare than to run). Safe because the client runs each statement to completion
 * synchronously (`all()` or `run()`) before it runs another, and rebinds its arguments each time; SQLite
 * prepares a kept statement again by itself when the schema changes. The least recently used beyond 256 go.
 */
function keepPreparedStatements() {
  const proto = Database.prototype as unknown as { prepare: Prepare & { [statements]?: true } };
  if (proto.prepare[statements]) return;
  const prepare = proto.prepare;
  const kept: Prepare & { [statements]?: true } = function (sql) {
    const self = this as unknown as { [statements]?: Map<string, Database.Statement> };
    self[statements] ??= new Map();
    const cache = self[statements];
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql);
    } else {
      statement = prepare.call(this, sql);
      if (cache.size >= STATEMENTS_KEPT) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement;
  };
  kept[statements] = true;
  proto.prepare = kept;
}

export async function openLibsql(url: string, authToken?: string): Promise<Db> {
  const local = url.startsWith("file:") || url === ":memory:";
  if (local) keepPreparedStatements();
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

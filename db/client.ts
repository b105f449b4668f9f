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

/** Runs statements atomically (libSQL and D1 both make a batch one transaction); nothing to run is fine. */
export async function runBatch(db: Db, statements: BatchItem<"sqlite">[]): Promise<void> {
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

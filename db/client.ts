// Database handles: the drizzle type every repo uses, and the libSQL client for Node and libSQL-over-HTTP.
import { createClient } from "@libsql/client";
import type { BatchItem } from "drizzle-orm/batch";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import * as schema from "./schema";

// D1 and libSQL share drizzle's async SQLite query builder and batch(); repos are written against that
// common surface (no interactive transactions), so one type names both.
export type Db = LibSQLDatabase<typeof schema>;
export { schema };

export async function openLibsql(url: string, authToken?: string): Promise<Db> {
  const client = createClient({ url, authToken });
  if (url.startsWith("file:") || url === ":memory:") {
    await client.execute("PRAGMA foreign_keys = ON");
    if (url.startsWith("file:")) {
      await client.execute("PRAGMA journal_mode = WAL");
      await client.execute("PRAGMA busy_timeout = 5000");
    }
  }
  return drizzle(client, { schema });
}

export async function migrateLibsql(db: Db, migrationsFolder: string): Promise<void> {
  await migrate(db, { migrationsFolder });
}

/** Runs statements atomically (libSQL and D1 both make a batch one transaction); nothing to run is fine. */
export async function runBatch(db: Db, statements: BatchItem<"sqlite">[]): Promise<void> {
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

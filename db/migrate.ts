// Applies drizzle-kit migrations to a libSQL database (Node only; Workers use `wrangler d1 migrations apply`).
import { migrate } from "drizzle-orm/libsql/migrator";
import type { Db } from "./client";

export async function migrateLibsql(db: Db, migrationsFolder: string): Promise<void> {
  await migrate(db, { migrationsFolder });
}

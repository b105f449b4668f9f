// Column helpers shared by every aggregate: random ids and UTC millisecond times.
import { integer, text } from "drizzle-orm/sqlite-core";

export const id = () => text("id").primaryKey().$defaultFn(() => crypto.randomUUID());
export const utc = (name: string) => integer(name, { mode: "timestamp_ms" });
export const createdAt = () => utc("created_at").notNull().$defaultFn(() => new Date());

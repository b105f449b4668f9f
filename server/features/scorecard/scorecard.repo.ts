// Queries for scorecards: the staff record a scorecard is about.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agents } from "../../../db/schema";

export const findAgent = (db: Db, orgId: string, id: string) =>
  db.select({ id: agents.id, name: agents.name }).from(agents).where(and(eq(agents.id, id), eq(agents.orgId, orgId))).get();

// Queries for first-run setup: is there any organisation, and the statements that create the first one with its admin.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { organisations, users } from "../../../db/schema";

export const anyOrganisation = (db: Db) => db.select({ id: organisations.id }).from(organisations).limit(1).get();

export const findOrganisation = (db: Db, id: string) => db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id)).get();

type Org = { id: string; name: string; timeZone: string; createdAt: Date };
type Admin = { id: string; email: string; name: string; passwordHash: string; createdAt: Date };

/**
 * For one atomic batch: the organisation is inserted only while no organisation exists, and the admin only if
 * that very organisation was. A setup that lost a race therefore writes nothing (the caller checks).
 */
export const insertFirstOrganisationStatements = (db: Db, org: Org, admin: Admin) =>
  [
    // Column order of the table: id, name, time_zone, contact_gap_days, quiet_start_minute, quiet_end_minute,
    // interaction_import_mapping, created_at (the defaults of migration 0008), case_rules, case_sla, review_period (0013).
    db
      .insert(organisations)
      .select(sql`select ${org.id}, ${org.name}, ${org.timeZone}, 30, 1260, 480, null, ${org.createdAt.getTime()}, null, null, 'quarter' where not exists (select 1 from ${organisations})`),
    // Column order: id, org_id, email, name, role, password_hash, invited_by, deactivated_at, created_at, agent_id.
    db
      .insert(users)
      .select(
        sql`select ${admin.id}, ${org.id}, ${admin.email}, ${admin.name}, 'admin', ${admin.passwordHash}, null, null, ${admin.createdAt.getTime()}, null where exists (select 1 from ${organisations} where ${organisations.id} = ${org.id})`,
      ),
  ] as const;

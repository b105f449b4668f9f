// Units (branches, teams, regions) and staff (agents): records of their own, named once per organisation.
import { sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";
import { organisations } from "./organisations";

export const units = sqliteTable(
  "units",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    name: text("name").notNull(),
    // Quiet hours fall back to the unit's zone when a customer's is unknown.
    timeZone: text("time_zone"),
    // The counter kiosk: /k/<kioskSlug> shows kioskSurveyId to walk-in customers, anonymously. The slug is
    // random and global (the link names no organisation); null until an admin opens a kiosk for the unit.
    kioskSlug: text("kiosk_slug"),
    kioskSurveyId: text("kiosk_survey_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("units_org_name_unique").on(t.orgId, t.name), uniqueIndex("units_kiosk_slug_unique").on(t.kioskSlug)],
);

export const agents = sqliteTable(
  "agents",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("agents_org_name_unique").on(t.orgId, t.name)],
);

// Customers: one record per organisation and normalised address, which contact rules and suppression read.
import { sql } from "drizzle-orm";
import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, utc } from "./columns";
import { organisations, users } from "./organisations";

import type { Attributes } from "../../server/domain/distribution";

export type { Attributes };

export const customers = sqliteTable(
  "customers",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    // Trimmed and lower-cased: the key two spellings of one address share.
    email: text("email").notNull(),
    name: text("name"),
    // BCP 47 tag and IANA zone as the latest interaction gave them.
    locale: text("locale"),
    timeZone: text("time_zone"),
    attributes: text("attributes", { mode: "json" }).$type<Attributes>(),
    createdAt: createdAt(),
    updatedAt: utc("updated_at").notNull().$defaultFn(() => new Date()),
  },
  (t) => [uniqueIndex("customers_org_email_unique").on(t.orgId, t.email)],
);

export const suppressionReasons = ["unsubscribed", "bounced", "complained", "manual"] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

// An address the organisation must not email. Lifting keeps the row, with who lifted it and why.
export const suppressions = sqliteTable(
  "suppressions",
  {
    id: id(),
    orgId: text("org_id").notNull().references(() => organisations.id),
    customerId: text("customer_id").notNull().references(() => customers.id),
    reason: text("reason", { enum: suppressionReasons }).notNull(),
    // The provider's words for a bounce or complaint, or the admin's note.
    detail: text("detail"),
    // The invitation whose email led to it (an unsubscribe link, a bounce), for the funnel.
    invitationId: text("invitation_id"),
    createdAt: createdAt(),
    liftedAt: utc("lifted_at"),
    liftedBy: text("lifted_by").references(() => users.id),
    liftReason: text("lift_reason"),
  },
  (t) => [
    uniqueIndex("suppressions_active_unique").on(t.customerId).where(sql`lifted_at is null`),
    index("suppressions_org_created_idx").on(t.orgId, t.createdAt),
  ],
);

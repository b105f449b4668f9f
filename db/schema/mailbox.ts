// The development mailbox: where email goes when no Resend key is configured.
import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";

export const devMessages = sqliteTable(
  "dev_messages",
  {
    id: id(),
    // From the email's `org` tag: each organisation's admins see only their own organisation's mail.
    orgId: text("org_id"),
    to: text("to").notNull(),
    from: text("from").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [index("dev_messages_org_idx").on(t.orgId), index("dev_messages_to_idx").on(t.to), index("dev_messages_key_idx").on(t.idempotencyKey)],
);

// Shapes of the development mailbox endpoint.
import { z } from "../../lib/openapi";
import { pageOf, pageQueryFields } from "../../lib/pagination";

export const mailboxQuery = z.object({
  to: z.string().optional().openapi({ description: "Only messages to this address (any case).", example: "customer@example.org" }),
  ...pageQueryFields,
});

export const mailMessage = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    html: z.string(),
    text: z.string(),
    createdAt: z.iso.datetime(),
  })
  .openapi("MailMessage");
export type MailMessage = z.infer<typeof mailMessage>;

export const mailboxPage = pageOf(mailMessage, "MailboxPage");

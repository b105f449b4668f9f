// Data factories: a publishable survey, a published survey with a rule, interactions to ingest.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { devMessages } from "../../db/schema";
import type { Caller, TestContext } from "./app";

export const surveyDefinition = () => ({
  pages: [
    {
      name: "p1",
      elements: [
        { type: "rating", name: "nps", title: "Recommend us?", rateMin: 0, rateMax: 10, metric: "nps", isRequired: true },
        { type: "rating", name: "csat", title: "Satisfied?", rateMin: 1, rateMax: 5, metric: "csat" },
        { type: "rating", name: "ces", title: "Easy?", rateMin: 1, rateMax: 7, metric: "ces" },
        { type: "comment", name: "comment", title: "Anything else?", metric: "comment" },
      ],
    },
  ],
});

let counter = 0;
export const interaction = (over: Record<string, unknown> = {}) => ({
  externalId: `ext-${++counter}-${Math.random().toString(36).slice(2, 8)}`,
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  type: "enquiry",
  channel: "email",
  customer: { email: `customer${counter}@example.org`, name: "Pat" },
  ...over,
});

/** A published survey with one distribution rule, made by `by` (the test organisation's manager unless told). */
export async function publishedSurvey(
  ctx: TestContext,
  rule: Record<string, unknown> = { match: {}, delayMinutes: 0, expiresAfterDays: 7 },
  by: Caller = { as: "manager" },
) {
  const created = await ctx.request("/api/surveys", { ...by, body: { title: "After-service", definition: surveyDefinition() } });
  if (created.status !== 201) throw new Error(`create survey: ${created.text}`);
  const id: string = created.json.id;
  const published = await ctx.request(`/api/surveys/${id}/publish`, { ...by, body: {} });
  if (published.status !== 201) throw new Error(`publish: ${published.text}`);
  const ruled = await ctx.request(`/api/surveys/${id}/rules`, { ...by, body: rule });
  if (ruled.status !== 201) throw new Error(`rule: ${ruled.text}`);
  return id;
}

/** The token in the newest dev-mailbox message to `email`, as an admin of the organisation that sent it sees it. */
export async function tokenFromMailbox(ctx: TestContext, email: string, by: Caller = { as: "admin" }): Promise<string> {
  const res = await ctx.request(`/api/dev/mailbox?to=${encodeURIComponent(email)}`, { ...by });
  const message = res.json?.items?.[0];
  if (!message) throw new Error(`no mail to ${email}`);
  const match = /\/s\/([A-Za-z0-9_-]+)/.exec(message.text);
  if (!match) throw new Error("no survey link in the message");
  return match[1]!;
}

/** Every dev-mailbox message to `email`, newest first, whatever the organisation (tests read the table itself). */
export const mailTo = (db: Db, email: string) =>
  db.select().from(devMessages).where(eq(devMessages.to, email.toLowerCase())).orderBy(desc(devMessages.createdAt)).all();

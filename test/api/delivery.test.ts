// The delivery page's API: a survey's invitations by state, their counts, reminders, visits, and retrying failed sends.
import type { Client, InStatement } from "@libsql/client";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, mailTo, publishedSurvey, tokenFromMailbox } from "../support/factories";

const DAY = 86_400_000;
const withReminder = { match: {}, delayMinutes: 0, expiresAfterDays: 7, reminderDays: [3] };

async function ingest(ctx: TestContext, items: ReturnType<typeof interaction>[]) {
  const res = await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: items } });
  expect(res.status, res.text).toBe(202);
}

const dispatch = (ctx: TestContext) => runDispatchTick({ ...ctx.deps, now: () => new Date() });

/** The invitation (not a reminder) to one address, as stored. */
async function invitationTo(ctx: TestContext, email: string) {
  return (await ctx.db.select().from(invitations).where(and(eq(invitations.email, email), eq(invitations.sequence, 0))).get())!;
}

const remindersOf = (ctx: TestContext, id: string) => ctx.db.select().from(invitations).where(eq(invitations.parentId, id)).all();

const setRow = (ctx: TestContext, id: string, patch: Partial<typeof invitations.$inferInsert>) => ctx.db.update(invitations).set(patch).where(eq(invitations.id, id)).run();

/** A failed send as the dispatcher leaves it: still in its batch, handed over, tried, refused. */
const failed = (over: Partial<typeof invitations.$inferInsert> = {}) => ({
  status: "failed" as const,
  sentAt: null,
  attempts: 8,
  batchId: crypto.randomUUID(),
  handedAt: new Date(),
  retryAt: new Date(Date.now() + 60_000),
  lastError: "The 'to' field must be a valid email address.",
  ...over,
});

/** A survey with one invitation in every state the delivery page shows. */
async function everyState() {
  const ctx = await createTestContext();
  const surveyId = await publishedSurvey(ctx, withReminder);
  const names = ["sent", "delivered", "bounced", "failed", "expired", "answered"] as const;
  const items = Object.fromEntries(names.map((n) => [n, interaction({ customer: { email: `${n}@example.org`, name: n } })]));
  await ingest(ctx, Object.values(items));
  await dispatch(ctx);
  const later = { scheduled: interaction({ customer: { email: "scheduled@example.org" } }), cancelled: interaction({ customer: { email: "cancelled@example.org" } }) };
  await ingest(ctx, Object.values(later));

  const row = async (n: string) => invitationTo(ctx, `${n}@example.org`);
  await setRow(ctx, (await row("delivered")).id, { delivery: "delivered", deliveredAt: new Date() });
  await setRow(ctx, (await row("bounced")).id, { delivery: "bounced", deliveryDetail: "550 5.1.1 The email account that you tried to reach does not exist." });
  await setRow(ctx, (await row("failed")).id, failed());
  await setRow(ctx, (await row("expired")).id, { expiresAt: new Date(Date.now() - DAY) });
  await setRow(ctx, (await row("cancelled")).id, { status: "cancelled", cancelReason: "interaction" });
  const token = await tokenFromMailbox(ctx, "answered@example.org");
  expect((await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 9 } } })).status).toBe(201);
  return { ctx, surveyId, row };
}

describe("the delivery list", () => {
  it("counts a survey's invitations in every state, reminders left out", async () => {
    const { ctx, surveyId } = await everyState();
    const res = await ctx.request(`/api/invitations/counts?surveyId=${surveyId}`, { as: "reviewer" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      surveyId,
      counts: { scheduled: 1, sent: 1, delivered: 1, bounced: 1, failed: 1, expired: 1, answered: 1, cancelled: 1 },
      total: 8,
      retryable: 1,
    });
  });

  it("keeps one state when asked, with the provider's reason for a failure or a bounce and the cancel reason in words", async () => {
    const { ctx, surveyId } = await everyState();
    const only = async (state: string) => (await ctx.request(`/api/invitations?surveyId=${surveyId}&state=${state}`, { as: "reviewer" })).json.items;
    const [bounced] = await only("bounced");
    expect(bounced).toMatchObject({ email: "bounced@example.org", state: "bounced", reason: "550 5.1.1 The email account that you tried to reach does not exist." });
    const [fail] = await only("failed");
    expect(fail).toMatchObject({ email: "failed@example.org", state: "failed", reason: "The 'to' field must be a valid email address." });
    const [cancelled] = await only("cancelled");
    expect(cancelled).toMatchObject({ email: "cancelled@example.org", cancelReason: "interaction", reason: "The interaction was reopened or cancelled." });
    expect((await only("answered")).map((i: { email: string }) => i.email)).toEqual(["answered@example.org"]);
    expect((await only("scheduled")).map((i: { email: string }) => i.email)).toEqual(["scheduled@example.org"]);
    expect((await only("expired")).map((i: { email: string }) => i.email)).toEqual(["expired@example.org"]);
    const all = (await ctx.request(`/api/invitations?surveyId=${surveyId}&limit=200`, { as: "reviewer" })).json.items;
    expect(all).toHaveLength(8);
    expect(all.every((i: { interaction: { externalId: string; occurredAt: string } }) => i.interaction.externalId && i.interaction.occurredAt)).toBe(true);
  });

  it("shows each invitation's reminders with their own states: stopped by the answer, waiting for the others", async () => {
    const { ctx, surveyId } = await everyState();
    const items = (await ctx.request(`/api/invitations?surveyId=${surveyId}&limit=200`, { as: "reviewer" })).json.items as { email: string; reminders: { sequence: number; state: string; reason: string | null }[] }[];
    const of = (email: string) => items.find((i) => i.email === email)!.reminders;
    expect(of("answered@example.org")).toEqual([expect.objectContaining({ sequence: 1, state: "cancelled", reason: "Not needed: the customer had already answered." })]);
    expect(of("delivered@example.org")).toEqual([expect.objectContaining({ sequence: 1, state: "scheduled" })]);
  });

  it("refuses a state it does not know, naming the ones it does", async () => {
    const ctx = await createTestContext();
    const surveyId = await publishedSurvey(ctx);
    const res = await ctx.request(`/api/invitations?surveyId=${surveyId}&state=lost`, { as: "reviewer" });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([{ path: "/state", message: "Choose a state: scheduled, sent, delivered, bounced, failed, expired, answered, cancelled." }]);
  });
});

describe("the delivery list and D1's bound-value limit", () => {
  it("binds at most 100 values a statement for a page of 200 invitations and their reminders", async () => {
    const ctx = await createTestContext();
    const surveyId = await publishedSurvey(ctx, withReminder);
    await ingest(ctx, Array.from({ length: 150 }, () => interaction()));
    const client = (ctx.db as unknown as { $client: Client }).$client;
    const execute = client.execute.bind(client);
    let most = 0;
    client.execute = ((stmt: InStatement, args?: unknown) => {
      if (typeof stmt === "object" && Array.isArray(stmt.args)) most = Math.max(most, stmt.args.length);
      return execute(stmt as never, args as never);
    }) as typeof client.execute;
    const res = await ctx.request(`/api/invitations?surveyId=${surveyId}&limit=200`, { as: "reviewer" });
    expect(res.json.items).toHaveLength(150);
    expect(res.json.items.every((i: { reminders: unknown[] }) => i.reminders.length === 1)).toBe(true);
    expect((await ctx.request(`/api/invitations/counts?surveyId=${surveyId}`, { as: "reviewer" })).json.counts.scheduled).toBe(150);
    expect(most).toBeGreaterThan(90);
    expect(most).toBeLessThanOrEqual(100);
  });
});

describe("retrying failed invitations", () => {
  it("puts a failed invitation back in the outbox due now, as if never tried, and the dispatcher sends it", async () => {
    const { ctx, row } = await everyState();
    const before = await row("failed");
    const res = await ctx.request(`/api/invitations/${before.id}/retry`, { as: "manager", body: {} });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ id: before.id, state: "scheduled", attempts: 0, lastError: null, reason: null });
    const after = await row("failed");
    expect(after).toMatchObject({ status: "pending", attempts: 0, retryAt: null, batchId: null, leaseUntil: null, handedAt: null });
    expect(Math.abs(after.sendAt.getTime() - Date.now())).toBeLessThan(60_000);
    const mails = (await mailTo(ctx.db, "failed@example.org")).length;
    await dispatch(ctx);
    expect(await mailTo(ctx.db, "failed@example.org")).toHaveLength(mails + 1);
    expect((await row("failed")).status).toBe("sent");
  });

  it("brings back the reminders given up on because the invitation failed, as far after the new send as they were planned", async () => {
    const { ctx, row } = await everyState();
    const id = (await row("failed")).id;
    const planned = (await remindersOf(ctx, id))[0]!.sendAt.getTime() - (await row("failed")).sendAt.getTime();
    // The next pass gives the reminder up: its invitation was never sent.
    await dispatch(ctx);
    expect((await remindersOf(ctx, id))[0]).toMatchObject({ status: "cancelled", cancelReason: "parent-unsent" });
    await ctx.request(`/api/invitations/${id}/retry`, { as: "admin", body: {} });
    const [reminder] = await remindersOf(ctx, id);
    expect(reminder).toMatchObject({ status: "pending", cancelReason: null });
    expect(reminder!.sendAt.getTime() - (await row("failed")).sendAt.getTime()).toBe(planned);
  });

  it("refuses to send again an invitation whose link has closed, and says so", async () => {
    const { ctx, row } = await everyState();
    const id = (await row("failed")).id;
    await setRow(ctx, id, { expiresAt: new Date("2026-01-10T12:00:00Z") });
    const res = await ctx.request(`/api/invitations/${id}/retry`, { as: "manager", body: {} });
    expect(res.status).toBe(410);
    expect(res.json.detail).toBe("This invitation's link closed on 2026-01-10, so it can no longer be sent: the customer could not answer it.");
    expect((await row("failed")).status).toBe("failed");
  });

  it("refuses to send again one that did not fail", async () => {
    const { ctx, row } = await everyState();
    const res = await ctx.request(`/api/invitations/${(await row("delivered")).id}/retry`, { as: "manager", body: {} });
    expect(res.status).toBe(409);
    expect(res.json.detail).toBe("Only a failed invitation can be sent again; this one is delivered.");
  });

  it("sends again every failed invitation of the survey whose link is open, and counts the ones left because theirs closed", async () => {
    const { ctx, surveyId, row } = await everyState();
    // A second failure, whose link has closed.
    await setRow(ctx, (await row("bounced")).id, failed({ expiresAt: new Date(Date.now() - DAY) }));
    const res = await ctx.request("/api/invitations/retry", { as: "manager", body: { surveyId } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ retried: 1, closed: 1 });
    expect((await row("failed")).status).toBe("pending");
    expect((await row("bounced")).status).toBe("failed");
    const counts = (await ctx.request(`/api/invitations/counts?surveyId=${surveyId}`, { as: "manager" })).json;
    expect(counts).toMatchObject({ counts: { scheduled: 2, failed: 1 }, retryable: 0 });
  });

  it("lets a reviewer read the list but not retry", async () => {
    const { ctx, surveyId, row } = await everyState();
    expect((await ctx.request(`/api/invitations/${(await row("failed")).id}/retry`, { as: "reviewer", body: {} })).status).toBe(403);
    expect((await ctx.request("/api/invitations/retry", { as: "reviewer", body: { surveyId } })).status).toBe(403);
    expect((await row("failed")).status).toBe("failed");
  });
});

describe("opening the survey", () => {
  it("is recorded when a person first touches the page, not when it or the survey merely loads, nor on the answer", async () => {
    const ctx = await createTestContext();
    await publishedSurvey(ctx);
    const item = interaction();
    await ingest(ctx, [item]);
    await dispatch(ctx);
    const token = await tokenFromMailbox(ctx, item.customer.email);
    const url = `/api/public/invitations/${token}`;
    const visited = async () => (await invitationTo(ctx, item.customer.email)).visitedAt;

    expect((await ctx.request(url, { method: "HEAD" })).status).toBe(200);
    expect((await ctx.request(url, { headers: { "sec-purpose": "prefetch;prerender" } })).status).toBe(200);
    // A scanner loads the survey, scripts and all: still nobody has opened it.
    expect((await ctx.request(url)).status).toBe(200);
    expect(await visited()).toBeNull();

    expect((await ctx.request(`${url}/visit`, { method: "POST" })).status).toBe(204);
    const first = await visited();
    expect(first).toBeInstanceOf(Date);
    await new Promise((r) => setTimeout(r, 5));
    expect((await ctx.request(`${url}/visit`, { method: "POST" })).status).toBe(204);
    expect((await ctx.request("/api/public/invitations/not-a-token-at-all-0000000000000/visit", { method: "POST" })).status).toBe(404);
    expect(await ctx.request(`${url}/response`, { body: { data: { nps: 8 } } })).toMatchObject({ status: 201 });
    expect(await visited()).toEqual(first);
  });
});

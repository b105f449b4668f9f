// A system of record reopens, cancels or closes an interaction: its unsent invitations and reminders stop, sent ones stay.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { distributionRules, interactions, invitations } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, mailTo, publishedSurvey } from "../support/factories";

/** A live rule that emails at once and reminds three days later. */
async function surveyWithReminder(ctx: TestContext) {
  const surveyId = await publishedSurvey(ctx);
  await ctx.db.update(distributionRules).set({ reminderDays: [3] }).where(eq(distributionRules.surveyId, surveyId)).run();
  return surveyId;
}

async function ingest(ctx: TestContext, item: ReturnType<typeof interaction>) {
  const res = await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [item] } });
  expect(res.json.invitations).toBe(1);
}

const outboxOf = async (ctx: TestContext, externalId: string) => {
  const found = await ctx.db.select({ id: interactions.id, status: interactions.status }).from(interactions).where(eq(interactions.externalId, externalId)).get();
  const rows = await ctx.db
    .select({ sequence: invitations.sequence, status: invitations.status, cancelReason: invitations.cancelReason })
    .from(invitations)
    .where(eq(invitations.interactionId, found!.id))
    .orderBy(invitations.sequence)
    .all();
  return { status: found!.status, rows };
};

const patch = (ctx: TestContext, externalId: string, body: unknown, signed: { apiKey?: string; as?: "manager" | "reviewer" } = { apiKey: ctx.apiKey }) =>
  ctx.request(`/api/interactions/${encodeURIComponent(externalId)}`, { ...signed, method: "PATCH", body });

describe("changing an interaction's status", () => {
  it("cancelling it stops its pending invitation and reminder, and the dispatcher sends neither", async () => {
    const ctx = await createTestContext();
    await surveyWithReminder(ctx);
    const item = interaction();
    await ingest(ctx, item);
    const res = await patch(ctx, item.externalId, { status: "cancelled" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ externalId: item.externalId, status: "cancelled", cancelled: 2 });
    expect(await outboxOf(ctx, item.externalId)).toEqual({
      status: "cancelled",
      rows: [
        { sequence: 0, status: "cancelled", cancelReason: "interaction" },
        { sequence: 1, status: "cancelled", cancelReason: "interaction" },
      ],
    });
    await runDispatchTick({ ...ctx.deps, now: () => new Date() });
    expect(await mailTo(ctx.db, item.customer.email)).toEqual([]);
  });

  it("reopening it after the invitation went out cancels the reminder but leaves the sent invitation as it was", async () => {
    const ctx = await createTestContext();
    await surveyWithReminder(ctx);
    const item = interaction();
    await ingest(ctx, item);
    await runDispatchTick({ ...ctx.deps, now: () => new Date() });
    const res = await patch(ctx, item.externalId, { status: "reopened" }, { as: "manager" });
    expect(res.json).toEqual({ externalId: item.externalId, status: "reopened", cancelled: 1 });
    expect((await outboxOf(ctx, item.externalId)).rows).toEqual([
      { sequence: 0, status: "sent", cancelReason: null },
      { sequence: 1, status: "cancelled", cancelReason: "interaction" },
    ]);
  });

  it("closing it again brings no cancelled invitation back", async () => {
    const ctx = await createTestContext();
    await surveyWithReminder(ctx);
    const item = interaction();
    await ingest(ctx, item);
    await patch(ctx, item.externalId, { status: "reopened" });
    const res = await patch(ctx, item.externalId, { status: "closed" });
    expect(res.json).toEqual({ externalId: item.externalId, status: "closed", cancelled: 0 });
    const after = await outboxOf(ctx, item.externalId);
    expect(after.status).toBe("closed");
    expect(after.rows.map((r) => r.status)).toEqual(["cancelled", "cancelled"]);
    await runDispatchTick({ ...ctx.deps, now: () => new Date() });
    expect(await mailTo(ctx.db, item.customer.email)).toEqual([]);
  });

  it("touches only the named interaction's outbox", async () => {
    const ctx = await createTestContext();
    await surveyWithReminder(ctx);
    const [mine, theirs] = [interaction(), interaction()];
    await ingest(ctx, mine);
    await ingest(ctx, theirs);
    await patch(ctx, mine.externalId, { status: "cancelled" });
    const untouched = await ctx.db.select().from(invitations).where(and(eq(invitations.email, theirs.customer.email), eq(invitations.status, "pending"))).all();
    expect(untouched).toHaveLength(2);
  });

  it("finds an externalId with a slash in it, sent URL-encoded", async () => {
    const ctx = await createTestContext();
    const item = interaction({ externalId: `case/2026/${crypto.randomUUID().slice(0, 6)}?x` });
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [item] } });
    const res = await patch(ctx, item.externalId, { status: "reopened" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ externalId: item.externalId, status: "reopened", cancelled: 0 });
  });

  it("answers 404 for an externalId the organisation never posted", async () => {
    const ctx = await createTestContext();
    const res = await patch(ctx, "never-posted", { status: "cancelled" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(res.json.detail).toBe("No interaction with that externalId in your organisation.");
  });

  it("refuses a status it does not know, saying which it takes", async () => {
    const ctx = await createTestContext();
    const item = interaction();
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [item] } });
    const res = await patch(ctx, item.externalId, { status: "deleted" });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([{ path: "/status", message: "Set status to reopened, cancelled or closed." }]);
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { interactions, invitations } from "../../db/schema";
import { createTestContext } from "../support/app";
import { interaction, publishedSurvey } from "../support/factories";

describe("interaction ingestion", () => {
  it("needs a valid API key and ignores session cookies", async () => {
    const ctx = await createTestContext();
    const body = { interactions: [interaction()] };
    expect((await ctx.request("/api/interactions", { body })).status).toBe(401);
    expect((await ctx.request("/api/interactions", { body, apiKey: "rpk_wrong" })).status).toBe(401);
    expect((await ctx.request("/api/interactions", { body, as: "admin" })).status).toBe(401);
  });

  it("accepts a batch once and counts a replay as duplicates", async () => {
    const ctx = await createTestContext();
    const batch = [interaction(), interaction(), interaction()];
    const first = await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: batch } });
    expect(first.status).toBe(202);
    expect(first.json).toEqual({ accepted: 3, duplicates: 0, invitations: 0 });
    const replay = await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [...batch, interaction()] } });
    expect(replay.json).toEqual({ accepted: 1, duplicates: 3, invitations: 0 });
    expect(await ctx.db.select().from(interactions).all()).toHaveLength(4);
  });

  it("stores each interaction once when two requests carry it at the same moment", async () => {
    const ctx = await createTestContext();
    await publishedSurvey(ctx);
    const batch = Array.from({ length: 50 }, () => interaction());
    const results = await Promise.all([1, 2, 3].map(() => ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: batch } })));
    expect(results.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(results.reduce((sum, r) => sum + r.json.accepted, 0)).toBe(50);
    expect(await ctx.db.select().from(interactions).all()).toHaveLength(50);
    expect(await ctx.db.select().from(invitations).all()).toHaveLength(50);
  });

  it("reports invalid items by index and writes nothing from that request", async () => {
    const ctx = await createTestContext();
    const res = await ctx.request("/api/interactions", {
      apiKey: ctx.apiKey,
      body: { interactions: [interaction(), interaction({ occurredAt: "yesterday" }), interaction({ customer: { email: "not-an-email" } })] },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(["/interactions/1/occurredAt", "/interactions/2/customer/email"]);
    expect(await ctx.db.select().from(interactions).all()).toHaveLength(0);
  });

  it("takes 1000 interactions in one request and refuses 1001", async () => {
    const ctx = await createTestContext();
    await publishedSurvey(ctx);
    const many = Array.from({ length: 1000 }, () => interaction());
    const ok = await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: many } });
    expect(ok.json).toEqual({ accepted: 1000, duplicates: 0, invitations: 1000 });
    expect(await ctx.db.select({ id: invitations.id }).from(invitations).all()).toHaveLength(1000);
    const tooMany = await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [...many, interaction()] } });
    expect(tooMany.status).toBe(422);
  });

  it("invites only for interactions that a published survey's rule selects, at the rule's delay", async () => {
    const ctx = await createTestContext();
    const surveyId = await publishedSurvey(ctx, { match: { types: ["complaint"], channels: ["phone"] }, delayMinutes: 90, expiresAfterDays: 3 });
    const occurredAt = new Date(Date.now() - 30 * 60_000);
    const chosen = interaction({ type: "Complaint", channel: "phone", occurredAt: occurredAt.toISOString() });
    await ctx.request("/api/interactions", {
      apiKey: ctx.apiKey,
      body: { interactions: [chosen, interaction({ type: "complaint", channel: "email" }), interaction({ type: "enquiry", channel: "phone" })] },
    });
    const rows = await ctx.db.select().from(invitations).where(eq(invitations.surveyId, surveyId)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sendAt.getTime()).toBe(occurredAt.getTime() + 90 * 60_000);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.sendAt.getTime()).toBe(3 * 86_400_000);
    expect(rows[0]!.tokenHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("does not invite for an interaction so old its survey would already have closed", async () => {
    const ctx = await createTestContext();
    await publishedSurvey(ctx, { match: {}, delayMinutes: 0, expiresAfterDays: 7 });
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ occurredAt: "2025-01-01T00:00:00Z" })] } });
    expect(await ctx.db.select().from(invitations).all()).toHaveLength(0);
  });
});

// Resend delivery webhooks: verified over the raw body (Standard Webhooks, ±5 minutes), applied once per event id,
// updating the email's delivery; hard bounces, complaints and provider suppressions stop all email to the address.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliveryEvents, invitations, organisations, suppressions } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, ORIGIN } from "../support/app";
import { interaction, publishedSurvey } from "../support/factories";
import { WEBHOOK_SECRET, emailEvent, signedDelivery, type SignOptions } from "../support/resend-webhooks";

/** One email sent (its provider id known) and, for the same customer, another survey's invitation still pending. */
async function sentEmail(settings: { resendWebhookSecret?: string } = { resendWebhookSecret: WEBHOOK_SECRET }) {
  const ctx = await createTestContext({ settings });
  await ctx.db.update(organisations).set({ contactGapDays: 0 }).where(eq(organisations.id, ctx.orgId)).run();
  const sentSurvey = await publishedSurvey(ctx);
  await publishedSurvey(ctx, { match: {}, delayMinutes: 24 * 60, expiresAfterDays: 7 });
  const item = interaction();
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [item] } });
  expect(await runDispatchTick({ ...ctx.deps, now: () => new Date() })).toMatchObject({ sent: 1 });
  const email = await ctx.db.select().from(invitations).where(and(eq(invitations.surveyId, sentSurvey), eq(invitations.status, "sent"))).get();
  const row = async () => (await ctx.db.select().from(invitations).where(eq(invitations.id, email!.id)).get())!;
  const others = () => ctx.db.select().from(invitations).where(and(eq(invitations.orgId, ctx.orgId), eq(invitations.sequence, 0))).all();
  const suppressed = () => ctx.db.select().from(suppressions).where(eq(suppressions.orgId, ctx.orgId)).all();
  const post = async (event: unknown, sign: SignOptions = {}, tamper?: (body: string) => string) => {
    const delivery = signedDelivery(event, sign);
    const res = await ctx.app.request(`${ORIGIN}/api/webhooks/resend`, { method: "POST", headers: delivery.headers, body: tamper ? tamper(delivery.body) : delivery.body });
    return { status: res.status, json: await res.json(), id: delivery.id };
  };
  return { ctx, email: email!, providerId: email!.providerId!, row, others, suppressed, post };
}

describe("the Resend webhook", () => {
  it("records a delivery signed with the configured secret", async () => {
    const w = await sentEmail();
    const at = new Date(Date.now() - 30_000);
    const res = await w.post(emailEvent("email.delivered", w.providerId, {}, at));
    expect(res).toMatchObject({ status: 200, json: { outcome: "applied" } });
    expect(await w.row()).toMatchObject({ delivery: "delivered", deliveredAt: at, status: "sent" });
    const stored = await w.ctx.db.select().from(deliveryEvents).where(eq(deliveryEvents.id, res.id)).get();
    expect(stored).toMatchObject({ type: "email.delivered", invitationId: w.email.id, orgId: w.ctx.orgId, occurredAt: at });
  });

  it("finds the email by its invitation tag when the event overtakes the record of sending", async () => {
    const w = await sentEmail();
    // As after a crash between the provider's answer and the write that records its id.
    await w.ctx.db.update(invitations).set({ providerId: null }).where(eq(invitations.id, w.email.id)).run();
    const res = await w.post(emailEvent("email.bounced", w.providerId, { tags: { org: w.ctx.orgId, invitation: w.email.id }, bounce: { type: "Permanent", subType: "General", message: "No such user" } }));
    expect(res.json).toEqual({ outcome: "applied" });
    expect(await w.row()).toMatchObject({ delivery: "bounced" });
    expect(await w.suppressed()).toHaveLength(1);
  });

  it("refuses a signature made with another secret, or over another body, with 401 and changes nothing", async () => {
    const w = await sentEmail();
    const other = `whsec_${Buffer.from("someone else's signing key, not ours").toString("base64")}`;
    const forged = await w.post(emailEvent("email.complained", w.providerId), { secret: other });
    expect(forged.status).toBe(401);
    expect(forged.json.detail).toMatch(/does not match/);
    const altered = await w.post(emailEvent("email.delivered", w.providerId), {}, (body) => body.replace("email.delivered", "email.complained"));
    expect(altered.status).toBe(401);
    const unsigned = await w.ctx.app.request(`${ORIGIN}/api/webhooks/resend`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(emailEvent("email.complained", w.providerId)),
    });
    expect(unsigned.status).toBe(401);
    expect((await unsigned.json()).type).toBe("/api/problems/unauthorized");
    expect(await w.row()).toMatchObject({ delivery: null });
    expect(await w.suppressed()).toEqual([]);
    expect(await w.ctx.db.select().from(deliveryEvents).all()).toEqual([]);
  });

  it("refuses a delivery signed more than 5 minutes before or after now", async () => {
    const w = await sentEmail();
    for (const offset of [-6 * 60_000, 6 * 60_000]) {
      const res = await w.post(emailEvent("email.delivered", w.providerId), { at: new Date(Date.now() + offset) });
      expect(res.status, `${offset}`).toBe(401);
      expect(res.json.detail).toMatch(/5 minutes/);
    }
    expect((await w.post(emailEvent("email.delivered", w.providerId), { at: new Date(Date.now() - 4 * 60_000) })).status).toBe(200);
  });

  it("answers a replayed event id with 200 and changes nothing", async () => {
    const w = await sentEmail();
    const first = await w.post(emailEvent("email.delivery_delayed", w.providerId));
    expect(first.json).toEqual({ outcome: "applied" });
    await w.ctx.db.update(invitations).set({ delivery: null }).where(eq(invitations.id, w.email.id)).run();
    const replay = await w.post(emailEvent("email.delivery_delayed", w.providerId), { id: first.id });
    expect(replay).toMatchObject({ status: 200, json: { outcome: "duplicate" } });
    expect(await w.row()).toMatchObject({ delivery: null });
    expect(await w.ctx.db.select().from(deliveryEvents).all()).toHaveLength(1);
  });

  it("applies an event delivered twice at the same moment only once", async () => {
    const w = await sentEmail();
    const delivery = signedDelivery(emailEvent("email.complained", w.providerId));
    const send = async () => (await w.ctx.app.request(`${ORIGIN}/api/webhooks/resend`, { method: "POST", headers: delivery.headers, body: delivery.body })).json();
    const outcomes = (await Promise.all([send(), send()])).map((r: { outcome: string }) => r.outcome).sort();
    expect(outcomes).toEqual(["applied", "duplicate"]);
    expect(await w.suppressed()).toHaveLength(1);
    expect(await w.ctx.db.select().from(deliveryEvents).all()).toHaveLength(1);
  });

  it("answers 503 saying what to set when no signing secret is configured", async () => {
    const w = await sentEmail({});
    const res = await w.post(emailEvent("email.delivered", w.providerId));
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({ type: "/api/problems/not-configured", detail: expect.stringContaining("RESEND_WEBHOOK_SECRET") });
    expect(await w.row()).toMatchObject({ delivery: null });
  });

  it("suppresses the address after a permanent bounce and cancels its unsent email", async () => {
    const w = await sentEmail();
    const bounce = { type: "Permanent", subType: "General", message: "The recipient's mailbox does not exist." };
    expect((await w.post(emailEvent("email.bounced", w.providerId, { bounce }))).json).toEqual({ outcome: "applied" });
    expect(await w.row()).toMatchObject({ delivery: "bounced", deliveryDetail: "Permanent (General): The recipient's mailbox does not exist." });
    expect(await w.suppressed()).toEqual([expect.objectContaining({ reason: "bounced", invitationId: w.email.id, detail: expect.stringContaining("does not exist") })]);
    expect((await w.others()).find((r) => r.id !== w.email.id)).toMatchObject({ status: "cancelled", cancelReason: "suppressed" });
  });

  it("records a transient bounce without suppressing the address", async () => {
    const w = await sentEmail();
    const bounce = { type: "Transient", subType: "MailboxFull", message: "The mailbox is full." };
    await w.post(emailEvent("email.bounced", w.providerId, { bounce }));
    expect(await w.row()).toMatchObject({ delivery: "bounced", deliveryDetail: "Transient (MailboxFull): The mailbox is full." });
    expect(await w.suppressed()).toEqual([]);
    expect((await w.others()).find((r) => r.id !== w.email.id)).toMatchObject({ status: "pending" });
  });

  it("suppresses the address after a complaint, even once the email was delivered", async () => {
    const w = await sentEmail();
    await w.post(emailEvent("email.delivered", w.providerId));
    await w.post(emailEvent("email.complained", w.providerId));
    expect(await w.row()).toMatchObject({ delivery: "complained" });
    expect(await w.suppressed()).toEqual([expect.objectContaining({ reason: "complained", liftedAt: null })]);
    expect((await w.others()).find((r) => r.id !== w.email.id)).toMatchObject({ status: "cancelled", cancelReason: "suppressed" });
    // A late retry of an earlier event does not undo the verdict.
    await w.post(emailEvent("email.delivered", w.providerId));
    expect(await w.row()).toMatchObject({ delivery: "complained" });
  });

  it("suppresses the address the provider itself would not send to, and records a failure with its reason", async () => {
    const w = await sentEmail();
    await w.post(emailEvent("email.suppressed", w.providerId, { suppressed: { type: "OnAccountSuppressionList", message: "It bounced before." } }));
    expect(await w.row()).toMatchObject({ delivery: "suppressed" });
    expect(await w.suppressed()).toEqual([expect.objectContaining({ reason: "bounced" })]);

    const v = await sentEmail();
    await v.post(emailEvent("email.failed", v.providerId, { failed: { reason: "reached_daily_quota" } }));
    expect(await v.row()).toMatchObject({ delivery: "failed", deliveryDetail: "reached_daily_quota", status: "sent" });
    expect(await v.suppressed()).toEqual([]);
  });

  it("notes the first open and click only, and counts neither as anything else", async () => {
    const w = await sentEmail();
    const before = await w.row();
    const first = new Date(Date.now() - 60_000);
    await w.post(emailEvent("email.opened", w.providerId, {}, first));
    await w.post(emailEvent("email.opened", w.providerId, {}, new Date()));
    await w.post(emailEvent("email.clicked", w.providerId, { click: { link: "http://rapport.test/s/x", ipAddress: "40.107.1.1", userAgent: "Scanner" } }, first));
    const after = await w.row();
    expect(after).toEqual({ ...before, emailOpenedAt: first, emailClickedAt: first });
    expect(await w.suppressed()).toEqual([]);
    const click = await w.ctx.db.select().from(deliveryEvents).where(eq(deliveryEvents.type, "email.clicked")).get();
    // The link only: the scanner's or person's address and browser are not kept.
    expect(JSON.parse(click!.detail!)).toEqual({ link: "http://rapport.test/s/x" });
  });

  it("acknowledges event types and emails it does not track, and changes nothing", async () => {
    const w = await sentEmail();
    const before = await w.row();
    expect((await w.post({ type: "contact.created", created_at: new Date().toISOString(), data: { id: "c1" } })).json).toEqual({ outcome: "ignored" });
    expect((await w.post(emailEvent("email.sent", w.providerId))).json).toEqual({ outcome: "ignored" });
    expect((await w.post(emailEvent("email.delivered", "not-one-of-ours"))).json).toEqual({ outcome: "ignored" });
    expect(await w.row()).toEqual(before);
  });
});

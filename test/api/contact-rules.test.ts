// The organisation's contact rules and unit time zones through the API, and what the distribution pass makes of them.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations, organisations } from "../../db/schema";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, publishedSurvey } from "../support/factories";

const clock = (minute: number) => {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};
const minuteIn = (zone: string, at = new Date()) => {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  return Number(parts.find((p) => p.type === "hour")!.value) * 60 + Number(parts.find((p) => p.type === "minute")!.value);
};

async function sendAtOf(ctx: TestContext, item: ReturnType<typeof interaction>) {
  expect((await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [item] } })).status).toBe(202);
  const rows = await ctx.db.select({ sendAt: invitations.sendAt, sequence: invitations.sequence }).from(invitations).where(eq(invitations.email, item.customer.email)).all();
  return rows.filter((r) => r.sequence === 0).map((r) => r.sendAt);
}

describe("contact rules", () => {
  it("are read by managers as clock times, and not by reviewers", async () => {
    const ctx = await createTestContext();
    await ctx.db.update(organisations).set({ contactGapDays: 30, quietStartMinute: 21 * 60, quietEndMinute: 8 * 60 }).where(eq(organisations.id, ctx.orgId)).run();
    const res = await ctx.request("/api/contact-rules", { as: "manager" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ contactGapDays: 30, quietHours: { start: "21:00", end: "08:00" }, timeZone: "UTC" });
    expect((await ctx.request("/api/contact-rules", { as: "reviewer" })).status).toBe(403);
  });

  it("are changed by admins only, and stored as minutes after midnight", async () => {
    const ctx = await createTestContext();
    const body = { contactGapDays: 14, quietHours: { start: "22:30", end: "7:00" } };
    expect((await ctx.request("/api/contact-rules", { as: "manager", method: "PUT", body })).status).toBe(403);
    const res = await ctx.request("/api/contact-rules", { as: "admin", method: "PUT", body });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ contactGapDays: 14, quietHours: { start: "22:30", end: "07:00" }, timeZone: "UTC" });
    const row = await ctx.db.select().from(organisations).where(eq(organisations.id, ctx.orgId)).get();
    expect([row?.contactGapDays, row?.quietStartMinute, row?.quietEndMinute]).toEqual([14, 22 * 60 + 30, 7 * 60]);
    const off = await ctx.request("/api/contact-rules", { as: "admin", method: "PUT", body: { contactGapDays: 0, quietHours: null } });
    expect(off.json).toEqual({ contactGapDays: 0, quietHours: null, timeZone: "UTC" });
  });

  it("say what to enter for a gap out of range, a time that is not one, and quiet hours that start when they end", async () => {
    const ctx = await createTestContext();
    const res = await ctx.request("/api/contact-rules", { as: "admin", method: "PUT", body: { contactGapDays: 400, quietHours: { start: "25:00", end: "08:00" } } });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([
      { path: "/contactGapDays", message: "Enter at most 365 days between surveys." },
      { path: "/quietHours/start", message: "Enter when quiet hours start as a 24-hour time from 00:00 to 23:59, such as 21:00." },
    ]);
    const same = await ctx.request("/api/contact-rules", { as: "admin", method: "PUT", body: { contactGapDays: 30, quietHours: { start: "08:00", end: "8:00" } } });
    expect(same.json.errors).toEqual([{ path: "/quietHours/end", message: "Quiet hours need an end other than their start; to send at any hour, turn them off." }]);
  });

  it("hold a second survey to one customer within the gap, until the gap is set to no limit", async () => {
    const ctx = await createTestContext();
    await ctx.request("/api/contact-rules", { as: "admin", method: "PUT", body: { contactGapDays: 30, quietHours: null } });
    await publishedSurvey(ctx);
    const customer = { email: "once@x.example" };
    expect(await sendAtOf(ctx, interaction({ customer }))).toHaveLength(1);
    expect(await sendAtOf(ctx, interaction({ customer }))).toHaveLength(1);
    await ctx.request("/api/contact-rules", { as: "admin", method: "PUT", body: { contactGapDays: 0, quietHours: null } });
    expect(await sendAtOf(ctx, interaction({ customer }))).toHaveLength(2);
  });

  it("move an invitation due in quiet hours to their end, and send at once when they are off", async () => {
    const ctx = await createTestContext();
    await publishedSurvey(ctx);
    const now = minuteIn("UTC");
    await ctx.request("/api/contact-rules", { as: "admin", method: "PUT", body: { contactGapDays: 0, quietHours: { start: clock(now - 60), end: clock(now + 60) } } });
    const occurredAt = new Date(Date.now() - 60_000);
    const [quiet] = await sendAtOf(ctx, interaction({ occurredAt: occurredAt.toISOString() }));
    expect(quiet!.getTime()).toBeGreaterThan(occurredAt.getTime() + 50 * 60_000);
    expect(minuteIn("UTC", quiet!)).toBe((now + 60) % 1440);
    await ctx.request("/api/contact-rules", { as: "admin", method: "PUT", body: { contactGapDays: 0, quietHours: null } });
    const asked = Date.now();
    const [loud] = await sendAtOf(ctx, interaction({ occurredAt: occurredAt.toISOString() }));
    // Due already, so sent as soon as it is stored.
    expect(loud!.getTime()).toBeGreaterThanOrEqual(asked);
    expect(loud!.getTime()).toBeLessThanOrEqual(Date.now());
  });
});

describe("unit time zones", () => {
  it("lists the organisation's units A to Z, a page at a time, and no one else's", async () => {
    const ctx = await createTestContext();
    const other = await ctx.addOrganisation("Other org");
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: ["South", "North", "East"].map((unit) => interaction({ unit })) } });
    await ctx.request("/api/interactions", { apiKey: other.apiKey, body: { interactions: [interaction({ unit: "Theirs" })] } });
    const first = await ctx.request("/api/units?limit=2", { as: "manager" });
    expect(first.json.items.map((u: { name: string; timeZone: null }) => [u.name, u.timeZone])).toEqual([
      ["East", null],
      ["North", null],
    ]);
    const rest = await ctx.request(`/api/units?limit=2&cursor=${first.json.nextCursor}`, { as: "manager" });
    expect(rest.json).toMatchObject({ items: [{ name: "South" }], nextCursor: null });
    expect((await ctx.request("/api/units", { as: "reviewer" })).status).toBe(403);
  });

  it("takes an IANA zone in its own spelling, refuses one that is not, and can be cleared", async () => {
    const ctx = await createTestContext();
    const other = await ctx.addOrganisation("Other org");
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ unit: "North" })] } });
    await ctx.request("/api/interactions", { apiKey: other.apiKey, body: { interactions: [interaction({ unit: "Theirs" })] } });
    const unit = (await ctx.request("/api/units", { as: "admin" })).json.items[0];
    const theirs = (await ctx.request("/api/units", { ...other.admin })).json.items[0];
    const url = `/api/units/${unit.id}/time-zone`;
    expect((await ctx.request(url, { as: "admin", method: "PUT", body: { timeZone: "europe/paris" } })).json).toEqual({ id: unit.id, name: "North", timeZone: "Europe/Paris" });
    const wrong = await ctx.request(url, { as: "admin", method: "PUT", body: { timeZone: "Mars/Olympus_Mons" } });
    expect(wrong.status).toBe(422);
    expect(wrong.json.detail).toBe("Enter a time zone by its name, such as Europe/Paris or America/New_York; that one is not a zone we know.");
    expect((await ctx.request(url, { as: "manager", method: "PUT", body: { timeZone: "UTC" } })).status).toBe(403);
    expect((await ctx.request(`/api/units/${theirs.id}/time-zone`, { as: "admin", method: "PUT", body: { timeZone: "UTC" } })).status).toBe(404);
    expect((await ctx.request("/api/units", { ...other.admin })).json.items[0]).toEqual(theirs);
    expect((await ctx.request(url, { as: "admin", method: "PUT", body: { timeZone: null } })).json.timeZone).toBeNull();
  });

  it("keep quiet hours in the unit's zone for a customer whose own zone is unknown", async () => {
    const ctx = await createTestContext();
    await publishedSurvey(ctx, { match: {}, delayMinutes: 60, expiresAfterDays: 7 });
    const zone = "Pacific/Kiritimati"; // UTC+14: its night is nowhere near the organisation's (UTC)
    const local = minuteIn(zone, new Date(Date.now() + 59 * 60_000));
    await ctx.request("/api/contact-rules", { as: "admin", method: "PUT", body: { contactGapDays: 0, quietHours: { start: clock(local - 30), end: clock(local + 30) } } });
    // Due in an hour, when the organisation's zone (UTC) is not in quiet hours but the unit's is.
    const occurredAt = new Date(Date.now() - 60_000).toISOString();
    const due = new Date(new Date(occurredAt).getTime() + 60 * 60_000);
    expect(await sendAtOf(ctx, interaction({ unit: "Line Islands", occurredAt }))).toEqual([due]);
    const unit = (await ctx.request("/api/units", { as: "admin" })).json.items[0];
    await ctx.request(`/api/units/${unit.id}/time-zone`, { as: "admin", method: "PUT", body: { timeZone: zone } });
    const [held] = await sendAtOf(ctx, interaction({ unit: "Line Islands", occurredAt }));
    expect(minuteIn(zone, held!)).toBe((local + 30) % 1440);
    // The customer's own zone comes first.
    const [own] = await sendAtOf(ctx, interaction({ unit: "Line Islands", occurredAt, customer: { email: "own@x.example", timezone: "UTC" } }));
    expect(own).toEqual(due);
  });
});

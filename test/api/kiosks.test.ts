// Counter kiosks: admins open and close a unit's link; walk-in customers answer it anonymously, within limits.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { responses } from "../../db/schema";
import { LIMITS } from "../../server/features/throttle/throttle.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, publishedSurvey } from "../support/factories";

const HOUR = 3_600_000;

async function setup(opts: Parameters<typeof createTestContext>[0] = {}) {
  const ctx = await createTestContext(opts);
  const survey = await publishedSurvey(ctx);
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ unit: "North counter" })] } });
  const units: { id: string; name: string }[] = (await ctx.request("/api/units", { as: "admin" })).json.items;
  return { ctx, survey, unit: units.find((u) => u.name === "North counter")!.id };
}

async function openKiosk(ctx: TestContext, unit: string, survey: string) {
  const res = await ctx.request(`/api/units/${unit}/kiosk`, { as: "admin", method: "PUT", body: { surveyId: survey } });
  expect(res.status, res.text).toBe(200);
  return res.json.slug as string;
}

const deviceCookie = (res: { headers: Headers }) => res.headers.get("set-cookie")?.split(";")[0];

describe("kiosks", () => {
  it("opens a unit's kiosk with a random slug, keeps it when the survey changes, and closes it", async () => {
    const { ctx, survey, unit } = await setup();
    const before = (await ctx.request("/api/kiosks", { as: "manager" })).json.items;
    expect(before).toEqual([{ id: unit, unitName: "North counter", slug: null, surveyId: null, surveyTitle: null }]);

    const slug = await openKiosk(ctx, unit, survey);
    expect(slug).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    const other = await publishedSurvey(ctx);
    expect(await openKiosk(ctx, unit, other)).toBe(slug);
    expect((await ctx.request("/api/kiosks", { as: "admin" })).json.items[0]).toMatchObject({ slug, surveyId: other, surveyTitle: "After-service" });

    const closed = await ctx.request(`/api/units/${unit}/kiosk`, { as: "admin", method: "DELETE" });
    expect(closed.json).toMatchObject({ slug: null, surveyId: null });
    expect((await ctx.request(`/api/public/kiosks/${slug}`)).status).toBe(404);
    expect(await openKiosk(ctx, unit, survey)).not.toBe(slug);
  });

  it("refuses to open a kiosk on a survey that was never published", async () => {
    const { ctx, unit } = await setup();
    const draft = (await ctx.request("/api/surveys", { as: "manager", body: { title: "Draft", definition: { pages: [] } } })).json.id;
    const res = await ctx.request(`/api/units/${unit}/kiosk`, { as: "admin", method: "PUT", body: { surveyId: draft } });
    expect(res.status).toBe(422);
    expect(res.json.errors[0]).toMatchObject({ path: "/surveyId" });
  });

  it("shows the survey with the unit's name and hands the device a cookie for the kiosk endpoints only", async () => {
    const { ctx, survey, unit } = await setup();
    const slug = await openKiosk(ctx, unit, survey);
    const res = await ctx.request(`/api/public/kiosks/${slug}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ title: "After-service", unitName: "North counter" });
    expect(res.json.definition.pages[0].elements[0].name).toBe("nps");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/api\/public\/kiosks/);
  });

  it("answers 404 for an unknown or malformed kiosk link", async () => {
    const { ctx } = await setup();
    for (const slug of ["A".repeat(22), "not a slug"]) {
      const res = await ctx.request(`/api/public/kiosks/${encodeURIComponent(slug)}`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    expect((await ctx.request(`/api/public/kiosks/${"A".repeat(22)}/response`, { body: { data: { nps: 9 } } })).status).toBe(404);
  });

  it("stores an anonymous answer for the kiosk's unit, counted in that unit's analytics", async () => {
    const { ctx, survey, unit } = await setup();
    const slug = await openKiosk(ctx, unit, survey);
    const res = await ctx.request(`/api/public/kiosks/${slug}/response`, { body: { data: { nps: 10, comment: "Lovely staff" } } });
    expect(res.status, res.text).toBe(201);

    const [row] = await ctx.db.select().from(responses).where(eq(responses.surveyId, survey)).all();
    expect(row).toMatchObject({ unitId: unit, channel: "kiosk", source: "kiosk", invitationId: null, nps: 10, customerEmail: null });
    const summary = await ctx.request(`/api/analytics/summary?surveyId=${survey}&from=2000-01-01&to=2100-01-01&unit=${unit}`, { as: "manager" });
    expect(summary.json.responses).toBe(1);
    expect(summary.json.nps).toMatchObject({ promoters: 1, n: 1 });
  });

  it("checks answers by the survey's rules, as for an emailed link", async () => {
    const { ctx, survey, unit } = await setup();
    const slug = await openKiosk(ctx, unit, survey);
    const res = await ctx.request(`/api/public/kiosks/${slug}/response`, { body: { data: { nps: 11 } } });
    expect(res.status).toBe(422);
    expect(res.json.errors.length).toBeGreaterThan(0);
    expect(await ctx.db.select().from(responses).all()).toEqual([]);
  });

  it("refuses a device's answers past its hourly limit, while another device may still answer", async () => {
    let now = new Date(Math.ceil(Date.now() / HOUR) * HOUR);
    const { ctx, survey, unit } = await setup({ now: () => now });
    const slug = await openKiosk(ctx, unit, survey);
    const cookie = deviceCookie(await ctx.request(`/api/public/kiosks/${slug}`))!;
    for (let i = 0; i < LIMITS.kioskPerDevice.max; i++) {
      now = new Date(now.getTime() + 1000);
      expect((await ctx.request(`/api/public/kiosks/${slug}/response`, { headers: { cookie }, body: { data: { nps: 8 } } })).status).toBe(201);
    }
    const refused = await ctx.request(`/api/public/kiosks/${slug}/response`, { headers: { cookie }, body: { data: { nps: 8 } } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const otherDevice = deviceCookie(await ctx.request(`/api/public/kiosks/${slug}`))!;
    expect((await ctx.request(`/api/public/kiosks/${slug}/response`, { headers: { cookie: otherDevice }, body: { data: { nps: 8 } } })).status).toBe(201);
  });

  it("refuses a network address's answers past its hourly limit, whatever devices it uses", async () => {
    let now = new Date(Math.ceil(Date.now() / HOUR) * HOUR);
    const { ctx, survey, unit } = await setup({ now: () => now, clientAddress: (c) => c.req.header("x-test-address") });
    const slug = await openKiosk(ctx, unit, survey);
    const from = (address: string) => ({ headers: { "x-test-address": address }, body: { data: { nps: 7 } } });
    for (let i = 0; i < LIMITS.kioskPerAddress.max; i++) {
      // Within the hour, but spread over minutes so the general per-minute limit of public calls stays out of it.
      if (i % 30 === 0) now = new Date(now.getTime() + 60_000);
      expect((await ctx.request(`/api/public/kiosks/${slug}/response`, from("203.0.113.5"))).status).toBe(201);
    }
    expect((await ctx.request(`/api/public/kiosks/${slug}/response`, from("203.0.113.5"))).status).toBe(429);
    expect((await ctx.request(`/api/public/kiosks/${slug}/response`, from("198.51.100.7"))).status).toBe(201);
  });
});

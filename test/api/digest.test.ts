// The managers' weekly digest: once a week from Monday 08:00 in the organisation's zone, with what changed.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organisations, units, userUnits, users } from "../../db/schema";
import { runWeeklyDigest } from "../../server/features/digest/digest.service";
import type { Mailer } from "../../server/mail/mailer";
import { createDevMailbox } from "../../server/mail/dev-mailbox";
import { createTestContext, type TestContext } from "../support/app";
import { mailTo, publishedSurvey } from "../support/factories";

function clock(start: string) {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    set: (iso: string) => {
      at = new Date(iso).getTime();
    },
    advance: (hours: number) => {
      at += hours * 3_600_000;
    },
  };
}

async function setUp() {
  // Monday 7 October 2030, 07:30 in London (06:30 UTC).
  const time = clock("2030-10-07T06:30:00Z");
  const ctx = await createTestContext({ now: time.now });
  await ctx.db.update(organisations).set({ timeZone: "Europe/London" }).where(eq(organisations.id, ctx.orgId)).run();
  const surveyId = await publishedSurvey(ctx);
  const run = (mailer?: Mailer) => runWeeklyDigest({ ...ctx.deps, mailer: mailer ?? ctx.deps.mailer, now: time.now() });
  return { ctx, time, surveyId, run };
}

async function importAnswers(ctx: TestContext, surveyId: string, answers: { nps: number; unit: string }[], day: string) {
  const res = await ctx.request("/api/responses/import", {
    apiKey: ctx.apiKey,
    body: { surveyId, responses: answers.map((a, i) => ({ externalId: `${day}-${a.unit}-${i}-${a.nps}`, respondedAt: `${day}T09:00:00Z`, answers: { nps: a.nps }, unit: a.unit, customer: { email: `c${i}@example.org` } })) },
  });
  expect(res.status, res.text).toBe(201);
}

const digests = async (ctx: TestContext, email = "manager@test.example") => (await mailTo(ctx.db, email)).filter((m) => m.subject.startsWith("Your week in Rapport"));

describe("the weekly digest", () => {
  it("waits for Monday 08:00 in the organisation's zone, then sends each manager one email that week", async () => {
    const { ctx, time, run } = await setUp();
    expect(await run()).toEqual({ sent: 0, failed: 0 });
    time.advance(1);
    expect(await run()).toEqual({ sent: 1, failed: 0 });
    time.advance(30);
    expect(await run()).toEqual({ sent: 0, failed: 0 });
    expect(await digests(ctx)).toHaveLength(1);
    time.set("2030-10-14T07:05:00Z");
    expect(await run()).toEqual({ sent: 1, failed: 0 });
  });

  it("names the KPIs whose status changed since the last digest, and only those", async () => {
    const { ctx, time, surveyId, run } = await setUp();
    time.set("2030-10-07T08:00:00Z");
    await ctx.request("/api/kpis", { as: "manager", body: { name: "Recommendation", metric: "nps", target: 20, warning: 0, direction: "higher", period: "month" } });
    await run();
    const [first] = await digests(ctx);
    expect(first!.text).toContain("Recommendation: new → no data yet");

    time.set("2030-10-13T12:00:00Z");
    await importAnswers(ctx, surveyId, Array.from({ length: 60 }, () => ({ nps: 10, unit: "North" })), "2030-10-08");
    time.set("2030-10-14T08:00:00Z");
    await run();
    const [second] = await digests(ctx);
    expect(second!.subject).toBe("Your week in Rapport: 1 KPI changed, 0 overdue cases");
    expect(second!.text).toContain("Recommendation: no data yet → on target");

    time.set("2030-10-21T08:00:00Z");
    await run();
    const [third] = await digests(ctx);
    expect(third!.text).toContain("None: every KPI is where it was last week.");
  });

  it("lists a manager's overdue cases, only those of their units when they have some", async () => {
    const { ctx, time, surveyId, run } = await setUp();
    time.set("2030-10-01T09:00:00Z");
    await importAnswers(ctx, surveyId, [{ nps: 2, unit: "North" }, { nps: 1, unit: "South" }], "2030-10-01");
    const responses: { id: string; unit: { name: string } }[] = (await ctx.request("/api/responses?from=2030-09-01&to=2030-10-31", { as: "manager" })).json.items;
    for (const r of responses) expect((await ctx.request("/api/cases", { as: "manager", body: { responseId: r.id, reason: `Unhappy at ${r.unit.name}` } })).status).toBe(201);
    const north = (await ctx.db.select().from(units).where(eq(units.name, "North")).get())!;
    const manager = (await ctx.db.select().from(users).where(eq(users.email, "manager@test.example")).get())!;
    await ctx.db.insert(userUnits).values({ userId: manager.id, unitId: north.id }).run();

    time.set("2030-10-07T08:30:00Z");
    await run();
    const [mail] = await digests(ctx);
    expect(mail!.subject).toBe("Your week in Rapport: no KPI changes, 1 overdue case");
    expect(mail!.text).toMatch(/Case \d, 4 days overdue: Unhappy at North\. Owner: nobody yet\. http:\/\/rapport\.test\/cases\//);
    expect(mail!.text).not.toContain("Unhappy at South");
    expect(mail!.text).toContain("The Q3 2030 review has no pack yet; it is due by 2030-10-14.");
  });

  it("gives a failed send back, so the next tick sends it, once", async () => {
    const { ctx, time, run } = await setUp();
    time.set("2030-10-07T09:00:00Z");
    const down: Mailer = { kind: "resend", sendBatch: async () => ({ ok: false, retryable: true, message: "503", definite: true }) };
    expect(await run(down)).toEqual({ sent: 0, failed: 1 });
    expect(await run(createDevMailbox(ctx.db))).toEqual({ sent: 1, failed: 0 });
    expect(await run()).toEqual({ sent: 0, failed: 0 });
  });
});

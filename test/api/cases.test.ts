// Follow-up cases: opened by the organisation's rules as customers answer, owned, worked to a close with the
// customer told the outcome, escalated when late, and counted for the KPIs and the review pack.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agents, caseEvents, cases, invitations, units, userUnits, users } from "../../db/schema";
import { caseFigures, runCaseEscalations } from "../../server/features/cases/cases.service";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { evaluateKpis } from "../../server/features/kpis/kpis.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, mailTo, publishedSurvey, tokenFromMailbox } from "../support/factories";

function clock(start: string) {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    advance: (hours: number) => {
      at += hours * 3_600_000;
    },
  };
}

// Tuesday 8 October 2030, 10:00 UTC: inside working hours, so SLAs count from now.
async function setUp() {
  const time = clock("2030-10-08T10:00:00Z");
  const ctx = await createTestContext({ now: time.now });
  const surveyId = await publishedSurvey(ctx);
  return { ctx, time, surveyId };
}

const userId = async (ctx: TestContext, role: string) => (await ctx.db.select().from(users).where(eq(users.email, `${role}@test.example`)).get())!.id;

/** A customer served by `agent` at `unit` answers through their emailed link. */
async function answer(ctx: TestContext, time: ReturnType<typeof clock>, data: Record<string, unknown>, where: { unit?: string; agent?: string } = {}) {
  const item = interaction({ unit: where.unit ?? "North", agent: where.agent ?? "Ana Lima", occurredAt: new Date(time.now().getTime() - 3_600_000).toISOString() });
  expect((await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [item] } })).status).toBe(202);
  await runDispatchTick({ ...ctx.deps, now: time.now });
  const token = await tokenFromMailbox(ctx, item.customer.email);
  const res = await ctx.request(`/api/public/invitations/${token}/response`, { body: { data } });
  expect(res.status, res.text).toBe(201);
  return item;
}

/** Links the test organisation's agent account to a staff record, made now if no interaction named it yet. */
async function linkAgent(ctx: TestContext, name = "Ana Lima") {
  const staff = (await ctx.db.select().from(agents).where(eq(agents.name, name)).get()) ?? (await ctx.db.insert(agents).values({ orgId: ctx.orgId, name }).returning().get());
  await ctx.db.update(users).set({ agentId: staff.id }).where(eq(users.email, "agent@test.example")).run();
  return staff.id;
}

const list = async (ctx: TestContext, as: "agent" | "manager" | "reviewer" | "admin", query = "") => (await ctx.request(`/api/cases${query}`, { as })).json.items as { id: string; number: number; reason: string; owner: { id: string } | null }[];

describe("follow-up cases", () => {
  it("opens a case for a detractor and for a complaint-theme comment, none for a promoter, and gives it to the agent who served", async () => {
    const { ctx, time } = await setUp();
    await answer(ctx, time, { nps: 9 });
    await linkAgent(ctx);
    const detractor = await answer(ctx, time, { nps: 2 });
    await answer(ctx, time, { nps: 8, comment: "The man at the desk was rude and dismissive." });
    await answer(ctx, time, { nps: 10 });

    const all = await list(ctx, "admin");
    expect(all.map((c) => c.reason).sort()).toEqual(["A comment about staff attitude: “The man at the desk was rude and dismissive.”", "Likelihood to recommend 2 of 10"]);
    const first = (await ctx.request(`/api/cases/${all.find((c) => c.reason.startsWith("Likelihood"))!.id}`, { as: "agent" })).json;
    expect(first).toMatchObject({
      status: "open",
      priority: "high",
      trigger: "nps-detractor",
      customer: { email: detractor.customer.email, name: "Pat" },
      unit: { name: "North" },
      agent: { name: "Ana Lima" },
      owner: { id: await userId(ctx, "agent") },
      // High priority: 8 working hours from Tuesday 10:00 (9:00 to 17:00 UTC on weekdays): 7 on Tuesday, 1 on Wednesday.
      dueAt: "2030-10-09T10:00:00.000Z",
      timing: { state: "on-time" },
    });
    expect(first.response.answers.map((a: { title: string; text: string }) => `${a.title}: ${a.text}`)).toContain("Recommend us?: 2");
    expect(first.events).toEqual([expect.objectContaining({ kind: "opened", body: "Likelihood to recommend 2 of 10", author: null })]);
    expect(first.outcomeDraft.subject).toBe(`Following up on your feedback (case ${first.number})`);
  });

  it("does not open cases for answers imported from another tool", async () => {
    const { ctx, surveyId } = await setUp();
    const res = await ctx.request("/api/responses/import", { apiKey: ctx.apiKey, body: { surveyId, responses: [{ externalId: "old-1", respondedAt: "2030-01-01T09:00:00Z", answers: { nps: 0 } }] } });
    expect(res.status).toBe(201);
    expect(await list(ctx, "admin", "?status=all")).toEqual([]);
  });

  it("lets an agent see and work only their own cases, and a manager with units only those units'", async () => {
    const { ctx, time } = await setUp();
    await linkAgent(ctx);
    await answer(ctx, time, { nps: 1 });
    await answer(ctx, time, { nps: 1 }, { unit: "South", agent: "Ben Ode" });
    const [mine, theirs] = [(await list(ctx, "admin")).find((c) => c.owner)!, (await list(ctx, "admin")).find((c) => !c.owner)!];
    expect((await list(ctx, "agent")).map((c) => c.id)).toEqual([mine.id]);
    expect((await ctx.request(`/api/cases/${theirs.id}`, { as: "agent" })).status).toBe(404);
    expect((await ctx.request(`/api/cases/${theirs.id}/notes`, { as: "agent", body: { body: "Mine now?" } })).status).toBe(404);

    const north = (await ctx.db.select().from(units).where(eq(units.name, "North")).get())!;
    await ctx.db.insert(userUnits).values({ userId: await userId(ctx, "manager"), unitId: north.id }).run();
    expect((await list(ctx, "manager")).map((c) => c.id)).toEqual([mine.id]);
    expect((await ctx.request(`/api/cases/${theirs.id}`, { as: "manager" })).status).toBe(404);
    expect(await list(ctx, "reviewer")).toHaveLength(2);
    expect((await ctx.request(`/api/cases/${mine.id}`, { method: "PATCH", as: "reviewer", body: { status: "contacted" } })).status).toBe(403);
    // An agent does not reassign; a manager does, to someone who would see the case.
    const reassign = await ctx.request(`/api/cases/${mine.id}`, { method: "PATCH", as: "agent", body: { ownerId: null } });
    expect(reassign.status).toBe(403);
    const moved = await ctx.request(`/api/cases/${mine.id}`, { method: "PATCH", as: "manager", body: { ownerId: await userId(ctx, "manager") } });
    expect(moved.json.owner.name).toBe("manager");
    expect(await list(ctx, "agent")).toEqual([]);
  });

  it("works a case from open to contacted to resolved, with notes, a root cause and the outcome emailed and kept", async () => {
    const { ctx, time } = await setUp();
    await linkAgent(ctx);
    const customer = await answer(ctx, time, { nps: 3 });
    const [c] = await list(ctx, "agent");
    time.advance(1);
    const noted = await ctx.request(`/api/cases/${c!.id}/notes`, { as: "agent", body: { body: "Called, no answer; emailing instead." } });
    expect(noted.status).toBe(201);
    const bad = await ctx.request(`/api/cases/${c!.id}`, { method: "PATCH", as: "agent", body: { status: "done" } });
    expect(bad.status).toBe(422);

    const email = { subject: "About your visit to North", body: "Dear Pat,\n\nWe are sorry. The queue system failed that day and is fixed now.\n\nAna" };
    const sent = await ctx.request(`/api/cases/${c!.id}/outcome-email`, { as: "agent", body: email });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.json.status).toBe("contacted");
    expect(sent.json.contactedAt).toBe("2030-10-08T11:00:00.000Z");
    const kept = sent.json.events.find((e: { kind: string }) => e.kind === "email");
    expect(kept).toMatchObject({ body: email.body, data: { to: customer.customer.email, subject: email.subject } });
    const inbox = (await mailTo(ctx.db, customer.customer.email)).filter((m) => m.subject === email.subject);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.text).toContain("The queue system failed that day");
    // The same email again (a double click, a retried request) sends nothing more and records nothing more.
    const again = await ctx.request(`/api/cases/${c!.id}/outcome-email`, { as: "agent", body: email });
    expect(again.json.events.filter((e: { kind: string }) => e.kind === "email")).toHaveLength(1);
    expect((await mailTo(ctx.db, customer.customer.email)).filter((m) => m.subject === email.subject)).toHaveLength(1);

    const rooted = await ctx.request(`/api/cases/${c!.id}`, { method: "PATCH", as: "agent", body: { rootCause: "Process or policy", status: "resolved" } });
    expect(rooted.json).toMatchObject({ status: "resolved", rootCause: "Process or policy", closedAt: "2030-10-08T11:00:00.000Z", timing: null });
    expect(rooted.json.events.map((e: { kind: string }) => e.kind)).toEqual(["opened", "note", "email", "status", "status", "root-cause"]);
    const reopenedWrong = await ctx.request(`/api/cases/${c!.id}`, { method: "PATCH", as: "agent", body: { status: "contacted" } });
    expect(reopenedWrong.status).toBe(409);
    expect(reopenedWrong.json.detail).toBe("A case that is resolved cannot become contacted.");
  });

  it("refuses to email a customer who unsubscribed or bounced, saying what to do instead", async () => {
    const { ctx, time } = await setUp();
    const customer = await answer(ctx, time, { nps: 0 });
    const [c] = await list(ctx, "admin");
    await ctx.request("/api/suppressions", { as: "admin", body: { email: customer.customer.email } });
    expect((await ctx.request(`/api/cases/${c!.id}`, { as: "admin" })).json.canEmail).toBe(false);
    const refused = await ctx.request(`/api/cases/${c!.id}/outcome-email`, { as: "admin", body: { subject: "Hello again", body: "We fixed what went wrong." } });
    expect(refused.status).toBe(409);
    expect(refused.json.detail).toContain("Call them instead, and record it in a note.");
    expect((await ctx.db.select().from(caseEvents).where(eq(caseEvents.kind, "email")).all()).length).toBe(0);
  });

  it("sends one short re-survey after a resolved case, through the outbox", async () => {
    const { ctx, time, surveyId } = await setUp();
    const customer = await answer(ctx, time, { nps: 1 });
    const [c] = await list(ctx, "admin");
    const early = await ctx.request(`/api/cases/${c!.id}/resurvey`, { as: "manager", body: { surveyId } });
    expect(early.status).toBe(409);
    await ctx.request(`/api/cases/${c!.id}`, { method: "PATCH", as: "manager", body: { status: "resolved" } });
    const sent = await ctx.request(`/api/cases/${c!.id}/resurvey`, { as: "manager", body: { surveyId } });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.json.resurvey.status).toBe("pending");
    expect((await ctx.request(`/api/cases/${c!.id}/resurvey`, { as: "manager", body: { surveyId } })).status).toBe(409);
    const before = (await mailTo(ctx.db, customer.customer.email)).length;
    await runDispatchTick({ ...ctx.deps, now: time.now });
    expect((await mailTo(ctx.db, customer.customer.email)).length).toBe(before + 1);
    const row = (await ctx.db.select().from(invitations).where(eq(invitations.id, sent.json.resurvey.invitationId)).get())!;
    expect(row.status).toBe("sent");
  });

  it("opens a case by hand from any response, once", async () => {
    const { ctx, time } = await setUp();
    await answer(ctx, time, { nps: 9 });
    const responseId = (await ctx.request("/api/responses", { as: "manager" })).json.items[0].id;
    const opened = await ctx.request("/api/cases", { as: "manager", body: { responseId, priority: "urgent", reason: "Asked for a call back" } });
    expect(opened.status, opened.text).toBe(201);
    // Urgent: four clock hours.
    expect(opened.json).toMatchObject({ trigger: "manual", priority: "urgent", reason: "Asked for a call back", dueAt: "2030-10-08T14:00:00.000Z" });
    const twice = await ctx.request("/api/cases", { as: "manager", body: { responseId } });
    expect(twice.status).toBe(409);
    expect(twice.json).toMatchObject({ detail: `These answers already have a follow-up case (case ${opened.json.number}).`, caseId: opened.json.id });
    const unknown = await ctx.request("/api/cases", { as: "manager", body: { responseId: "nope" } });
    expect(unknown.json.errors).toEqual([{ path: "/responseId", message: "Choose one of your organisation's responses." }]);
  });

  it("escalates a late case once, emailing the unit's managers, whoever runs the tick", async () => {
    const { ctx, time } = await setUp();
    await answer(ctx, time, { nps: 2 });
    const north = (await ctx.db.select().from(units).where(eq(units.name, "North")).get())!;
    await ctx.db.insert(userUnits).values({ userId: await userId(ctx, "manager"), unitId: north.id }).run();
    const tick = () => runCaseEscalations({ ...ctx.deps, now: time.now() });
    expect(await tick()).toEqual({ escalated: 0, emails: 0 });
    time.advance(48);
    expect(await tick()).toEqual({ escalated: 1, emails: 1 });
    expect(await tick()).toEqual({ escalated: 0, emails: 0 });
    const [mail] = await mailTo(ctx.db, "manager@test.example");
    expect(mail!.subject).toMatch(/^Case \d+ is past its due time$/);
    expect(mail!.text).toContain("24 h overdue: Likelihood to recommend 2 of 10. Owner: nobody yet.");
    const [c] = await list(ctx, "manager", "?view=overdue");
    expect((await ctx.request(`/api/cases/${c!.id}`, { as: "manager" })).json.events.map((e: { kind: string }) => e.kind)).toEqual(["opened", "escalated"]);
  });

  it("counts cases for the KPIs and the pack: on time, overdue, hours to resolve, root causes", async () => {
    const { ctx, time } = await setUp();
    for (let i = 0; i < 4; i++) await answer(ctx, time, { nps: 1 });
    const all = await list(ctx, "admin");
    // Two followed up in time, one late, one never (and past due).
    time.advance(1);
    await ctx.request(`/api/cases/${all[0]!.id}`, { method: "PATCH", as: "admin", body: { status: "resolved", rootCause: "Waiting time" } });
    await ctx.request(`/api/cases/${all[1]!.id}`, { method: "PATCH", as: "admin", body: { status: "contacted" } });
    time.advance(3);
    await ctx.request(`/api/cases/${all[1]!.id}`, { method: "PATCH", as: "admin", body: { status: "resolved", rootCause: "Waiting time" } });
    time.advance(44);
    await ctx.request(`/api/cases/${all[2]!.id}`, { method: "PATCH", as: "admin", body: { status: "unreachable", rootCause: "Other" } });
    const figures = await caseFigures({ db: ctx.db, orgId: ctx.orgId }, { fromAt: new Date("2030-10-01T00:00:00Z"), toAt: new Date("2030-11-01T00:00:00Z"), now: time.now() });
    expect(figures).toMatchObject({ opened: 4, closed: 3, overdue: 1, onTime: { count: 2, of: 4, rate: 0.5 }, resolveHours: { median: 1, p90: 4, n: 2 } });
    expect(figures.rootCauses).toEqual([{ rootCause: "Waiting time", count: 2 }, { rootCause: "Other", count: 1 }]);
    const kpi = await ctx.request("/api/kpis", { as: "manager", body: { name: "On time", metric: "case-on-time", target: 90, warning: 80, direction: "higher", period: "month" } });
    const [k] = await evaluateKpis({ db: ctx.db, orgId: ctx.orgId, now: time.now() }, { fromDay: "2030-10-01", toDay: "2030-10-31", kpiIds: [kpi.json.id] });
    expect(k!.reading).toMatchObject({ value: 50, n: 4 });
    // Half on time misses 90 %, but four cases cannot show it is below 80 % either.
    expect(k!.status).toBe("amber");
  });

  it("keeps case settings valid, in words a person can act on, and applies them to new answers", async () => {
    const { ctx, time } = await setUp();
    const settings = (await ctx.request("/api/case-settings", { as: "reviewer" })).json;
    expect(settings.owner).toBe("agent-then-manager");
    const wrong = await ctx.request("/api/case-settings", { method: "PUT", as: "manager", body: { ...settings, rules: [{ kind: "nps-detractor", enabled: true, atMost: 12, priority: "high" }] } });
    expect(wrong.json.errors).toEqual([{ path: "/rules/0/atMost", message: "Give the NPS threshold from 0 to 10." }]);
    const theme = await ctx.request("/api/case-settings", { method: "PUT", as: "manager", body: { ...settings, rules: [{ kind: "complaint-theme", enabled: true, themes: ["Parking"], priority: "low" }] } });
    expect(theme.json.errors).toEqual([{ path: "/rules/0/themes/0", message: "Choose one of your comment themes." }]);
    expect((await ctx.request("/api/case-settings", { method: "PUT", as: "reviewer", body: settings })).status).toBe(403);
    const stricter = await ctx.request("/api/case-settings", { method: "PUT", as: "manager", body: { ...settings, rules: [{ kind: "nps-detractor", enabled: true, atMost: 6, priority: "urgent" }] } });
    expect(stricter.status).toBe(200);
    await answer(ctx, time, { nps: 6 });
    const [c] = await list(ctx, "admin");
    expect((await ctx.db.select().from(cases).where(eq(cases.id, c!.id)).get())!.priority).toBe("urgent");
  });
});

// A survey's life after its first draft: saves that cannot overwrite each other, versions and their differences,
// rolling back, closing, archiving and deleting, and the templates a manager starts from.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, surveyDefinition, tokenFromMailbox } from "../support/factories";

async function published(ctx: TestContext, definition: Record<string, unknown> = surveyDefinition()) {
  const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "After-service", definition } });
  expect(created.status, created.text).toBe(201);
  expect((await ctx.request(`/api/surveys/${created.json.id}/publish`, { as: "manager", body: {} })).status).toBe(201);
  return created.json.id as string;
}

const invite = async (ctx: TestContext, email: string, delayMinutes = 0) => {
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer: { email } })] } });
  return runDispatchTick({ ...ctx.deps, now: () => new Date(Date.now() + delayMinutes * 60_000) });
};

describe("saving a draft", () => {
  it("refuses a save based on an older revision with the newer draft, so nobody overwrites anybody", async () => {
    const ctx = await createTestContext();
    const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "Draft", definition: surveyDefinition() } });
    expect(created.json.revision).toBe(1);
    const id = created.json.id;
    const mine = await ctx.request(`/api/surveys/${id}`, { method: "PUT", as: "manager", body: { title: "Mine", revision: 1 } });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.json.revision).toBe(2);
    const theirs = await ctx.request(`/api/surveys/${id}`, { method: "PUT", as: "admin", body: { title: "Theirs", revision: 1 } });
    expect(theirs.status).toBe(409);
    expect(theirs.json).toMatchObject({ stale: true, survey: { title: "Mine", revision: 2 } });
    expect(theirs.json.detail).toContain("Someone else saved this survey");
    // Without a revision the last save wins, as before.
    expect((await ctx.request(`/api/surveys/${id}`, { method: "PUT", as: "admin", body: { title: "Theirs" } })).json.revision).toBe(3);
  });
});

describe("versions", () => {
  it("lists them, says what changed in words, marks what splits a series, and rolls back as a new version", async () => {
    const ctx = await createTestContext();
    const withSpeed = () => {
      const d = surveyDefinition();
      d.pages[0]!.elements.push({ type: "rating", name: "speed", title: "Speed", rateMin: 1, rateMax: 5, metric: "dimension:speed" } as never);
      return d;
    };
    const id = await published(ctx, withSpeed());
    const changed = withSpeed();
    const [nps, , , comment, speed] = changed.pages[0]!.elements as Record<string, unknown>[];
    nps!.title = "Would you recommend us?";
    speed!.rateMax = 7;
    comment!.metric = undefined;
    changed.pages[0]!.elements.push({ type: "boolean", name: "again", title: "Come again?" } as never);
    const saved = await ctx.request(`/api/surveys/${id}`, { method: "PUT", as: "manager", body: { definition: changed } });
    expect(saved.status, saved.text).toBe(200);

    const diff = await ctx.request(`/api/surveys/${id}/diff?from=1&to=draft`, { as: "reviewer" });
    expect(diff.status, diff.text).toBe(200);
    const texts = diff.json.changes.map((c: { text: string }) => c.text);
    expect(texts).toContain("Rewords “Recommend us?” as “Would you recommend us?”.");
    expect(texts).toContainEqual(expect.stringMatching(/^Changes the scale of “Speed” from 1–5 to 1–7: its answers start a new .+ series; earlier answers stay in the old one\.$/));
    expect(texts).toContain("“Anything else?” no longer measures comments.");
    expect(texts).toContain("Adds “Come again?” on page 1.");
    expect(diff.json.changes.filter((c: { breaksSeries?: boolean }) => c.breaksSeries).map((c: { question: string }) => c.question)).toEqual(["speed"]);

    expect((await ctx.request(`/api/surveys/${id}/publish`, { as: "manager", body: {} })).json).toEqual({ version: 2 });
    const versions = await ctx.request(`/api/surveys/${id}/versions`, { as: "reviewer" });
    expect(versions.json.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const back = await ctx.request(`/api/surveys/${id}/rollback`, { as: "manager", body: { version: 1 } });
    expect(back.status, back.text).toBe(201);
    expect(back.json).toEqual({ version: 3 });
    expect((await ctx.request(`/api/surveys/${id}/diff?from=1&to=3`, { as: "reviewer" })).json.changes).toEqual([]);
    const survey = await ctx.request(`/api/surveys/${id}`, { as: "reviewer" });
    expect(survey.json).toMatchObject({ latestVersion: 3, hasUnpublishedChanges: false, definition: withSpeed() });
    expect((await ctx.request(`/api/surveys/${id}/rollback`, { as: "manager", body: { version: 3 } })).status).toBe(409);
    expect((await ctx.request(`/api/surveys/${id}/diff?from=9&to=draft`, { as: "reviewer" })).status).toBe(404);
    expect((await ctx.request(`/api/surveys/${id}/rollback`, { as: "reviewer", body: { version: 1 } })).status).toBe(403);
  });
});

describe("closing, archiving and deleting", () => {
  it("closes a survey: unsent invitations cancelled, no new ones, open links say so; reopening invites again", async () => {
    const ctx = await createTestContext();
    const id = await published(ctx);
    await ctx.request(`/api/surveys/${id}/rules`, { as: "manager", body: { match: { types: ["enquiry"] }, delayMinutes: 0, expiresAfterDays: 7 } });
    await invite(ctx, "sent@example.org");
    const token = await tokenFromMailbox(ctx, "sent@example.org");
    // Scheduled for later, so still unsent when the survey closes.
    await ctx.request(`/api/surveys/${id}/rules`, { as: "manager", body: { match: { types: ["later"] }, delayMinutes: 600, expiresAfterDays: 7 } });
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ type: "later", customer: { email: "later@example.org" } })] } });
    await runDispatchTick({ ...ctx.deps, now: () => new Date() });

    const closed = await ctx.request(`/api/surveys/${id}/close`, { as: "manager", body: {} });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.json.closedAt).not.toBeNull();
    const later = await ctx.db.select().from(invitations).where(eq(invitations.email, "later@example.org")).all();
    expect(later.map((i) => [i.status, i.cancelReason])).toContainEqual(["cancelled", "survey-closed"]);
    expect((await ctx.request(`/api/public/invitations/${token}`)).status).toBe(410);

    const before = (await ctx.db.select().from(invitations).all()).length;
    await invite(ctx, "new@example.org");
    expect((await ctx.db.select().from(invitations).all()).length).toBe(before);

    expect((await ctx.request(`/api/surveys/${id}/reopen`, { as: "manager", body: {} })).json.closedAt).toBeNull();
    expect((await ctx.request(`/api/public/invitations/${token}`)).status).toBe(200);
    await invite(ctx, "again@example.org");
    expect(await ctx.db.select().from(invitations).where(eq(invitations.email, "again@example.org")).all()).toHaveLength(1);
  });

  it("archives out of the lists (closed, answers kept) and restores; deletes only a draft that never went out", async () => {
    const ctx = await createTestContext();
    const id = await published(ctx);
    const archived = await ctx.request(`/api/surveys/${id}/archive`, { as: "manager", body: {} });
    expect(archived.json).toMatchObject({ archivedAt: expect.any(String), closedAt: expect.any(String) });
    expect((await ctx.request("/api/surveys", { as: "reviewer" })).json.items.map((s: { id: string }) => s.id)).not.toContain(id);
    expect((await ctx.request("/api/surveys?archived=true", { as: "reviewer" })).json.items.map((s: { id: string }) => s.id)).toEqual([id]);
    expect((await ctx.request(`/api/surveys/${id}/reopen`, { as: "manager", body: {} })).status).toBe(409);
    const restored = await ctx.request(`/api/surveys/${id}/restore`, { as: "manager", body: {} });
    expect(restored.json).toMatchObject({ archivedAt: null, closedAt: expect.any(String) });
    expect((await ctx.request("/api/surveys", { as: "reviewer" })).json.items.map((s: { id: string }) => s.id)).toContain(id);

    const refused = await ctx.request(`/api/surveys/${id}`, { method: "DELETE", as: "manager" });
    expect(refused.status).toBe(409);
    expect(refused.json.detail).toContain("archive it instead");
    const draft = await ctx.request("/api/surveys", { as: "manager", body: { title: "Never sent", definition: surveyDefinition() } });
    await ctx.request(`/api/surveys/${draft.json.id}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } });
    expect((await ctx.request(`/api/surveys/${draft.json.id}`, { method: "DELETE", as: "manager" })).status).toBe(204);
    expect((await ctx.request(`/api/surveys/${draft.json.id}`, { as: "manager" })).status).toBe(404);
    expect((await ctx.request(`/api/surveys/${draft.json.id}/close`, { as: "manager", body: {} })).status).toBe(404);
  });
});

describe("templates", () => {
  it("offers the plain metrics and the service situations, each publishable as it is, in English and French", async () => {
    const ctx = await createTestContext();
    const res = await ctx.request("/api/survey-templates", { as: "reviewer" });
    expect(res.status).toBe(200);
    const ids = res.json.items.map((t: { id: string }) => t.id);
    expect(ids).toEqual(["nps", "csat", "ces", "service-centre", "complaint-follow-up", "online-order", "store-visit", "import-export-enquiry"]);
    for (const template of res.json.items) {
      expect(template.title.fr, template.id).toBeTruthy();
      const id = await published(ctx, template.definition);
      const detail = await ctx.request(`/api/surveys/${id}`, { as: "reviewer" });
      expect(detail.json.publishedSeries.length, template.id).toBeGreaterThan(0);
    }
  });
});

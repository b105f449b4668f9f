// Recording a response and what other features do about it commit as one batch, or not at all.
import { describe, expect, it } from "vitest";
import { interactions, invitations, responses } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { submitResponse } from "../../server/features/respond/respond.service";
import { Reactions, type DomainEvent } from "../../server/lib/service-context";
import { wireReactions } from "../../server/reactions";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, publishedSurvey, tokenFromMailbox } from "../support/factories";

/** Publishes a survey and returns a function that emails a fresh link to it. */
async function surveyLinks(ctx: TestContext) {
  await publishedSurvey(ctx);
  return async () => {
    const email = `r${Math.random().toString(36).slice(2)}@example.org`;
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer: { email } })] } });
    expect((await runDispatchTick({ ...ctx.deps, now: () => new Date() })).sent).toBe(1);
    return tokenFromMailbox(ctx, email);
  };
}

/** The context the respondent's request would get, with these reactions wired instead of the app's. */
const respondent = (ctx: TestContext, reactions: Reactions) => ({ db: ctx.db, now: new Date(), reactions, settings: ctx.deps.settings });

const invitationStatuses = async (ctx: TestContext) => (await ctx.db.select({ status: invitations.status }).from(invitations).all()).map((i) => i.status);

describe("reactions to a recorded response", () => {
  it("closes the invitation only because the invitations feature reacts to response.recorded", async () => {
    const ctx = await createTestContext();
    const link = await surveyLinks(ctx);
    const token = await link();
    const heard: DomainEvent[] = [];

    await submitResponse(respondent(ctx, new Reactions().on("response.recorded", (event) => void heard.push(event))), token, { nps: 9, csat: 4 });

    const [stored] = await ctx.db.select().from(responses).all();
    expect(stored).toMatchObject({ nps: 9, csat: 4, ces: null });
    expect(heard).toEqual([
      expect.objectContaining({ type: "response.recorded", responseId: stored!.id, invitationId: stored!.invitationId, surveyId: stored!.surveyId, metrics: { nps: 9, csat: 4 } }),
    ]);
    // With nobody from invitations listening, the invitation stays as it was.
    expect(await invitationStatuses(ctx)).toEqual(["sent"]);

    const other = await link();
    await submitResponse(respondent(ctx, wireReactions(new Reactions())), other, { nps: 3 });
    expect((await invitationStatuses(ctx)).sort()).toEqual(["responded", "sent"]);
  });

  it("stores no response and keeps the invitation open when a reaction throws", async () => {
    const ctx = await createTestContext();
    const token = await (await surveyLinks(ctx))();
    const reactions = wireReactions(new Reactions()).on("response.recorded", () => {
      throw new Error("a listener failed");
    });

    await expect(submitResponse(respondent(ctx, reactions), token, { nps: 9 })).rejects.toThrow("a listener failed");

    expect(await ctx.db.select().from(responses).all()).toHaveLength(0);
    expect(await invitationStatuses(ctx)).toEqual(["sent"]);
    expect((await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 9 } } })).status).toBe(201);
  });

  it("rolls the response back with a reaction's statement that fails, including the invitation's own reaction", async () => {
    const ctx = await createTestContext();
    const token = await (await surveyLinks(ctx))();
    // A row naming an organisation that does not exist breaks a foreign key when the batch runs.
    const reactions = wireReactions(new Reactions()).on("response.recorded", (event, work) => {
      work.add(
        work.db.insert(interactions).values({ orgId: crypto.randomUUID(), externalId: event.responseId, occurredAt: event.at, type: "x", channel: "x", customerEmail: "x@example.org" }),
      );
    });

    await expect(submitResponse(respondent(ctx, reactions), token, { nps: 9 })).rejects.toThrow();

    expect(await ctx.db.select().from(responses).all()).toHaveLength(0);
    expect(await invitationStatuses(ctx)).toEqual(["sent"]);
    expect((await ctx.request(`/api/public/invitations/${token}`)).status).toBe(200);
    expect((await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 9 } } })).status).toBe(201);
    expect(await invitationStatuses(ctx)).toEqual(["responded"]);
  });
});

import { describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, publishedSurvey, tokenFromMailbox } from "../support/factories";

async function invitedWith(ctx: TestContext, customer: Record<string, unknown>) {
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer })] } });
  expect((await runDispatchTick({ ...ctx.deps, now: () => new Date() })).sent).toBe(1);
  return tokenFromMailbox(ctx, customer.email as string);
}

describe("the survey page's language", () => {
  it("names the customer's language when their interaction gave one, and none otherwise", async () => {
    const ctx = await createTestContext();
    await publishedSurvey(ctx);
    const german = await invitedWith(ctx, { email: "greta@example.org", name: "Greta", locale: "de" });
    const unknown = await invitedWith(ctx, { email: "sam@example.org", name: "Sam" });

    const opened = await ctx.request(`/api/public/invitations/${german}`);
    expect(opened.status).toBe(200);
    expect(opened.json.customerLocale).toBe("de");
    expect(opened.json.title).toBe("After-service");

    const plain = await ctx.request(`/api/public/invitations/${unknown}`);
    expect(plain.status).toBe(200);
    expect(plain.json).not.toHaveProperty("customerLocale");
  });
});

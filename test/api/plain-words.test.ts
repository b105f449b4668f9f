import { describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/app";
import { z } from "zod";
import { check } from "../../server/lib/http";
import { interaction, surveyDefinition } from "../support/factories";

type Problem = { status: number; json: { detail: string; errors?: { path: string; message: string }[] } };

// What a person must never read in a detail: zod's defaults, our old counter, or a JSON Pointer.
function expectPlain(res: Problem) {
  expect(res.status).toBe(422);
  expect(res.json.detail).not.toMatch(/expected|problem\(s\)|Too (small|big)|Invalid input/i);
  expect(res.json.detail).not.toMatch(/(^|\s)\/[\w~]+(\/[\w~]+)*/);
  for (const e of res.json.errors ?? []) expect(e.message).not.toMatch(/expected|Too (small|big)|Invalid input/i);
}

const messages = (res: Problem) => Object.fromEntries((res.json.errors ?? []).map((e) => [e.path, e.message]));

async function surveyId(ctx: TestContext) {
  return (await ctx.request("/api/surveys", { as: "manager", body: { title: "Visit", definition: surveyDefinition() } })).json.id as string;
}

describe("messages people read", () => {
  it("asks for the delay and the expiry when the rule form is sent empty, and names both in the detail", async () => {
    const ctx = await createTestContext();
    const id = await surveyId(ctx);
    const res = await ctx.request(`/api/surveys/${id}/rules`, { as: "manager", body: { match: {}, delayMinutes: null, expiresAfterDays: null } });
    expectPlain(res);
    expect(messages(res)).toEqual({ "/delayMinutes": "Enter the delay in minutes.", "/expiresAfterDays": "Enter after how many days the link expires." });
    expect(res.json.detail).toBe("Fix 2 things: Enter the delay in minutes; Enter after how many days the link expires.");
  });

  it("says what to enter when one field is out of range, and the detail is that message", async () => {
    const ctx = await createTestContext();
    const id = await surveyId(ctx);
    const res = await ctx.request(`/api/surveys/${id}/rules`, { as: "manager", body: { delayMinutes: -5, expiresAfterDays: 7 } });
    expectPlain(res);
    expect(res.json.detail).toBe("Enter a delay of 0 minutes or more.");
    expect(res.json.errors).toEqual([{ path: "/delayMinutes", message: "Enter a delay of 0 minutes or more." }]);
  });

  it("lists every wrong field of a rule in the detail, in the form's words", async () => {
    const ctx = await createTestContext();
    const id = await surveyId(ctx);
    const res = await ctx.request(`/api/surveys/${id}/rules`, {
      as: "manager",
      body: { match: { types: ["complaint", " "] }, delayMinutes: 1.5, expiresAfterDays: 400 },
    });
    expectPlain(res);
    expect(res.json.detail).toBe(
      "Fix 3 things: Interaction types: leave out empty entries between commas; Enter the delay as a whole number of minutes; Enter an expiry of at most 365 days.",
    );
    expect(Object.keys(messages(res))).toEqual(["/match/types/1", "/delayMinutes", "/expiresAfterDays"]);
  });

  it("asks for a From date before the To date on analytics", async () => {
    const ctx = await createTestContext();
    const id = await surveyId(ctx);
    const res = await ctx.request(`/api/analytics/summary?surveyId=${id}&from=2026-11-20&to=2026-11-01`, { as: "reviewer" });
    expectPlain(res);
    expect(res.json.detail).toBe("Choose a “From” date before the “To” date.");
    expect(res.json.errors).toEqual([{ path: "/from", message: "Choose a “From” date before the “To” date." }]);
  });

  it("names a wrong-scale NPS question by its title and name", async () => {
    const ctx = await createTestContext();
    const definition = {
      pages: [
        {
          name: "p",
          elements: [
            { type: "text", name: "why" },
            { type: "rating", name: "nps", title: "How likely are you to recommend us to a friend or colleague?", rateMin: 1, rateMax: 5, metric: "nps" },
          ],
        },
      ],
    };
    const res = await ctx.request("/api/surveys", { as: "manager", body: { title: "Broken", definition } });
    expectPlain(res);
    const message = "Question “How likely are you to recommend us to a…” (nps): an NPS question needs a rating scale from 0 to 10 in steps of 1.";
    expect(res.json.detail).toBe(message);
    expect(res.json.errors).toEqual([{ path: "/definition/pages/0/elements/1", message }]);
  });

  it("names the duplicate and the unnamed elements of a survey without JSON paths in the messages", async () => {
    const ctx = await createTestContext();
    const definition = { pages: [{ elements: [{ type: "text", name: "a", title: "Your visit" }, { type: "comment", name: "a" }, { type: "text", title: "Anything else?" }] }] };
    const res = await ctx.request("/api/surveys", { as: "manager", body: { title: "Broken", definition } });
    expectPlain(res);
    expect(messages(res)).toEqual({
      "/definition/pages/0/elements/2/name": 'Element 3 on page 1 (“Anything else?”): give it a name, such as "name": "q3".',
      "/definition/pages/0/elements/1/name": "Question “a”: question “Your visit” (a) already has the name “a”; give each question its own name.",
    });
  });

  it("asks for a survey title and a key name in those words", async () => {
    const ctx = await createTestContext();
    const survey = await ctx.request("/api/surveys", { as: "manager", body: { title: "  ", definition: surveyDefinition() } });
    expectPlain(survey);
    expect(survey.json.detail).toBe("Enter a title for the survey.");
    const key = await ctx.request("/api/api-keys", { as: "admin", body: { name: "" } });
    expectPlain(key);
    expect(key.json.errors).toEqual([{ path: "/name", message: "Enter a key name, such as the system that will use it." }]);
  });

  it("asks for the email and password on sign-in", async () => {
    const ctx = await createTestContext();
    const res = await ctx.request("/api/auth/login", { body: { email: "nobody", password: "" } });
    expectPlain(res);
    expect(res.json.detail).toBe("Fix 2 things: Enter your email address, like name@example.com; Enter your password.");
  });

  it("says which interaction of a batch is wrong and what to enter", async () => {
    const ctx = await createTestContext();
    const good = interaction();
    const bad = interaction({ customer: { email: "not an address" } });
    const res = await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [good, good, bad] } });
    expectPlain(res);
    expect(res.json.errors).toEqual([
      { path: "/interactions/2/customer/email", message: "Interaction 3: enter the customer's email address (customer.email), like name@example.com." },
    ]);
  });

  it("falls back to naming the field when a schema has no message of its own", () => {
    const schema = z.object({ delayMinutes: z.number(), channel: z.string() });
    expect(() => check(schema, { channel: 3 })).toThrow("Fix 2 things: Enter “delay minutes”; Check “channel”: it is not in a form we can use.");
  });
});

import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { invitations, organisations } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createResendMailer } from "../../server/mail/resend-mailer";
import { createTestContext } from "../support/app";
import { interaction, surveyDefinition } from "../support/factories";
import { startFakeResend, type FakeResend } from "../support/fake-resend";

let fake: FakeResend | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function world() {
  fake = await startFakeResend();
  const provider = fake;
  const ctx = await createTestContext({ mailer: () => createResendMailer(provider.apiKey, provider.url) });
  await ctx.db.update(organisations).set({ name: "Northwind Bank" }).where(eq(organisations.id, ctx.orgId)).run();
  const definition = { ...surveyDefinition(), title: "How was your visit?" };
  const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "Q4 branch NPS (internal)", definition } });
  expect(created.status).toBe(201);
  expect((await ctx.request(`/api/surveys/${created.json.id}/publish`, { as: "manager", body: {} })).status).toBe(201);
  expect((await ctx.request(`/api/surveys/${created.json.id}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } })).status).toBe(201);
  return { ctx, fake: provider };
}

describe("the invitation emails the dispatcher sends", () => {
  it("come from the organisation in the customer's language, carry the public title, the interaction and a link for every rating", async () => {
    const { ctx, fake } = await world();
    const occurredAt = new Date(Date.now() - 3_600_000);
    const items = [
      interaction({ occurredAt: occurredAt.toISOString(), channel: "phone", unit: "North branch", agent: "Sam", customer: { email: "de@example.org", name: "Kim", locale: "de" } }),
      interaction({ occurredAt: occurredAt.toISOString(), customer: { email: "plain@example.org" } }),
    ];
    expect((await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: items } })).status).toBe(202);
    expect(await runDispatchTick({ ...ctx.deps, now: () => new Date() })).toMatchObject({ sent: 2 });

    const byTo = new Map(fake.sent.map((m) => [m.to[0], m]));
    const de = byTo.get("de@example.org")!;
    expect(de.from).toBe("Northwind Bank <surveys@rapport.test>");
    expect(de.subject).toBe("Wie war es? How was your visit?");
    expect(de.subject).not.toContain("internal");
    expect(de.html).toContain('<html lang="de" dir="ltr">');
    expect(de.html).toContain("Danke, dass Sie sich für Northwind Bank entschieden haben.");
    const day = new Intl.DateTimeFormat("de", { day: "numeric", month: "long", timeZone: "UTC" }).format(occurredAt);
    expect(de.html).toContain(`zu Ihrem Besuch am ${day} in North branch bei Sam`);
    expect(de.html).toContain("Recommend us?");
    const link = /Umfrage öffnen: (\S+)/.exec(de.text!)![1]!;
    expect(link).toMatch(/^http:\/\/rapport\.test\/s\/[\w-]{22,}$/);
    for (let n = 0; n <= 10; n++) {
      expect(de.html).toContain(`href="${link}?rating=${n}"`);
      expect(de.text).toContain(`${link}?rating=${n}`);
    }
    // German dates for the German customer, English for one whose language is unknown: never ISO.
    const closes = (await ctx.db.select().from(invitations).where(eq(invitations.email, "de@example.org")).get())!.expiresAt;
    expect(de.html).toContain(`Die Umfrage endet am ${new Intl.DateTimeFormat("de", { dateStyle: "long", timeZone: "UTC" }).format(closes)}`);
    const plain = byTo.get("plain@example.org")!;
    expect(plain.subject).toBe("How did we do? How was your visit?");
    expect(plain.html).toContain("Thank you for choosing Northwind Bank.");
    expect(plain.html).toContain("about your enquiry by email on");
    expect(plain.text).toMatch(/The survey closes on \d{1,2} \w+ \d{4}|The survey closes on \w+ \d{1,2}, \d{4}/);
    expect(plain.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(plain.from).toBe("Northwind Bank <surveys@rapport.test>");
    expect(plain.headers["List-Unsubscribe"]).toMatch(/^<http:\/\/rapport\.test\/u\/[\w-]+>$/);
  });
});

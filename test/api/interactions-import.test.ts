// Importing a file of interactions: all or nothing, idempotent on externalId, up to 10,000 rows, and the remembered mapping.
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { interactions, invitations, organisations } from "../../db/schema";
import { createTestContext } from "../support/app";
import { interaction, publishedSurvey } from "../support/factories";

const rows = (n: number, prefix = crypto.randomUUID().slice(0, 8)) =>
  Array.from({ length: n }, (_, i) =>
    interaction({ externalId: `${prefix}-${i + 1}`, customer: { email: `c${i + 1}-${prefix}@example.org`, name: "Ana Núñez" }, attributes: { tier: i % 2 ? "gold" : "silver" } }),
  );

const stored = async (ctx: Awaited<ReturnType<typeof createTestContext>>) => ({
  interactions: (await ctx.db.select({ n: count() }).from(interactions).get())!.n,
  invitations: (await ctx.db.select({ n: count() }).from(invitations).where(eq(invitations.sequence, 0)).get())!.n,
});

describe("importing interactions", () => {
  it("lands 10,000 rows sent in one request whole, each invitation scheduled by the live rule", async () => {
    const ctx = await createTestContext();
    await publishedSurvey(ctx);
    const res = await ctx.request("/api/interactions/import", { as: "manager", body: { interactions: rows(10_000) } });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toEqual({ accepted: 10_000, duplicates: 0, invitations: 10_000, dryRun: false });
    expect(await stored(ctx)).toEqual({ interactions: 10_000, invitations: 10_000 });
  }, 120_000);

  it("rejects a file with one broken row whole, naming that row, and stores nothing", async () => {
    const ctx = await createTestContext();
    await publishedSurvey(ctx);
    const file = rows(50);
    file[36] = { ...file[36]!, occurredAt: "31/02/2026" };
    const res = await ctx.request("/api/interactions/import", { apiKey: ctx.apiKey, body: { interactions: file } });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([{ path: "/interactions/36/occurredAt", message: expect.stringMatching(/^Row 37: enter when it happened \(occurredAt\)/) }]);
    expect(res.json.detail).toMatch(/^Row 37: /);
    expect(await stored(ctx)).toEqual({ interactions: 0, invitations: 0 });
  });

  it("names every broken row of a file: a missing email, an unknown time zone", async () => {
    const ctx = await createTestContext();
    const file: Record<string, unknown>[] = rows(5);
    file[1] = { ...file[1]!, customer: { name: "No Address" } };
    file[3] = { ...file[3]!, customer: { email: "dee@example.org", timezone: "Mars/Olympus_Mons" } };
    const res = await ctx.request("/api/interactions/import", { apiKey: ctx.apiKey, body: { interactions: file } });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string; message: string }) => [e.path, e.message.slice(0, 6)])).toEqual([
      ["/interactions/1/customer/email", "Row 2:"],
      ["/interactions/3/customer/timezone", "Row 4:"],
    ]);
    expect(await stored(ctx)).toEqual({ interactions: 0, invitations: 0 });
  });

  it("checks a file in a dry run, counting what it would store and schedule, and stores nothing", async () => {
    const ctx = await createTestContext();
    await publishedSurvey(ctx);
    const file = rows(20);
    const res = await ctx.request("/api/interactions/import", { as: "admin", body: { dryRun: true, interactions: [...file, file[0]] } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ accepted: 20, duplicates: 1, invitations: 20, dryRun: true });
    expect(await stored(ctx)).toEqual({ interactions: 0, invitations: 0 });
  });

  it("stores nothing new when the same file is sent twice, and says how many were already there", async () => {
    const ctx = await createTestContext();
    await publishedSurvey(ctx);
    const file = rows(300);
    const first = await ctx.request("/api/interactions/import", { as: "admin", body: { interactions: file } });
    expect(first.json).toEqual({ accepted: 300, duplicates: 0, invitations: 300, dryRun: false });
    const again = await ctx.request("/api/interactions/import", { as: "admin", body: { interactions: file } });
    expect(again.status).toBe(201);
    expect(again.json).toEqual({ accepted: 0, duplicates: 300, invitations: 0, dryRun: false });
    const checkedAgain = await ctx.request("/api/interactions/import", { as: "admin", body: { dryRun: true, interactions: file } });
    expect(checkedAgain.json).toEqual({ accepted: 0, duplicates: 300, invitations: 0, dryRun: true });
    expect(await stored(ctx)).toEqual({ interactions: 300, invitations: 300 });
  });

  it("shares externalIds with the API: an interaction posted before is a duplicate in a file", async () => {
    const ctx = await createTestContext();
    const [posted, ...others] = rows(3);
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [posted] } });
    const res = await ctx.request("/api/interactions/import", { as: "admin", body: { interactions: [posted, ...others] } });
    expect(res.json).toMatchObject({ accepted: 2, duplicates: 1 });
  });

  it("refuses more than 10,000 rows, asking to split the file", async () => {
    const ctx = await createTestContext();
    const tiny = { externalId: "x", occurredAt: "2026-01-01T00:00:00Z", type: "t", channel: "c", customer: { email: "a@b.co" } };
    const res = await ctx.request("/api/interactions/import", { as: "admin", body: { interactions: Array.from({ length: 10_001 }, () => tiny) } });
    expect(res.status).toBe(422);
    expect(res.json.detail).toBe("Send at most 10,000 interactions in one import; split the file.");
  });

  it("takes a body over the ingestion's 2 MB but refuses one over its own 8 MB", async () => {
    const ctx = await createTestContext();
    const padded = rows(4000).map((r) => ({ ...r, attributes: { note: "x".repeat(200), more: "y".repeat(200) } }));
    const big = await ctx.request("/api/interactions/import", { as: "admin", body: { dryRun: true, interactions: padded } });
    expect(big.status).toBe(200);
    const tooBig = await ctx.request("/api/interactions/import", { as: "admin", body: JSON.stringify({ interactions: [{ pad: "z".repeat(8.5 * 1024 * 1024) }] }) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.detail).toMatch(/larger than 8 MB.*Split the file/);
  });
});

describe("the remembered column mapping", () => {
  it("starts empty with the organisation's time zone, then gives back what was saved", async () => {
    const ctx = await createTestContext();
    await ctx.db.update(organisations).set({ timeZone: "Europe/Lisbon" }).where(eq(organisations.id, ctx.orgId)).run();
    const first = await ctx.request("/api/interactions/import/mapping", { as: "manager" });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ mapping: {}, timeZone: "Europe/Lisbon" });
    const mapping = { "Ticket #": "externalId", "Closed at": "occurredAt", "E-mail": "customer.email", Tier: "attribute", Notes: "ignore", "@timeZone": "America/Sao_Paulo", "@dateOrder": "dmy" };
    const saved = await ctx.request("/api/interactions/import/mapping", { as: "manager", method: "PUT", body: { mapping } });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({ mapping, timeZone: "Europe/Lisbon" });
    expect((await ctx.request("/api/interactions/import/mapping", { as: "admin" })).json.mapping).toEqual(mapping);
  });

  it("refuses a field it does not know, a time zone that does not exist and a date order it cannot read, naming each", async () => {
    const ctx = await createTestContext();
    const res = await ctx.request("/api/interactions/import/mapping", {
      as: "admin",
      method: "PUT",
      body: { mapping: { Email: "customer.mail", "@timeZone": "Europe/Atlantis", "@dateOrder": "ydm" } },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(["/mapping/Email", "/mapping/@timeZone", "/mapping/@dateOrder"]);
    expect(res.json.errors[0].message).toMatch(/^Map column “Email” to one of: ignore, externalId/);
    expect((await ctx.request("/api/interactions/import/mapping", { as: "admin" })).json.mapping).toEqual({});
  });

  it("keeps one organisation's mapping from another's", async () => {
    const ctx = await createTestContext();
    const other = await ctx.addOrganisation("Other org");
    await ctx.request("/api/interactions/import/mapping", { as: "admin", method: "PUT", body: { mapping: { Ref: "externalId" } } });
    expect((await ctx.request("/api/interactions/import/mapping", { ...other.admin })).json.mapping).toEqual({});
  });
});

// The suppression list: admins and managers read it (filtered by reason, searched by address, paged); admins add
// addresses by hand and lift entries with a reason, which keeps the entry and lets the address be emailed again.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { customers, invitations, suppressions } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, ORIGIN, type TestContext } from "../support/app";
import { interaction, publishedSurvey, tokenFromMailbox } from "../support/factories";

const add = (ctx: TestContext, body: unknown) => ctx.request("/api/suppressions", { as: "admin", body });
const list = (ctx: TestContext, query = "", as: "admin" | "manager" = "admin") => ctx.request(`/api/suppressions${query}`, { as });

describe("the suppression list", () => {
  it("adds an address by hand, with its note, making the customer record it did not have", async () => {
    const ctx = await createTestContext();
    const res = await add(ctx, { email: "Someone@Example.org", note: "Asked us by phone to stop." });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ email: "someone@example.org", reason: "manual", detail: "Asked us by phone to stop.", lifted: null });
    const customer = await ctx.db.select().from(customers).where(and(eq(customers.orgId, ctx.orgId), eq(customers.email, "someone@example.org"))).get();
    expect(customer).toBeDefined();
    expect((await list(ctx)).json.items).toEqual([res.json]);
  });

  it("refuses an address already on the list, saying why it is there", async () => {
    const ctx = await createTestContext();
    expect((await add(ctx, { email: "pat@example.org" })).status).toBe(201);
    const again = await add(ctx, { email: "PAT@example.org", note: "twice" });
    expect(again.status).toBe(409);
    expect(again.json.detail).toMatch(/already on the suppression list: it was added by hand/);
  });

  it("says what is wrong with an address that is not one", async () => {
    const ctx = await createTestContext();
    const res = await add(ctx, { email: "not an address" });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([{ path: "/email", message: "Enter an email address like name@example.com." }]);
  });

  it("cancels what is waiting to be sent to an address added by hand", async () => {
    const ctx = await createTestContext();
    await publishedSurvey(ctx, { match: {}, delayMinutes: 60, expiresAfterDays: 7 });
    const item = interaction();
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [item] } });
    expect((await add(ctx, { email: item.customer.email })).status).toBe(201);
    const rows = await ctx.db.select().from(invitations).where(eq(invitations.orgId, ctx.orgId)).all();
    expect(rows).toEqual([expect.objectContaining({ status: "cancelled", cancelReason: "suppressed" })]);
  });

  it("filters by reason and status, searches by part of the address, and pages newest first", async () => {
    const clock = { t: Date.now() };
    const ctx = await createTestContext({ now: () => new Date(clock.t) });
    for (const email of ["a@one.example", "b@one.example", "c@two.example"]) {
      clock.t += 1000;
      expect((await add(ctx, { email })).status).toBe(201);
    }
    // An unsubscribe, through its link, for a reason of its own.
    await publishedSurvey(ctx);
    const item = interaction({ customer: { email: "d@two.example", name: "Dee" } });
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [item] } });
    await runDispatchTick({ ...ctx.deps, now: () => new Date(clock.t) });
    clock.t += 1000;
    const token = await tokenFromMailbox(ctx, item.customer.email);
    expect((await ctx.app.request(`${ORIGIN}/u/${token}`, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) })).status).toBe(200);

    const emails = (res: Awaited<ReturnType<typeof list>>) => res.json.items.map((i: { email: string }) => i.email);
    expect(emails(await list(ctx))).toEqual(["d@two.example", "c@two.example", "b@one.example", "a@one.example"]);
    expect((await list(ctx, "?reason=unsubscribed")).json.items).toEqual([expect.objectContaining({ email: "d@two.example", name: "Dee", reason: "unsubscribed" })]);
    expect(emails(await list(ctx, "?q=ONE.example"))).toEqual(["b@one.example", "a@one.example"]);
    expect(emails(await list(ctx, "?q=%25"))).toEqual([]);

    const first = await list(ctx, "?limit=3");
    expect(emails(first)).toHaveLength(3);
    const second = await list(ctx, `?limit=3&cursor=${first.json.nextCursor}`);
    expect(emails(second)).toEqual(["a@one.example"]);
    expect(second.json.nextCursor).toBeNull();

    const bad = await list(ctx, "?reason=annoyed");
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].message).toBe("Choose a reason: unsubscribed, bounced, complained or manual.");
  });

  it("lifts an entry with a reason, keeps it with who lifted it, and lets new interactions invite the address again", async () => {
    const ctx = await createTestContext();
    await publishedSurvey(ctx);
    const entry = (await add(ctx, { email: "pat@example.org", note: "Asked to stop" })).json;

    const noReason = await ctx.request(`/api/suppressions/${entry.id}/lift`, { as: "admin", body: { reason: "   " } });
    expect(noReason.status).toBe(422);
    expect(noReason.json.errors).toEqual([{ path: "/reason", message: "Say why this address may be emailed again." }]);

    const lifted = await ctx.request(`/api/suppressions/${entry.id}/lift`, { as: "admin", body: { reason: "Asked to hear from us again." } });
    expect(lifted.status, lifted.text).toBe(200);
    expect(lifted.json).toMatchObject({ id: entry.id, reason: "manual", lifted: { reason: "Asked to hear from us again.", by: { email: "admin@test.example" } } });
    expect((await list(ctx)).json.items).toEqual([]);
    expect((await list(ctx, "?status=lifted")).json.items).toEqual([lifted.json]);
    expect((await list(ctx, "?status=all")).json.items).toHaveLength(1);

    const twice = await ctx.request(`/api/suppressions/${entry.id}/lift`, { as: "admin", body: { reason: "again" } });
    expect(twice.status).toBe(409);

    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer: { email: "pat@example.org" } })] } });
    const pending = await ctx.db.select().from(invitations).where(and(eq(invitations.orgId, ctx.orgId), eq(invitations.status, "pending"))).all();
    expect(pending).toHaveLength(1);
    // And the address can be put back on the list afterwards.
    expect((await add(ctx, { email: "pat@example.org" })).status).toBe(201);
    expect(await ctx.db.select().from(suppressions).where(eq(suppressions.orgId, ctx.orgId)).all()).toHaveLength(2);
  });

  it("lets a manager read the list but neither add nor lift", async () => {
    const ctx = await createTestContext();
    const entry = (await add(ctx, { email: "pat@example.org" })).json;
    expect((await list(ctx, "", "manager")).json.items).toHaveLength(1);
    expect((await ctx.request("/api/suppressions", { as: "manager", body: { email: "x@example.org" } })).status).toBe(403);
    expect((await ctx.request(`/api/suppressions/${entry.id}/lift`, { as: "manager", body: { reason: "no" } })).status).toBe(403);
  });

  it("shows one organisation nothing of another's list, and cannot lift their entries", async () => {
    const ctx = await createTestContext();
    const other = await ctx.addOrganisation("Elsewhere");
    const theirs = (await ctx.request("/api/suppressions", { ...other.admin, body: { email: "pat@example.org" } })).json;
    expect((await list(ctx, "?status=all")).json.items).toEqual([]);
    const lift = await ctx.request(`/api/suppressions/${theirs.id}/lift`, { as: "admin", body: { reason: "mine now" } });
    expect(lift.status).toBe(404);
    // The same address is ours to suppress separately.
    expect((await add(ctx, { email: "pat@example.org" })).status).toBe(201);
    expect((await ctx.request("/api/suppressions", { ...other.admin })).json.items).toEqual([expect.objectContaining({ id: theirs.id, lifted: null })]);
  });
});

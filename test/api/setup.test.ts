import { describe, expect, it } from "vitest";
import { organisations, users } from "../../db/schema";
import { createTestContext } from "../support/app";
import { mailTo, surveyDefinition } from "../support/factories";

const TOKEN = "setup-token-setup-token-setup-token-0123";
const production = { production: true, setupToken: TOKEN };

const setupBody = (over: { name?: string; email?: string; timeZone?: string; password?: string; token?: string } = {}) => ({
  token: over.token ?? TOKEN,
  organisation: { name: over.name ?? "Harbour Services", timeZone: over.timeZone ?? "Europe/London" },
  admin: { email: over.email ?? "ops@harbour.example", name: "Olu Operator", password: over.password ?? "a long enough password" },
});

async function linkIn(ctx: { db: Parameters<typeof mailTo>[0] }, to: string, page: string) {
  const [latest] = await mailTo(ctx.db, to);
  const match = new RegExp(`${page}\\?token=([\\w-]+)`).exec(latest?.text ?? "");
  if (!match) throw new Error(`no ${page} link emailed to ${to}`);
  return match[1]!;
}

describe("first-run setup", () => {
  it("takes an empty production database to an organisation with an admin, who invites a manager who signs in", async () => {
    const ctx = await createTestContext({ empty: true, settings: production });
    expect((await ctx.request(`/api/setup?token=${TOKEN}`)).json).toEqual({ ready: true });

    const setup = await ctx.request("/api/setup", { body: setupBody() });
    expect(setup.status).toBe(201);
    expect(setup.json.user).toMatchObject({ email: "ops@harbour.example", role: "admin", name: "Olu Operator" });
    expect(setup.json.organisation).toMatchObject({ name: "Harbour Services", timeZone: "Europe/London" });
    const adminCookie = setup.headers.get("set-cookie")!.split(";")[0]!;
    expect(setup.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect((await ctx.request("/api/me", { headers: { cookie: adminCookie } })).json).toMatchObject({ role: "admin" });

    const invite = await ctx.request("/api/people/invitations", { headers: { cookie: adminCookie }, body: { email: "Mina@Harbour.example", name: "Mina", role: "manager" } });
    expect(invite.status).toBe(201);
    expect(invite.json).toMatchObject({ delivery: "sent", person: { email: "mina@harbour.example", role: "manager", status: "invited" } });

    const token = await linkIn(ctx, "mina@harbour.example", "/accept-invite");
    expect((await ctx.request(`/api/auth/tokens/${token}`)).json).toMatchObject({ purpose: "invite", email: "mina@harbour.example", organisation: "Harbour Services" });
    const accepted = await ctx.request("/api/auth/invitations/accept", { body: { token, password: "minas own password" } });
    expect(accepted.status).toBe(200);
    const managerCookie = accepted.headers.get("set-cookie")!.split(";")[0]!;
    expect((await ctx.request("/api/surveys", { headers: { cookie: managerCookie }, body: { title: "Counter visit", definition: surveyDefinition() } })).status).toBe(201);
    expect(await ctx.signIn("mina@harbour.example", "minas own password")).toMatch(/^rapport_session=/);

    const people = await ctx.request("/api/people", { headers: { cookie: adminCookie } });
    expect(people.json.items.map((p: { email: string; status: string }) => [p.email, p.status])).toEqual([
      ["mina@harbour.example", "active"],
      ["ops@harbour.example", "active"],
    ]);
  });

  it("answers 404 to a wrong token, a missing one, and when the server has no setup token", async () => {
    const ctx = await createTestContext({ empty: true, settings: production });
    for (const path of ["/api/setup?token=nope", "/api/setup", `/api/setup?token=${TOKEN}x`]) {
      const res = await ctx.request(path);
      expect(res.status).toBe(404);
      expect(res.json.detail).toBe("There is no setup to do at this address. If Rapport is already set up, sign in instead.");
    }
    expect((await ctx.request("/api/setup", { body: setupBody({ token: "wrong" }) })).status).toBe(404);
    const without = await createTestContext({ empty: true, settings: { production: true } });
    expect((await without.request(`/api/setup?token=${TOKEN}`)).status).toBe(404);
    expect((await without.request("/api/setup", { body: setupBody() })).status).toBe(404);
    expect(await without.db.select().from(organisations).all()).toEqual([]);
  });

  it("refuses setup once it has run, whatever the body, and whenever any organisation exists", async () => {
    const ctx = await createTestContext({ empty: true, settings: production });
    expect((await ctx.request("/api/setup", { body: setupBody() })).status).toBe(201);
    expect((await ctx.request(`/api/setup?token=${TOKEN}`)).status).toBe(404);
    expect((await ctx.request("/api/setup", { body: setupBody({ name: "Second", email: "two@x.example" }) })).status).toBe(404);
    expect((await ctx.request("/api/setup", { body: { token: TOKEN } })).status).toBe(404);
    expect(await ctx.db.select().from(organisations).all()).toHaveLength(1);

    const seeded = await createTestContext({ settings: production });
    expect((await seeded.request(`/api/setup?token=${TOKEN}`)).status).toBe(404);
  });

  it("lets exactly one of two concurrent setups succeed and writes nothing for the other", async () => {
    const ctx = await createTestContext({ empty: true, settings: production });
    const results = await Promise.all([
      ctx.request("/api/setup", { body: setupBody({ name: "First", email: "one@x.example" }) }),
      ctx.request("/api/setup", { body: setupBody({ name: "Second", email: "two@x.example" }) }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 404]);
    expect(await ctx.db.select().from(organisations).all()).toHaveLength(1);
    expect(await ctx.db.select().from(users).all()).toHaveLength(1);
  });

  it("stores the canonical time zone and says in plain words what is wrong with a form", async () => {
    const ctx = await createTestContext({ empty: true, settings: production });
    const bad = await ctx.request("/api/setup", { body: setupBody({ timeZone: "Mars/Olympus_Mons", password: "short", email: "not-an-email" }) });
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual(
      expect.arrayContaining([
        { path: "/organisation/timeZone", message: "Choose a time zone from the list, such as Europe/London." },
        { path: "/admin/password", message: "Choose a password of at least 10 characters." },
        { path: "/admin/email", message: "Enter an email address like name@example.com." },
      ]),
    );
    const good = await ctx.request("/api/setup", { body: setupBody({ timeZone: "america/new_york" }) });
    expect(good.json.organisation.timeZone).toBe("America/New_York");
  });
});

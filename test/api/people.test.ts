import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { agents, userTokens } from "../../db/schema";
import { createDevMailbox } from "../../server/mail/dev-mailbox";
import type { Mailer } from "../../server/mail/mailer";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, mailTo, surveyDefinition } from "../support/factories";

const NEW_PASSWORD = "a brand new password";

async function linkIn(ctx: TestContext, to: string, page: "/accept-invite" | "/reset-password") {
  const [latest] = await mailTo(ctx.db, to);
  const match = new RegExp(`${page}\\?token=([\\w-]+)`).exec(latest?.text ?? "");
  if (!match) throw new Error(`no ${page} link emailed to ${to}`);
  return match[1]!;
}

async function invite(ctx: TestContext, email: string, role = "manager", as: "admin" = "admin") {
  const res = await ctx.request("/api/people/invitations", { as, body: { email, role } });
  expect(res.status).toBe(201);
  return res.json.person as { id: string; email: string };
}

const cookieOf = (res: { headers: Headers }) => res.headers.get("set-cookie")!.split(";")[0]!;

function clock(start = new Date("2030-03-01T09:00:00Z")) {
  let at = start.getTime();
  return {
    now: () => new Date(at),
    advance: (ms: number) => {
      at += ms;
    },
  };
}

describe("people", () => {
  it("lists the organisation's people newest first, a page at a time, with status and inviter", async () => {
    const time = clock();
    const ctx = await createTestContext({ now: time.now });
    time.advance(1000);
    await invite(ctx, "new@test.example", "agent");
    const first = await ctx.request("/api/people?limit=2", { as: "admin" });
    expect(first.status).toBe(200);
    expect(first.json.items[0]).toMatchObject({ email: "new@test.example", role: "agent", status: "invited", invitedBy: { email: "admin@test.example" } });
    expect(first.json.items).toHaveLength(2);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const rest = await ctx.request(`/api/people?limit=50&cursor=${first.json.nextCursor}`, { as: "admin" });
    expect(rest.json.nextCursor).toBeNull();
    const all = [...first.json.items, ...rest.json.items].map((p: { email: string }) => p.email);
    expect(all.sort()).toEqual(["admin@test.example", "agent@test.example", "manager@test.example", "new@test.example", "reviewer@test.example"]);
    expect(rest.json.items.every((p: { status: string }) => p.status === "active")).toBe(true);
  });

  it("lets only admins see and manage people", async () => {
    const ctx = await createTestContext();
    expect((await ctx.request("/api/people")).status).toBe(401);
    for (const as of ["manager", "reviewer", "agent"] as const) {
      expect((await ctx.request("/api/people", { as })).status).toBe(403);
      expect((await ctx.request("/api/people/invitations", { as, body: { email: "x@test.example", role: "admin" } })).status).toBe(403);
    }
  });

  it("invites a person, who cannot sign in until they choose a password from the emailed link", async () => {
    const ctx = await createTestContext();
    const person = await invite(ctx, "Pat@Test.example", "reviewer");
    expect((await ctx.request("/api/auth/login", { body: { email: "pat@test.example", password: NEW_PASSWORD } })).status).toBe(401);
    const token = await linkIn(ctx, "pat@test.example", "/accept-invite");
    const about = await ctx.request(`/api/auth/tokens/${token}`);
    expect(about.json).toMatchObject({ purpose: "invite", email: "pat@test.example", organisation: "Test org" });

    const short = await ctx.request("/api/auth/invitations/accept", { body: { token, password: "short" } });
    expect(short.status).toBe(422);
    expect(short.json.errors).toEqual([{ path: "/password", message: "Choose a password of at least 10 characters." }]);

    const accepted = await ctx.request("/api/auth/invitations/accept", { body: { token, password: NEW_PASSWORD, name: "Pat Lee" } });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ id: person.id, email: "pat@test.example", role: "reviewer", name: "Pat Lee" });
    expect((await ctx.request("/api/me", { headers: { cookie: cookieOf(accepted) } })).json.email).toBe("pat@test.example");
    expect(await ctx.signIn("pat@test.example", NEW_PASSWORD)).toBeTruthy();
  });

  it("refuses an address that already has an account in any organisation", async () => {
    const ctx = await createTestContext();
    const other = await ctx.addOrganisation("Other org");
    for (const email of ["manager@test.example", other.adminEmail, "MANAGER@test.example"]) {
      const res = await ctx.request("/api/people/invitations", { as: "admin", body: { email, role: "reviewer" } });
      expect(res.status).toBe(409);
      expect(res.json.detail).toBe("That address already has a Rapport account.");
    }
  });

  it("keeps an invitation whose email failed, says so, and a resend sends a new link that replaces the old one", async () => {
    let failing = true;
    const ctx = await createTestContext({
      mailer: (db): Mailer => {
        const inbox = createDevMailbox(db);
        return { kind: "dev-mailbox", sendBatch: (emails, key) => (failing ? Promise.resolve({ ok: false, retryable: true, definite: true, message: "503 unavailable" }) : inbox.sendBatch(emails, key)) };
      },
    });
    const res = await ctx.request("/api/people/invitations", { as: "admin", body: { email: "sam@test.example", role: "manager" } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ delivery: "failed", person: { status: "invited" } });
    expect(res.json.message).toMatch(/Resend invitation/);
    expect(await mailTo(ctx.db, "sam@test.example")).toEqual([]);

    failing = false;
    const resent = await ctx.request(`/api/people/${res.json.person.id}/invitation`, { as: "admin", method: "POST" });
    expect(resent.status).toBe(201);
    expect(resent.json.delivery).toBe("sent");
    const firstToken = await linkIn(ctx, "sam@test.example", "/accept-invite");
    const again = await ctx.request(`/api/people/${res.json.person.id}/invitation`, { as: "admin", method: "POST" });
    expect(again.json.delivery).toBe("sent");
    const secondToken = await linkIn(ctx, "sam@test.example", "/accept-invite");
    expect(secondToken).not.toBe(firstToken);
    expect((await ctx.request(`/api/auth/tokens/${firstToken}`)).status).toBe(410);
    expect((await ctx.request("/api/auth/invitations/accept", { body: { token: secondToken, password: NEW_PASSWORD } })).status).toBe(200);

    const done = await ctx.request(`/api/people/${res.json.person.id}/invitation`, { as: "admin", method: "POST" });
    expect(done.status).toBe(409);
  });

  it("answers 410 to an expired invitation and to one already used, and 404 to an unknown link", async () => {
    const time = clock();
    const ctx = await createTestContext({ now: time.now });
    await invite(ctx, "late@test.example");
    await invite(ctx, "twice@test.example");
    const late = await linkIn(ctx, "late@test.example", "/accept-invite");
    const twice = await linkIn(ctx, "twice@test.example", "/accept-invite");

    expect((await ctx.request("/api/auth/invitations/accept", { body: { token: twice, password: NEW_PASSWORD } })).status).toBe(200);
    const reused = await ctx.request("/api/auth/invitations/accept", { body: { token: twice, password: "another password!" } });
    expect(reused.status).toBe(410);
    expect(reused.json.detail).toMatch(/already been used/);

    time.advance(7 * 86_400_000 + 1);
    const expired = await ctx.request("/api/auth/invitations/accept", { body: { token: late, password: NEW_PASSWORD } });
    expect(expired.status).toBe(410);
    expect(expired.json.detail).toMatch(/expired/);
    expect((await ctx.request(`/api/auth/tokens/${late}`)).status).toBe(410);

    const unknown = await ctx.request("/api/auth/tokens/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    expect(unknown.status).toBe(404);
    expect(unknown.json.detail).toMatch(/We do not know this link/);
  });

  it("lets only one of two simultaneous uses of a link succeed", async () => {
    const ctx = await createTestContext();
    await invite(ctx, "race@test.example");
    const token = await linkIn(ctx, "race@test.example", "/accept-invite");
    const results = await Promise.all([
      ctx.request("/api/auth/invitations/accept", { body: { token, password: "first password!" } }),
      ctx.request("/api/auth/invitations/accept", { body: { token, password: "second password" } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 410]);
  });

  it("answers a reset request identically whether or not the address has an account, and emails only real accounts", async () => {
    const ctx = await createTestContext();
    const known = await ctx.request("/api/auth/password-reset", { body: { email: "manager@test.example" } });
    const unknown = await ctx.request("/api/auth/password-reset", { body: { email: "nobody@test.example" } });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.text).toBe(known.text);
    expect(await mailTo(ctx.db, "manager@test.example")).toHaveLength(1);
    expect(await mailTo(ctx.db, "nobody@test.example")).toHaveLength(0);
  });

  it("resets a password once within the hour and ends every session of that person", async () => {
    const time = clock();
    const ctx = await createTestContext({ now: time.now });
    const oldSession = await ctx.sessionCookie("manager");
    await ctx.request("/api/auth/password-reset", { body: { email: "manager@test.example" } });
    const token = await linkIn(ctx, "manager@test.example", "/reset-password");
    expect((await ctx.request(`/api/auth/tokens/${token}`)).json).toMatchObject({ purpose: "reset", email: "manager@test.example" });
    // An invitation link endpoint does not take a reset link.
    expect((await ctx.request("/api/auth/invitations/accept", { body: { token, password: NEW_PASSWORD } })).status).toBe(404);

    const done = await ctx.request("/api/auth/password-reset/complete", { body: { token, password: NEW_PASSWORD } });
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ email: "manager@test.example" });
    expect((await ctx.request("/api/me", { headers: { cookie: oldSession } })).status).toBe(401);
    expect(await ctx.signIn("manager@test.example", NEW_PASSWORD)).toBeTruthy();
    expect((await ctx.request("/api/auth/password-reset/complete", { body: { token, password: "yet another one" } })).status).toBe(410);

    await ctx.request("/api/auth/password-reset", { body: { email: "manager@test.example" } });
    const slow = await linkIn(ctx, "manager@test.example", "/reset-password");
    time.advance(60 * 60_000 + 1);
    const expired = await ctx.request("/api/auth/password-reset/complete", { body: { token: slow, password: "yet another one" } });
    expect(expired.status).toBe(410);
    expect(expired.json.detail).toMatch(/expired/);
  });

  it("does not email a reset link to a deactivated person or one still invited", async () => {
    const ctx = await createTestContext();
    await invite(ctx, "pending@test.example");
    await ctx.request("/api/auth/password-reset", { body: { email: "pending@test.example" } });
    expect((await mailTo(ctx.db, "pending@test.example")).map((m) => m.subject)).toEqual([expect.stringMatching(/^Join /)]);
    const list = await ctx.request("/api/people", { as: "admin" });
    const revId = list.json.items.find((p: { email: string }) => p.email === "reviewer@test.example").id;
    await ctx.request(`/api/people/${revId}`, { as: "admin", method: "PATCH", body: { active: false } });
    await ctx.request("/api/auth/password-reset", { body: { email: "reviewer@test.example" } });
    expect(await mailTo(ctx.db, "reviewer@test.example")).toEqual([]);
  });

  it("ends a deactivated person's session at once, refuses their sign-in and links, and lets them back in when reactivated", async () => {
    const ctx = await createTestContext();
    const session = await ctx.sessionCookie("manager");
    expect((await ctx.request("/api/me", { headers: { cookie: session } })).status).toBe(200);
    const list = await ctx.request("/api/people", { as: "admin" });
    const id = list.json.items.find((p: { email: string }) => p.email === "manager@test.example").id;

    const off = await ctx.request(`/api/people/${id}`, { as: "admin", method: "PATCH", body: { active: false } });
    expect(off.status).toBe(200);
    expect(off.json.status).toBe("deactivated");
    expect((await ctx.request("/api/me", { headers: { cookie: session } })).status).toBe(401);
    const login = await ctx.request("/api/auth/login", { body: { email: "manager@test.example", password: "correct horse battery" } });
    expect(login.status).toBe(401);
    expect(login.json.detail).toBe("The email or password is not right.");

    const on = await ctx.request(`/api/people/${id}`, { as: "admin", method: "PATCH", body: { active: true } });
    expect(on.json.status).toBe("active");
    expect(await ctx.signIn("manager@test.example")).toBeTruthy();
  });

  it("makes a pending invitation unusable when the person is deactivated", async () => {
    const ctx = await createTestContext();
    const person = await invite(ctx, "gone@test.example");
    const token = await linkIn(ctx, "gone@test.example", "/accept-invite");
    await ctx.request(`/api/people/${person.id}`, { as: "admin", method: "PATCH", body: { active: false } });
    expect((await ctx.request("/api/auth/invitations/accept", { body: { token, password: NEW_PASSWORD } })).status).toBe(410);
    expect((await ctx.db.select().from(userTokens).all()).every((t) => t.usedAt !== null)).toBe(true);
  });

  it("refuses to demote or deactivate the last active admin, yourself included, in plain words", async () => {
    const ctx = await createTestContext();
    const me = (await ctx.request("/api/me", { as: "admin" })).json;
    // An admin who has not yet accepted the invitation does not count.
    await invite(ctx, "second-admin@test.example", "admin");
    for (const body of [{ role: "manager" }, { active: false }, { role: "agent", active: true }]) {
      const res = await ctx.request(`/api/people/${me.id}`, { as: "admin", method: "PATCH", body });
      expect(res.status).toBe(409);
      expect(res.json.detail).toBe("You are the only active admin. Make someone else an admin first, so the organisation always has one.");
    }
    expect((await ctx.request("/api/me", { as: "admin" })).json.role).toBe("admin");

    const list = await ctx.request("/api/people", { as: "admin" });
    const managerId = list.json.items.find((p: { email: string }) => p.email === "manager@test.example").id;
    expect((await ctx.request(`/api/people/${managerId}`, { as: "admin", method: "PATCH", body: { role: "admin" } })).json.role).toBe("admin");
    const stepDown = await ctx.request(`/api/people/${me.id}`, { as: "admin", method: "PATCH", body: { role: "reviewer" } });
    expect(stepDown.status).toBe(200);
    expect(stepDown.json.role).toBe("reviewer");
  });

  it("applies a role change on the person's very next request", async () => {
    const ctx = await createTestContext();
    const session = await ctx.sessionCookie("manager");
    const create = (cookie: string) => ctx.request("/api/surveys", { headers: { cookie }, body: { title: "Visit", definition: surveyDefinition() } });
    expect((await create(session)).status).toBe(201);
    const list = await ctx.request("/api/people", { as: "admin" });
    const id = list.json.items.find((p: { email: string }) => p.email === "manager@test.example").id;
    await ctx.request(`/api/people/${id}`, { as: "admin", method: "PATCH", body: { role: "reviewer" } });
    expect((await create(session)).status).toBe(403);
    expect((await ctx.request("/api/me", { headers: { cookie: session } })).json.role).toBe("reviewer");
  });

  it("validates a change in plain words", async () => {
    const ctx = await createTestContext();
    const me = (await ctx.request("/api/me", { as: "admin" })).json;
    const empty = await ctx.request(`/api/people/${me.id}`, { as: "admin", method: "PATCH", body: {} });
    expect(empty.status).toBe(422);
    expect(empty.json.errors[0].message).toBe("Send a new role, active: true or false, a staff record (agentId) or units (unitIds).");
    const role = await ctx.request(`/api/people/${me.id}`, { as: "admin", method: "PATCH", body: { role: "owner" } });
    expect(role.json.errors).toEqual([{ path: "/role", message: "Choose a role: admin, manager, reviewer, agent." }]);
    expect((await ctx.request("/api/people/no-such-id", { as: "admin", method: "PATCH", body: { active: false } })).status).toBe(404);
  });

  it("keeps two organisations apart: the second admin sees none of the first's people or surveys and cannot touch them", async () => {
    const ctx = await createTestContext();
    await ctx.request("/api/surveys", { as: "manager", body: { title: "First org survey", definition: surveyDefinition() } });
    const firstPeople = (await ctx.request("/api/people", { as: "admin" })).json.items as { id: string }[];
    const other = await ctx.addOrganisation("Other org");
    const as = { cookie: other.adminCookie };

    const people = await ctx.request("/api/people", { headers: as });
    expect(people.json.items.map((p: { email: string }) => p.email)).toEqual([other.adminEmail]);
    const surveys = (await ctx.request("/api/surveys", { headers: as })).json;
    // The list is being moved to {items, nextCursor}; either shape must be empty here.
    expect(Array.isArray(surveys) ? surveys : surveys.items).toEqual([]);
    for (const person of firstPeople) {
      expect((await ctx.request(`/api/people/${person.id}`, { headers: as, method: "PATCH", body: { active: false } })).status).toBe(404);
      expect((await ctx.request(`/api/people/${person.id}/invitation`, { headers: as, method: "POST" })).status).toBe(404);
    }
    expect((await ctx.request("/api/me", { as: "manager" })).status).toBe(200);
    const invited = await ctx.request("/api/people/invitations", { headers: as, body: { email: "x@other.example", role: "manager" } });
    expect(invited.json.person.invitedBy.email).toBe(other.adminEmail);
    expect((await ctx.request("/api/people", { as: "admin" })).json.items.map((p: { email: string }) => p.email)).not.toContain("x@other.example");
  });

  it("changes your own password when you give the current one, ending your other sessions but not this one", async () => {
    const ctx = await createTestContext();
    const here = await ctx.signIn("reviewer@test.example");
    const elsewhere = await ctx.signIn("reviewer@test.example");
    const wrong = await ctx.request("/api/me/password", { headers: { cookie: here }, body: { currentPassword: "not it", newPassword: NEW_PASSWORD } });
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors).toEqual([{ path: "/currentPassword", message: "This is not your current password. Type it again." }]);
    const tooLong = await ctx.request("/api/me/password", { headers: { cookie: here }, body: { currentPassword: "correct horse battery", newPassword: "x".repeat(1025) } });
    expect(tooLong.json.errors).toEqual([{ path: "/newPassword", message: "Choose a password of at most 1024 characters." }]);

    const ok = await ctx.request("/api/me/password", { headers: { cookie: here }, body: { currentPassword: "correct horse battery", newPassword: NEW_PASSWORD } });
    expect(ok.status).toBe(204);
    expect((await ctx.request("/api/me", { headers: { cookie: here } })).status).toBe(200);
    expect((await ctx.request("/api/me", { headers: { cookie: elsewhere } })).status).toBe(401);
    expect(await ctx.signIn("reviewer@test.example", NEW_PASSWORD)).toBeTruthy();
    expect((await ctx.request("/api/me/password", { body: { currentPassword: "a", newPassword: NEW_PASSWORD } })).status).toBe(401);
  });
  it("links an agent to their staff record and gives a manager units, in plain words when either does not fit", async () => {
    const ctx = await createTestContext();
    const posted = [interaction({ unit: "North", agent: "Ana Lima" }), interaction({ unit: "South", agent: "Ben Ode" })];
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: posted } });
    const unitsByName = new Map(((await ctx.request("/api/units?limit=200", { as: "admin" })).json.items as { id: string; name: string }[]).map((u) => [u.name, u.id]));
    const [ana] = await ctx.db.select({ id: agents.id }).from(agents).where(eq(agents.name, "Ana Lima"));
    const people: { id: string; role: string }[] = (await ctx.request("/api/people", { as: "admin" })).json.items;
    const agent = people.find((p) => p.role === "agent")!;
    const manager = people.find((p) => p.role === "manager")!;

    const linked = await ctx.request(`/api/people/${agent.id}`, { method: "PATCH", as: "admin", body: { agentId: ana!.id } });
    expect(linked.status).toBe(200);
    expect(linked.json.agent).toEqual({ id: ana!.id, name: "Ana Lima" });
    expect((await ctx.request("/api/me", { as: "agent" })).json.agentId).toBe(ana!.id);

    const scoped = await ctx.request(`/api/people/${manager.id}`, { method: "PATCH", as: "admin", body: { unitIds: [unitsByName.get("North"), unitsByName.get("South")] } });
    expect(scoped.json.units.map((u: { name: string }) => u.name)).toEqual(["North", "South"]);
    expect((await ctx.request(`/api/people/${manager.id}`, { method: "PATCH", as: "admin", body: { unitIds: [] } })).json.units).toEqual([]);

    const wrongRole = await ctx.request(`/api/people/${manager.id}`, { method: "PATCH", as: "admin", body: { agentId: ana!.id } });
    expect(wrongRole.status).toBe(422);
    expect(wrongRole.json.errors[0]).toEqual({ path: "/agentId", message: "Only an agent is linked to a staff record." });
    const elsewhere = await createTestContext();
    await elsewhere.request("/api/interactions", { apiKey: elsewhere.apiKey, body: { interactions: [interaction({ unit: "Far" })] } });
    const farUnit = (await elsewhere.request("/api/units?limit=200", { as: "admin" })).json.items[0].id;
    const foreign = await ctx.request(`/api/people/${manager.id}`, { method: "PATCH", as: "admin", body: { unitIds: [farUnit] } });
    expect(foreign.status).toBe(422);
    expect(foreign.json.errors[0].path).toBe("/unitIds/0");

    // Becoming a reviewer drops the staff record: a reviewer has no cases of their own.
    const promoted = await ctx.request(`/api/people/${agent.id}`, { method: "PATCH", as: "admin", body: { role: "reviewer" } });
    expect(promoted.json.agent).toBeNull();
  });
});

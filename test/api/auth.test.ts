import { describe, expect, it } from "vitest";
import { createTestContext, ORIGIN, PASSWORD } from "../support/app";

describe("auth", () => {
  it("signs in with an HttpOnly SameSite cookie and tells who is signed in", async () => {
    const ctx = await createTestContext();
    const res = await ctx.app.request(`${ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ email: "Manager@Test.example", password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await ctx.app.request(`${ORIGIN}/api/me`, { headers: { cookie: cookie.split(";")[0]! } });
    expect(await me.json()).toMatchObject({ email: "manager@test.example", role: "manager" });
  });

  it("answers a wrong password and an unknown email with the same 401 problem", async () => {
    const ctx = await createTestContext();
    const wrong = await ctx.request("/api/auth/login", { body: { email: "manager@test.example", password: "nope" } });
    const unknown = await ctx.request("/api/auth/login", { body: { email: "nobody@test.example", password: "nope" } });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(res.json.detail).toBe("The email or password is not right.");
    }
  });

  it("rejects a login body that is not JSON with 415, and malformed JSON with 400", async () => {
    const ctx = await createTestContext();
    const form = await ctx.request("/api/auth/login", { body: "email=a", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect([403, 415]).toContain(form.status);
    const broken = await ctx.request("/api/auth/login", { body: "{nope" });
    expect(broken.status).toBe(400);
  });

  it("refuses a cross-site form post even with a valid session cookie", async () => {
    const ctx = await createTestContext();
    const res = await ctx.request("/api/surveys", {
      as: "manager",
      body: "title=x",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(403);
  });

  it("needs a session for /api/me and forgets it after logout", async () => {
    const ctx = await createTestContext();
    expect((await ctx.request("/api/me")).status).toBe(401);
    const cookie = await ctx.sessionCookie("reviewer");
    const out = await ctx.request("/api/auth/logout", { method: "POST", headers: { cookie } });
    expect(out.status).toBe(204);
    expect((await ctx.request("/api/me", { headers: { cookie } })).status).toBe(401);
  });

  it("lets only admins create API keys, shows the key once and stores only its hash", async () => {
    const ctx = await createTestContext();
    expect((await ctx.request("/api/api-keys", { as: "manager", body: { name: "helpdesk" } })).status).toBe(403);
    const created = await ctx.request("/api/api-keys", { as: "admin", body: { name: "helpdesk" } });
    expect(created.status).toBe(201);
    expect(created.json.key).toMatch(/^rpk_[A-Za-z0-9_-]{32}$/);
    const listed = await ctx.request("/api/api-keys", { as: "admin" });
    expect(JSON.stringify(listed.json)).not.toContain(created.json.key);
    const used = await ctx.request("/api/interactions", { apiKey: created.json.key, body: { interactions: [] } });
    expect(used.status).toBe(422);
    const after = await ctx.request("/api/api-keys", { as: "admin" });
    expect(after.json.items.find((k: { id: string }) => k.id === created.json.id).lastUsedAt).not.toBeNull();
  });

  it("revokes an API key at once, records who did it, and keeps the first revocation", async () => {
    const ctx = await createTestContext();
    const created = await ctx.request("/api/api-keys", { as: "admin", body: { name: "helpdesk" } });
    const post = () => ctx.request("/api/interactions", { apiKey: created.json.key, body: { interactions: [] } });
    // 422 (an empty batch) shows the key was accepted; the very next request after revoking must not be.
    expect((await post()).status).toBe(422);
    for (const role of ["manager", "reviewer"] as const) {
      expect((await ctx.request(`/api/api-keys/${created.json.id}/revoke`, { as: role, body: {} })).status).toBe(403);
    }
    expect((await post()).status).toBe(422);
    const revoked = await ctx.request(`/api/api-keys/${created.json.id}/revoke`, { as: "admin", body: {} });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ id: created.json.id, revokedBy: { email: "admin@test.example" }, createdBy: { email: "admin@test.example" } });
    expect(revoked.json.revokedAt).not.toBeNull();
    const refused = await post();
    expect(refused.status).toBe(401);
    expect(refused.json.detail).toMatch(/revoked/);

    const again = await ctx.request(`/api/api-keys/${created.json.id}/revoke`, { as: "admin", body: {} });
    expect(again.json.revokedAt).toBe(revoked.json.revokedAt);
    const listed = (await ctx.request("/api/api-keys", { as: "admin" })).json.items.find((k: { id: string }) => k.id === created.json.id);
    expect(listed).toMatchObject({ revokedAt: revoked.json.revokedAt, revokedBy: { email: "admin@test.example" } });

    const other = await ctx.addOrganisation("Elsewhere");
    const foreign = await ctx.request(`/api/api-keys/${created.json.id}/revoke`, { headers: { cookie: other.adminCookie }, body: {} });
    expect(foreign.status).toBe(404);
    expect((await ctx.request("/api/interactions", { apiKey: other.apiKey, body: { interactions: [] } })).status).toBe(422);
  });
});

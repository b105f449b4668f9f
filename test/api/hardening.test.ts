// Defences asserted on responses: security headers, sign-in and public throttling, body caps, compression.
import { existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimits } from "../../db/schema";
import { BODY_CAPS } from "../../server/lib/body-limits";
import { assetHeadersFile } from "../../server/lib/security-headers";
import { mountWebApp, nodeClientAddress, nodeRespondPage, pickEncoding, withCompression } from "../../server/node-runtime";
import { precompressDir } from "../../web/build/precompress";
import { createTestContext, ORIGIN, PASSWORD, type TestContext } from "../support/app";
import { webDist } from "../support/browser";
import { interaction, surveyDefinition } from "../support/factories";

// The test app takes the client address from a header, so one test can play many clients.
const byHeader = { clientAddress: (c: { req: { header(name: string): string | undefined } }) => c.req.header("x-test-address") };
const from = (address: string) => ({ "x-test-address": address });

function expectSecurityHeaders(headers: Headers, referrer = "strict-origin-when-cross-origin") {
  const csp = headers.get("content-security-policy") ?? "";
  for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "img-src 'self' https: data:"]) {
    expect(csp).toContain(directive);
  }
  expect(csp.split(";").find((d) => d.trim().startsWith("script-src"))).not.toMatch(/unsafe/);
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("referrer-policy")).toBe(referrer);
  expect(headers.get("cross-origin-opener-policy")).toBe("same-origin");
}

// A small built web app: two pages, one bundle big enough to be precompressed, one too small to bother.
function fakeDist() {
  const dir = mkdtempSync(join(tmpdir(), "rapport-hardening-"));
  for (const page of ["admin", "respond"]) {
    mkdirSync(join(dir, page));
    // The respondent page is also the template the server draws survey pages into, between the markers.
    writeFileSync(join(dir, page, "index.html"), `<!doctype html><html lang="en"><title>${page}</title>${`<p>${page} page body text</p>`.repeat(40)}<!--page--><!--/page-->\n`);
  }
  mkdirSync(join(dir, "assets"));
  const bundle = Array.from({ length: 800 }, (_, i) => `export const value${i} = "survey question number ${i}";`).join("\n");
  writeFileSync(join(dir, "assets", "app-Hash1.js"), bundle);
  writeFileSync(join(dir, "assets", "tiny-Hash2.js"), "export {};\n");
  return dir;
}

describe("security headers", () => {
  let ctx: TestContext;
  let dist: string;
  beforeAll(async () => {
    dist = fakeDist();
    ctx = await createTestContext({ respondPage: nodeRespondPage(dist) });
    mountWebApp(ctx.app, dist);
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it("go out on API answers, problems, pages and assets alike", async () => {
    for (const path of ["/api/health", "/api/no-such-thing", "/api/surveys", "/", "/surveys/123", "/assets/app-Hash1.js", "/assets/missing.js"]) {
      const res = await ctx.app.request(`${ORIGIN}${path}`);
      expectSecurityHeaders(res.headers);
      expect(res.headers.get("strict-transport-security"), path).toBeNull();
    }
  });

  it("send no referrer from the respondent page, whose links carry the invitation token", async () => {
    const res = await ctx.app.request(`${ORIGIN}/s/some-token`);
    // Drawn by the server: an unknown token is a page saying so.
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expectSecurityHeaders(res.headers, "no-referrer");
  });

  it("add HSTS only when the public URL is https", async () => {
    const secure = await createTestContext({ settings: { publicUrl: "https://rapport.example" } });
    const res = await secure.app.request("https://rapport.example/api/health");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("are the same for Workers' static bundles, in the _headers file the build writes", () => {
    const file = assetHeadersFile();
    expect(file.split("\n")[0]).toBe("/assets/*");
    const headers = new Headers(
      file
        .split("\n")
        .slice(1)
        .filter(Boolean)
        .map((line) => line.trim().split(/:\s(.*)/s).slice(0, 2) as [string, string]),
    );
    expectSecurityHeaders(headers);
    expect(headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it.skipIf(!existsSync(join(webDist, "admin", "index.html")))("leave no inline script in the built pages", () => {
    for (const page of ["admin", "respond", "docs"]) {
      const html = readFileSync(join(webDist, page, "index.html"), "utf8");
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, page).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs, page).toMatch(/\bsrc="\/assets\//);
        expect(body!.trim(), page).toBe("");
      }
      expect(html, page).not.toMatch(/\son[a-z]+=/i);
    }
    expect(readFileSync(join(webDist, "_headers"), "utf8")).toBe(assetHeadersFile());
  });
});

describe("sign-in throttling", () => {
  const login = (ctx: TestContext, email: string, password: string, address: string) =>
    ctx.request("/api/auth/login", { body: { email, password }, headers: from(address) });

  it("refuses an account after 5 failures with a 429 that does not say which part was wrong, and leaves other accounts alone", async () => {
    // A fixed clock at the start of a window: near a window's end the wait is rightly given in seconds.
    const ctx = await createTestContext({ ...byHeader, now: () => new Date("2030-03-01T09:00:05Z") });
    for (let i = 0; i < 5; i++) expect((await login(ctx, "manager@test.example", "wrong", `10.0.0.${i}`)).status).toBe(401);
    const refused = await login(ctx, "Manager@Test.example", "wrong", "10.0.1.1");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
    expect(refused.json.detail).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ minutes?\.$/);
    expect(refused.json.detail).not.toMatch(/password|email|account/i);
    // Even the right password waits: otherwise the 429 would only slow guessing, not stop it.
    expect((await login(ctx, "manager@test.example", PASSWORD, "10.0.1.2")).status).toBe(429);
    expect((await login(ctx, "reviewer@test.example", PASSWORD, "10.0.0.1")).status).toBe(200);
  });

  it("refuses an address after 20 failures across accounts, and leaves other addresses alone", async () => {
    const ctx = await createTestContext(byHeader);
    for (let i = 0; i < 20; i++) expect((await login(ctx, `guess${i}@test.example`, "wrong", "192.0.2.7")).status).toBe(401);
    const refused = await login(ctx, "admin@test.example", PASSWORD, "192.0.2.7");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect((await login(ctx, "admin@test.example", PASSWORD, "192.0.2.8")).status).toBe(200);
  });

  it("counts only failures: successes and malformed requests do not use up the allowance", async () => {
    const ctx = await createTestContext(byHeader);
    for (let i = 0; i < 25; i++) expect((await login(ctx, "admin@test.example", PASSWORD, "192.0.2.9")).status).toBe(200);
    for (let i = 0; i < 25; i++) expect((await ctx.request("/api/auth/login", { body: { email: "admin@test.example" }, headers: from("192.0.2.9") })).status).toBe(422);
    expect((await login(ctx, "admin@test.example", "wrong", "192.0.2.9")).status).toBe(401);
  });

  it("starts an account afresh after a successful sign-in", async () => {
    const ctx = await createTestContext(byHeader);
    for (let i = 0; i < 4; i++) expect((await login(ctx, "manager@test.example", "wrong", "10.1.0.1")).status).toBe(401);
    expect((await login(ctx, "manager@test.example", PASSWORD, "10.1.0.1")).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(ctx, "manager@test.example", "wrong", "10.1.0.1")).status).toBe(401);
  });

  it("lets the account try again once its window has passed", async () => {
    let clock = new Date("2026-03-02T09:00:00Z");
    const ctx = await createTestContext({ ...byHeader, now: () => clock });
    for (let i = 0; i < 5; i++) await login(ctx, "manager@test.example", "wrong", "10.2.0.1");
    const refused = await login(ctx, "manager@test.example", PASSWORD, "10.2.0.1");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe(String(15 * 60));
    clock = new Date(clock.getTime() + 15 * 60_000);
    expect((await login(ctx, "manager@test.example", PASSWORD, "10.2.0.1")).status).toBe(200);
  });

  it("still limits per account when the runtime cannot tell clients apart", async () => {
    const ctx = await createTestContext();
    for (let i = 0; i < 5; i++) expect((await login(ctx, "manager@test.example", "wrong", "ignored")).status).toBe(401);
    expect((await login(ctx, "manager@test.example", "wrong", "ignored")).status).toBe(429);
  });

  it("clears windows that have ended while counting new ones", async () => {
    const clock = new Date("2026-03-02T09:00:00Z");
    const ctx = await createTestContext({ ...byHeader, now: () => clock });
    await ctx.db.insert(rateLimits).values({ key: "sign-in-address:old", windowStart: clock.getTime() - 86_400_000, count: 3 }).run();
    await login(ctx, "manager@test.example", "wrong", "10.3.0.1");
    const keys = (await ctx.db.select().from(rateLimits).all()).map((r) => r.key).sort();
    expect(keys).toEqual(["sign-in-account:manager@test.example", "sign-in-address:10.3.0.1"]);
  });
});

describe("throttling other unauthenticated endpoints", () => {
  it("limits the public respondent endpoints to 60 a minute per address", async () => {
    const ctx = await createTestContext(byHeader);
    const path = `/api/public/invitations/${"A".repeat(43)}`;
    for (let i = 0; i < 60; i++) expect((await ctx.request(path, { headers: from("198.51.100.1") })).status).toBe(404);
    const refused = await ctx.request(path, { headers: from("198.51.100.1") });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toMatch(/problem\+json/);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(refused.json.detail).toMatch(/Try again in/);
    expect((await ctx.request(`${path}/response`, { body: { data: {} }, headers: from("198.51.100.1") })).status).toBe(429);
    expect((await ctx.request(path, { headers: from("198.51.100.2") })).status).toBe(404);
  });

  it("limits account forms and setup to 10 posts per address, whatever the form", async () => {
    const ctx = await createTestContext(byHeader);
    const posts = ["/api/auth/password-reset", "/api/auth/invitations/accept", "/api/setup"];
    for (let i = 0; i < 10; i++) expect((await ctx.request(posts[i % 3]!, { body: {}, headers: from("203.0.113.5") })).status).not.toBe(429);
    expect((await ctx.request("/api/setup", { body: {}, headers: from("203.0.113.5") })).status).toBe(429);
    expect((await ctx.request("/api/auth/password-reset", { body: {}, headers: from("203.0.113.6") })).status).not.toBe(429);
    // Sign-in keeps its own, failure-only allowance.
    expect((await ctx.request("/api/auth/login", { body: { email: "admin@test.example", password: PASSWORD }, headers: from("203.0.113.5") })).status).toBe(200);
  });

  it("takes the client address from the socket, or from the proxy's X-Forwarded-For hop only when told to trust it", async () => {
    const probe = (trustProxy: boolean) => new Hono().get("/", (c) => c.text(nodeClientAddress(trustProxy)(c) ?? "none"));
    for (const [trust, expected] of [[false, "127.0.0.1"], [true, "198.51.100.9"]] as const) {
      const server = serve({ fetch: probe(trust).fetch, port: 0, hostname: "127.0.0.1" });
      await new Promise((r) => server.once("listening", r));
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.9" } });
      expect(await res.text()).toBe(expected);
      server.close();
    }
  });
});

describe("request body caps", () => {
  it("answers an oversized body with 413 problem+json that names the limit", async () => {
    const ctx = await createTestContext();
    const res = await ctx.request("/api/auth/login", { body: { email: "a@b.example", password: "x".repeat(70 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(res.json.detail).toBe(BODY_CAPS.other.detail);
    expect(res.json.detail).toMatch(/larger than 64 KB/);
  });

  it("also stops a body sent without a length, while it streams", async () => {
    const ctx = await createTestContext();
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await ctx.app.request(`${ORIGIN}/api/public/invitations/${"A".repeat(43)}/response`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("lets a survey definition be larger, up to 512 KB", async () => {
    const ctx = await createTestContext();
    const definition = { ...surveyDefinition(), description: "d".repeat(300 * 1024) };
    const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "Long", definition } });
    expect(created.status).not.toBe(413);
    const huge = { ...surveyDefinition(), description: "d".repeat(600 * 1024) };
    const refused = await ctx.request("/api/surveys", { as: "manager", body: { title: "Huge", definition: huge } });
    expect(refused.status).toBe(413);
    expect(refused.json.detail).toMatch(/larger than 512 KB/);
  });

  it("accepts a full batch of 1000 interactions", async () => {
    const ctx = await createTestContext();
    const interactions = Array.from({ length: 1000 }, (_, i) =>
      interaction({ externalId: `TICKET-${i}-${"x".repeat(60)}`, customer: { email: `customer${i}@example.org`, name: "Alexandra Example-Customer" }, unit: "North-west region", agent: "Sam Agent" }),
    );
    const body = JSON.stringify({ interactions });
    expect(body.length).toBeGreaterThan(BODY_CAPS.survey.maxSize / 2);
    const res = await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body });
    expect(res.status, res.text.slice(0, 300)).toBe(202);
    expect(res.json.accepted).toBe(1000);
  }, 60_000);
});

describe("compression on Node", () => {
  let ctx: TestContext;
  let dist: string;
  let fetchNode: (req: Request) => Response | Promise<Response>;
  beforeAll(async () => {
    dist = fakeDist();
    ctx = await createTestContext({ respondPage: nodeRespondPage(dist) });
    await precompressDir(join(dist, "assets"));
    mountWebApp(ctx.app, dist);
    fetchNode = withCompression(ctx.app.fetch);
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  const get = async (path: string, acceptEncoding?: string) => {
    const res = await fetchNode(new Request(`${ORIGIN}${path}`, { headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding } }));
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it("writes .br and .gz beside bundles at build time, and skips files too small to gain", () => {
    expect(existsSync(join(dist, "assets", "app-Hash1.js.br"))).toBe(true);
    expect(existsSync(join(dist, "assets", "app-Hash1.js.gz"))).toBe(true);
    expect(existsSync(join(dist, "assets", "tiny-Hash2.js.br"))).toBe(false);
  });

  it("serves a bundle as brotli to a browser that accepts it, byte for byte the file once decompressed", async () => {
    const file = readFileSync(join(dist, "assets", "app-Hash1.js"));
    const { res, bytes } = await get("/assets/app-Hash1.js", "gzip, deflate, br, zstd");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(res.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(bytes).toEqual(readFileSync(join(dist, "assets", "app-Hash1.js.br")));
    expect(bytes.length).toBeLessThan(file.length / 4);
    expect(brotliDecompressSync(bytes)).toEqual(file);
  });

  it("falls back to gzip, and to the plain file when no encoding is accepted", async () => {
    const file = readFileSync(join(dist, "assets", "app-Hash1.js"));
    const gz = await get("/assets/app-Hash1.js", "gzip, deflate");
    expect(gz.res.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(gz.bytes)).toEqual(file);
    const refusedBr = await get("/assets/app-Hash1.js", "br;q=0, gzip;q=0.8");
    expect(refusedBr.res.headers.get("content-encoding")).toBe("gzip");
    for (const accept of [undefined, "identity"]) {
      const plain = await get("/assets/app-Hash1.js", accept);
      expect(plain.res.headers.get("content-encoding")).toBeNull();
      expect(plain.res.headers.get("vary")).toMatch(/accept-encoding/i);
      expect(plain.bytes).toEqual(file);
    }
  });

  it("compresses the pages, with no-cache, and large JSON and problem+json answers", async () => {
    const page = await get("/k/some-kiosk", "br");
    expect(page.res.headers.get("content-encoding")).toBe("br");
    expect(page.res.headers.get("cache-control")).toBe("no-cache");
    expect(brotliDecompressSync(page.bytes).toString()).toBe(readFileSync(join(dist, "respond", "index.html"), "utf8"));

    // A survey page names the customer's survey and saved answers: compressed too, and kept by no cache.
    const survey = await get("/s/some-token", "br");
    expect(survey.res.headers.get("content-encoding")).toBe("br");
    expect(survey.res.headers.get("cache-control")).toBe("no-store");
    expect(brotliDecompressSync(survey.bytes).toString()).toContain("This link isn't valid");
    expectSecurityHeaders(survey.res.headers, "no-referrer");

    const admin = await get("/surveys", "gzip");
    expect(admin.res.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(admin.bytes).toString()).toContain("admin page body text");

    const invalid = Array.from({ length: 50 }, (_, i) => interaction({ externalId: `bad-${i}`, occurredAt: "yesterday" }));
    const problem = await fetchNode(
      new Request(`${ORIGIN}/api/interactions`, {
        method: "POST",
        headers: { "accept-encoding": "br", "content-type": "application/json", authorization: `Bearer ${ctx.apiKey}` },
        body: JSON.stringify({ interactions: invalid }),
      }),
    );
    expect(problem.status).toBe(422);
    expect(problem.headers.get("content-type")).toMatch(/problem\+json/);
    expect(problem.headers.get("content-encoding")).toBe("br");
    expect(JSON.parse(brotliDecompressSync(Buffer.from(await problem.arrayBuffer())).toString()).errors).toHaveLength(50);
  });

  it("leaves tiny answers as they are, still marked as varying by encoding", async () => {
    const { res, bytes } = await get("/api/health", "br");
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(JSON.parse(bytes.toString())).toEqual({ ok: true });
  });

  it.each([
    ["gzip, deflate, br, zstd", "br"],
    ["gzip", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["*", "br"],
    ["identity", undefined],
    ["", undefined],
    ["gzip;q=0", undefined],
  ])("picks %j as %s", (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });
});

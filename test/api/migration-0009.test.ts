// Migration 0009: interactions and invitations stored before customers existed are linked to one customer per
// organisation and normalised address, which the next interaction for that address finds again.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { afterAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client";
import { migrateLibsql } from "../../db/migrate";
import { apiKeys, customers, interactions, invitations } from "../../db/schema";
import { createApp } from "../../server/app";
import { sha256 } from "../../server/lib/crypto";
import { createDevMailbox } from "../../server/mail/dev-mailbox";
import { createTestContext, ORIGIN } from "../support/app";

const FOLDER = "db/migrations";
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The migrations folder as it was before `tag`: the same files, a journal that stops short of it. */
function migrationsBefore(tag: string) {
  const dir = mkdtempSync(join(tmpdir(), "migrations-"));
  dirs.push(dir);
  cpSync(FOLDER, dir, { recursive: true });
  const journal = JSON.parse(readFileSync(join(FOLDER, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const stop = journal.entries.findIndex((e) => e.tag === tag);
  expect(stop).toBeGreaterThan(0);
  writeFileSync(join(dir, "meta/_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, stop) }));
  return dir;
}

async function databaseAt0008() {
  const c = createClient({ url: ":memory:" });
  await c.execute("PRAGMA foreign_keys = ON");
  const db = drizzle(c, { schema });
  await migrateLibsql(db, migrationsBefore("0009_link_customers"));
  return { c, db };
}

describe("linking stored interactions to customers (migration 0009)", () => {
  it("makes one customer per organisation and normalised address and links every interaction and invitation to it", async () => {
    const { c, db } = await databaseAt0008();
    await c.executeMultiple(`
      INSERT INTO organisations (id, name, time_zone, created_at) VALUES ('o1', 'One', 'UTC', 0), ('o2', 'Two', 'UTC', 0);
      INSERT INTO surveys (id, org_id, title, draft, draft_dirty, created_at, updated_at) VALUES ('s1', 'o1', 'S', '{}', 0, 0, 0), ('s2', 'o2', 'S', '{}', 0, 0, 0);
      INSERT INTO survey_versions (id, survey_id, version, title, definition, published_at) VALUES ('v1', 's1', 1, 'S', '{}', 0), ('v2', 's2', 1, 'S', '{}', 0);
      INSERT INTO interactions (id, org_id, external_id, occurred_at, type, channel, customer_email, customer_name, created_at) VALUES
        ('i1', 'o1', 'e1', 0, 'enquiry', 'email', 'Pat@Example.org', 'Pat', 30),
        ('i2', 'o1', 'e2', 0, 'enquiry', 'email', '  pat@example.ORG ', NULL, 10),
        ('i3', 'o1', 'e3', 0, 'enquiry', 'email', 'pat@example.org', 'Patricia', 20),
        ('i4', 'o1', 'e4', 0, 'enquiry', 'email', 'sam@example.org', NULL, 40),
        ('i5', 'o2', 'e5', 0, 'enquiry', 'email', 'PAT@example.org ', 'P.', 50);
      INSERT INTO invitations (id, org_id, survey_id, survey_version_id, interaction_id, email, token_hash, status, send_at, expires_at, created_at) VALUES
        ('n1', 'o1', 's1', 'v1', 'i1', 'Pat@Example.org', 'h1', 'sent', 0, 1, 0),
        ('n2', 'o1', 's1', 'v1', 'i2', '  pat@example.ORG ', 'h2', 'responded', 0, 1, 0),
        ('n4', 'o1', 's1', 'v1', 'i4', 'sam@example.org', 'h4', 'pending', 0, 1, 0),
        ('n5', 'o2', 's2', 'v2', 'i5', 'PAT@example.org ', 'h5', 'sent', 0, 1, 0);
    `);

    await migrateLibsql(db, FOLDER);

    const people = await db.select().from(customers).all();
    expect(people.map((p) => [p.orgId, p.email]).sort()).toEqual([
      ["o1", "pat@example.org"],
      ["o1", "sam@example.org"],
      ["o2", "pat@example.org"],
    ]);
    const idOf = (orgId: string, email: string) => people.find((p) => p.orgId === orgId && p.email === email)!.id;
    const pat = people.find((p) => p.id === idOf("o1", "pat@example.org"))!;
    // Named by a name one of its interactions gave, created with the earliest of them and updated with the latest.
    expect(["Pat", "Patricia"]).toContain(pat.name);
    expect(pat.createdAt).toEqual(new Date(10));
    expect(pat.updatedAt).toEqual(new Date(30));
    expect(new Set(people.map((p) => p.id)).size).toBe(3);

    const linked = Object.fromEntries((await db.select({ id: interactions.id, customerId: interactions.customerId }).from(interactions).all()).map((r) => [r.id, r.customerId]));
    expect(linked).toEqual({
      i1: idOf("o1", "pat@example.org"),
      i2: idOf("o1", "pat@example.org"),
      i3: idOf("o1", "pat@example.org"),
      i4: idOf("o1", "sam@example.org"),
      i5: idOf("o2", "pat@example.org"),
    });
    const invited = Object.fromEntries((await db.select({ id: invitations.id, customerId: invitations.customerId }).from(invitations).all()).map((r) => [r.id, r.customerId]));
    expect(invited).toEqual({ n1: linked.i1, n2: linked.i2, n4: linked.i4, n5: linked.i5 });
    const index = await c.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'interactions_customer_idx'");
    expect(index.rows).toHaveLength(1);

    // The next interaction for the address, however it is written, finds the migrated customer.
    const key = "rpk_migrated-organisation-key";
    await db.insert(apiKeys).values({ orgId: "o1", name: "test", keyHash: await sha256(key), prefix: key.slice(0, 8) }).run();
    const { settings } = await createTestContext({ empty: true });
    const app = createApp({ db, mailer: createDevMailbox(db), settings });
    const body = { interactions: [{ externalId: "e6", occurredAt: "2026-03-10T09:00:00Z", type: "enquiry", channel: "email", customer: { email: " PAT@example.org" } }] };
    const res = await app.request(`${ORIGIN}/api/interactions`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}`, origin: ORIGIN }, body: JSON.stringify(body) });
    expect(res.status).toBe(202);
    expect((await db.select().from(customers).all()).length).toBe(3);
    const fresh = (await db.select({ externalId: interactions.externalId, customerId: interactions.customerId }).from(interactions).all()).find((r) => r.externalId === "e6");
    expect(fresh!.customerId).toBe(idOf("o1", "pat@example.org"));
  });

  it("runs on a database with no interactions at all", async () => {
    const { db } = await databaseAt0008();
    await migrateLibsql(db, FOLDER);
    expect(await db.select().from(customers).all()).toEqual([]);
  });
});

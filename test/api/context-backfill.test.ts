// Migrations that move existing rows: units, staff, response context and scores (0003-0005), and the rollup keys and month grains (0007).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { schema } from "../../db/client";
import { migrateLibsql } from "../../db/migrate";
import { agents, interactions, responses, units } from "../../db/schema";

const FOLDER = "db/migrations";
const BEFORE = "0003_units_agents_response_context";
// The score rows move into responses.scores here.
const SCORES_MOVE = "0005_analytics_rollups_import";
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

const definition = (elements: unknown[]) => JSON.stringify({ pages: [{ name: "p1", elements: [{ type: "panel", name: "box", elements }] }] });

describe("the context and scores backfill", () => {
  it("makes records of old units and staff, gives old responses their context and their scores their rows", async () => {
    const c = createClient({ url: ":memory:" });
    await c.execute("PRAGMA foreign_keys = ON");
    const db = drizzle(c, { schema });
    await migrateLibsql(db, migrationsBefore(BEFORE));
    const t = (iso: string) => new Date(iso).getTime();
    await c.executeMultiple(`
      INSERT INTO organisations (id, name, time_zone, created_at) VALUES ('o1', 'One', 'UTC', 0), ('o2', 'Two', 'UTC', 0);
      INSERT INTO surveys (id, org_id, title, draft, draft_dirty, created_at, updated_at) VALUES ('s1', 'o1', 'S', '{}', 0, 0, 0), ('s2', 'o2', 'S', '{}', 0, 0, 0);
      INSERT INTO survey_versions (id, survey_id, version, title, definition, published_at) VALUES
        ('v1', 's1', 1, 'S', '${definition([
          { type: "rating", name: "recommend", metric: "nps", rateMin: 0, rateMax: 10 },
          { type: "rating", name: "happy", metric: "csat", rateMin: 1, rateMax: 5 },
          { type: "rating", name: "happy-too", metric: "csat", rateMin: 1, rateMax: 5 },
        ])}', 0),
        ('v2', 's2', 1, 'S', '${definition([{ type: "rating", name: "plain" }])}', 0);
      INSERT INTO interactions (id, org_id, external_id, occurred_at, type, channel, customer_email, unit, agent, created_at) VALUES
        ('i1', 'o1', 'e1', ${t("2026-01-02T10:00:00Z")}, 'complaint', 'phone', 'a@x.org', 'North', 'Sam', 5),
        ('i2', 'o1', 'e2', ${t("2026-01-03T10:00:00Z")}, 'enquiry', 'email', 'b@x.org', 'North', NULL, 3),
        ('i3', 'o2', 'e3', ${t("2026-01-04T10:00:00Z")}, 'enquiry', 'counter', 'c@x.org', 'North', 'Sam', 7);
      INSERT INTO invitations (id, org_id, survey_id, survey_version_id, interaction_id, email, token_hash, status, send_at, expires_at, created_at) VALUES
        ('n1', 'o1', 's1', 'v1', 'i1', 'a@x.org', 'h1', 'responded', 0, 1, 0),
        ('n2', 'o1', 's1', 'v1', 'i2', 'b@x.org', 'h2', 'responded', 0, 1, 0),
        ('n3', 'o2', 's2', 'v2', 'i3', 'c@x.org', 'h3', 'responded', 0, 1, 0);
      INSERT INTO responses (id, org_id, invitation_id, survey_id, survey_version_id, data, nps, csat, ces, created_at) VALUES
        ('r1', 'o1', 'n1', 's1', 'v1', '{}', 9, 4, NULL, 100),
        ('r2', 'o1', 'n2', 's1', 'v1', '{}', NULL, 2, NULL, 200),
        ('r3', 'o2', 'n3', 's2', 'v2', '{}', NULL, NULL, 6, 300);
    `);

    await migrateLibsql(db, migrationsBefore(SCORES_MOVE));

    // Columns named: later migrations add more than this database has yet.
    const unitRows = await db.select({ id: units.id, orgId: units.orgId, name: units.name, createdAt: units.createdAt }).from(units).all();
    const agentRows = await db.select().from(agents).all();
    expect(unitRows.map((u) => [u.orgId, u.name]).sort()).toEqual([["o1", "North"], ["o2", "North"]]);
    expect(agentRows.map((a) => [a.orgId, a.name]).sort()).toEqual([["o1", "Sam"], ["o2", "Sam"]]);
    expect(unitRows.find((u) => u.orgId === "o1")!.createdAt).toEqual(new Date(3));
    expect(unitRows[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const idOf = (rows: { id: string; orgId: string }[], orgId: string) => rows.find((r) => r.orgId === orgId)!.id;

    const byId = new Map((await db.select({ id: interactions.id, unitId: interactions.unitId, agentId: interactions.agentId }).from(interactions).all()).map((i) => [i.id, i]));
    expect(byId.get("i1")).toMatchObject({ unitId: idOf(unitRows, "o1"), agentId: idOf(agentRows, "o1") });
    expect(byId.get("i2")).toMatchObject({ unitId: idOf(unitRows, "o1"), agentId: null });
    expect(byId.get("i3")).toMatchObject({ unitId: idOf(unitRows, "o2"), agentId: idOf(agentRows, "o2") });

    const { id, unitId, agentId, channel, interactionType, interactionAt } = responses;
    const contexts = (await db.select({ id, unitId, agentId, channel, interactionType, interactionAt }).from(responses).all()).map((r) => [r.id, r.unitId, r.agentId, r.channel, r.interactionType, r.interactionAt?.toISOString()]);
    expect(contexts.sort()).toEqual([
      ["r1", idOf(unitRows, "o1"), idOf(agentRows, "o1"), "phone", "complaint", "2026-01-02T10:00:00.000Z"],
      ["r2", idOf(unitRows, "o1"), null, "email", "enquiry", "2026-01-03T10:00:00.000Z"],
      ["r3", idOf(unitRows, "o2"), idOf(agentRows, "o2"), "counter", "enquiry", "2026-01-04T10:00:00.000Z"],
    ]);

    const scores = (await c.execute("SELECT response_id, metric, series, question, value, responded_at, channel, unit_id FROM response_scores")).rows.map((s) => [...Object.values(s)]);
    expect(scores.sort()).toEqual([
      // The first question of the role in the version's definition, even inside a panel.
      ["r1", "csat", "csat@1-5", "happy", 4, 100, "phone", idOf(unitRows, "o1")],
      ["r1", "nps", "nps@0-10", "recommend", 9, 100, "phone", idOf(unitRows, "o1")],
      ["r2", "csat", "csat@1-5", "happy", 2, 200, "email", idOf(unitRows, "o1")],
      // No question of that role in the definition: the role stands in for its name.
      ["r3", "ces", "ces@1-7", "ces", 6, 300, "counter", idOf(unitRows, "o2")],
    ]);

    // Then the rows move into their responses, in question order, and their table goes.
    await migrateLibsql(db, FOLDER);
    const kept = Object.fromEntries((await db.select().from(responses).all()).map((r) => [r.id, r.scores]));
    expect(kept).toEqual({
      r1: [
        { question: "recommend", metric: "nps", series: "nps@0-10", value: 9 },
        { question: "happy", metric: "csat", series: "csat@1-5", value: 4 },
      ],
      r2: [{ question: "happy", metric: "csat", series: "csat@1-5", value: 2 }],
      r3: [{ question: "ces", metric: "ces", series: "ces@1-7", value: 6 }],
    });
    expect((await c.execute("SELECT name FROM sqlite_master WHERE name = 'response_scores'")).rows).toHaveLength(0);
  });
});

describe("the rollup keys with the survey before the period, and the month grains", () => {
  it("keeps every rollup row, sums the new month cells from the days, and the tables stay WITHOUT ROWID", async () => {
    const c = createClient({ url: ":memory:" });
    const db = drizzle(c, { schema });
    await migrateLibsql(db, migrationsBefore("0007_rollup_keys_and_month_grains"));
    await c.executeMultiple(`
      INSERT INTO score_rollups VALUES ('o1', 'all/day', 'nps@0-10', '2026-01-02', 's1', '', 3, 25, 217, 2, 0),
        ('o1', 'unit/day', 'nps@0-10', '2026-01-02', 's2', 'u1', 1, 4, 16, 0, 1), ('o1', 'unit/day', 'nps@0-10', '2026-01-30', 's2', 'u1', 2, 19, 181, 2, 0);
      INSERT INTO pair_rollups VALUES ('o1', '2026-01-02', 's1', 'csat@1-5', 'nps@0-10', 2, 9, 19, 41, 181, 86), ('o1', '2026-01-09', 's1', 'csat@1-5', 'nps@0-10', 1, 2, 3, 4, 9, 6);
      INSERT INTO invitation_rollups VALUES ('o1', 'unit/day', '2026-01-02', 's1', 'u1', 5, 3), ('o1', 'unit/day', '2026-01-03', 's1', 'u1', 1, 0);
    `);
    await migrateLibsql(db, FOLDER);
    const rows = async (table: string) => (await c.execute(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4, 5, 6`)).rows.map((r) => [...Object.values(r)]);
    expect(await rows("score_rollups")).toEqual([
      ["o1", "all/day", "nps@0-10", "2026-01-02", "s1", "", 3, 25, 217, 2, 0],
      ["o1", "unit/day", "nps@0-10", "2026-01-02", "s2", "u1", 1, 4, 16, 0, 1],
      ["o1", "unit/day", "nps@0-10", "2026-01-30", "s2", "u1", 2, 19, 181, 2, 0],
      ["o1", "unit/month", "nps@0-10", "2026-01", "s2", "u1", 3, 23, 197, 2, 1],
    ]);
    expect(await rows("pair_rollups")).toEqual([
      ["o1", "day", "2026-01-02", "s1", "csat@1-5", "nps@0-10", 2, 9, 19, 41, 181, 86],
      ["o1", "day", "2026-01-09", "s1", "csat@1-5", "nps@0-10", 1, 2, 3, 4, 9, 6],
      ["o1", "month", "2026-01", "s1", "csat@1-5", "nps@0-10", 3, 11, 22, 45, 190, 92],
    ]);
    expect(await rows("invitation_rollups")).toEqual([
      ["o1", "unit/day", "2026-01-02", "s1", "u1", 5, 3],
      ["o1", "unit/day", "2026-01-03", "s1", "u1", 1, 0],
      ["o1", "unit/month", "2026-01", "s1", "u1", 6, 3],
    ]);
    for (const [table, key] of [
      ["score_rollups", ["org_id", "grain", "series", "survey_id", "period", "segment"]],
      ["pair_rollups", ["org_id", "grain", "survey_id", "period", "a", "b"]],
      ["invitation_rollups", ["org_id", "grain", "survey_id", "period", "segment"]],
    ] as const) {
      const info = await c.execute(`SELECT name, pk FROM pragma_table_info('${table}') WHERE pk > 0 ORDER BY pk`);
      expect(info.rows.map((r) => r.name)).toEqual(key);
      const sql = (await c.execute({ sql: "SELECT sql FROM sqlite_master WHERE name = ?", args: [table] })).rows[0]!.sql;
      expect(String(sql)).toMatch(/WITHOUT ROWID$/);
    }
  });
});

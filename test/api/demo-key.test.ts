import { describe, expect, it } from "vitest";
import { demoApiKeyStatus, seedDemo } from "../../db/seed/demo";
import { revokeApiKey } from "../../server/features/api-keys/api-keys.service";
import { openTestDb } from "../support/app";

const appSecret = "demo-secret-demo-secret-demo-secret!";

describe("the demo API key", () => {
  it("can be printed again at every start, until someone revokes it", async () => {
    const db = await openTestDb();
    const seeded = await seedDemo(db, { appSecret, now: new Date(), maxSqlParams: 999, interactions: 10, passwordIterations: 1000 });
    // A restart: nothing is seeded again, yet the same key is derived and recognised by its stored hash.
    expect((await seedDemo(db, { appSecret, now: new Date(), maxSqlParams: 999 })).seeded).toBe(false);
    const status = await demoApiKeyStatus(db, appSecret);
    expect(status).toEqual({ key: seeded.apiKey, status: "active" });
    expect(status.key).toMatch(/^rpk_[A-Za-z0-9_-]{32}$/);
    expect((await demoApiKeyStatus(db, `${appSecret}-other`)).status).toBe("absent");

    const demo = (await db.query.apiKeys.findFirst())!;
    const admin = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.role, "admin") }))!;
    await revokeApiKey({ db, orgId: demo.orgId, actor: { kind: "user", id: admin.id, role: admin.role }, now: new Date() }, demo.id);
    expect((await demoApiKeyStatus(db, appSecret)).status).toBe("revoked");
  });
});

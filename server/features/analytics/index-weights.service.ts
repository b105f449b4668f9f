// The satisfaction index's weights: versions an admin sets; the newest is in force, the history stays readable.
import { Conflict } from "../../errors";
import { isUniqueViolation } from "../../lib/db-errors";
import { actingUserId, type OrgContext } from "../../lib/service-context";
import type { IndexWeightsResult } from "./analytics.schemas";
import * as repo from "./index-weights.repo";

type Ctx = Pick<OrgContext, "db" | "orgId">;

export async function currentWeights(ctx: Ctx): Promise<{ version: number; weights: Record<string, number> } | null> {
  const row = await repo.latestWeights(ctx.db, ctx.orgId);
  return row ? { version: row.version, weights: row.weights } : null;
}

// Version 0, before an admin sets any: these roles weigh equally, each counted when the period has answers to it.
const EQUAL_ROLES = { nps: 1, csat: 1, ces: 1, loyalty: 1 };

export async function indexWeights(ctx: Ctx): Promise<IndexWeightsResult> {
  const rows = await repo.allWeights(ctx.db, ctx.orgId);
  const history = rows.map((r, i) => ({
    version: r.version,
    weights: r.weights,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdByName ?? r.createdByEmail ?? null,
    until: i === 0 ? null : rows[i - 1]!.createdAt.toISOString(),
  }));
  const current = history[0] ?? { version: 0, weights: EQUAL_ROLES, createdAt: null, createdBy: null, until: null };
  return { current, history };
}

export async function setIndexWeights(ctx: Pick<OrgContext, "db" | "orgId" | "actor" | "now">, weights: Record<string, number>): Promise<IndexWeightsResult> {
  const latest = await repo.latestWeights(ctx.db, ctx.orgId);
  try {
    await repo.insertWeights(ctx.db, { orgId: ctx.orgId, version: (latest?.version ?? 0) + 1, weights, createdBy: actingUserId(ctx), createdAt: ctx.now });
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict("Someone else changed the weights at the same moment; reload and try again.");
    throw err;
  }
  return indexWeights(ctx);
}

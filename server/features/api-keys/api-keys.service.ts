// API keys for systems of record: shown once, stored as a hash, revoked for good.
import { NotFound } from "../../errors";
import { randomToken, sha256 } from "../../lib/crypto";
import { toPage, type PageRequest } from "../../lib/pagination";
import { actingUserId, type OrgContext } from "../../lib/service-context";
import type { ApiKeyView } from "./api-keys.schemas";
import * as repo from "./api-keys.repo";

// TRANSITION: web/admin/api-types.ts still names the view from here until the web app uses the typed client.
export type { ApiKeyView };

type Reader = Pick<OrgContext, "db" | "orgId">;
/** Enough to record who created or revoked a key, and when. */
type Acting = Reader & Pick<OrgContext, "actor" | "now">;

export async function createApiKey(ctx: Acting, name: string) {
  const key = `rpk_${randomToken(24)}`;
  const row = await repo.insertApiKey(ctx.db, {
    orgId: ctx.orgId,
    name,
    keyHash: await sha256(key),
    prefix: key.slice(0, 8),
    createdBy: actingUserId(ctx),
    createdAt: ctx.now,
  });
  return { ...row, createdAt: row.createdAt.toISOString(), key };
}

type KeyRow = Awaited<ReturnType<typeof repo.listApiKeys>>[number];

const person = (name: string | null, email: string | null) => (email ? { name, email } : null);

function toView(k: KeyRow): ApiKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    createdBy: person(k.createdByName, k.createdByEmail),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
    revokedBy: person(k.revokedByName, k.revokedByEmail),
  };
}

export async function listApiKeys(ctx: Reader, page: PageRequest) {
  const rows = await repo.listApiKeys(ctx.db, ctx.orgId, page);
  return toPage(rows, page.limit, (k) => ({ at: k.createdAt.getTime(), id: k.id }), toView);
}

/** Revokes a key of the organisation (at once: requests check revokedAt) and returns it as listed. */
export async function revokeApiKey(ctx: Acting, id: string) {
  if (!(await repo.findApiKey(ctx.db, ctx.orgId, id))) throw new NotFound("No API key with that id in your organisation.");
  await repo.revokeApiKey(ctx.db, ctx.orgId, id, actingUserId(ctx), ctx.now);
  return toView((await repo.findApiKey(ctx.db, ctx.orgId, id))!);
}

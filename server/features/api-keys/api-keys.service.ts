// API keys for systems of record: shown once, stored as a hash, revoked for good.
import type { Db } from "../../../db/client";
import { NotFound } from "../../errors";
import { randomToken, sha256 } from "../../lib/crypto";
import { toPage, type PageRequest } from "../../lib/pagination";
import * as repo from "./api-keys.repo";

export async function createApiKey(db: Db, orgId: string, userId: string, name: string) {
  const key = `rpk_${randomToken(24)}`;
  const row = await repo.insertApiKey(db, { orgId, name, keyHash: await sha256(key), prefix: key.slice(0, 8), createdBy: userId });
  return { ...row, key };
}

type KeyRow = Awaited<ReturnType<typeof repo.listApiKeys>>[number];

const person = (name: string | null, email: string | null) => (email ? { name, email } : null);

function toView(k: KeyRow) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt,
    createdBy: person(k.createdByName, k.createdByEmail),
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
    revokedBy: person(k.revokedByName, k.revokedByEmail),
  };
}

export type ApiKeyView = ReturnType<typeof toView>;

export async function listApiKeys(db: Db, orgId: string, page: PageRequest) {
  const rows = await repo.listApiKeys(db, orgId, page);
  return toPage(rows, page.limit, (k) => ({ at: k.createdAt.getTime(), id: k.id }), toView);
}

/** Revokes a key of the organisation (at once: requests check revokedAt) and returns it as listed. */
export async function revokeApiKey(db: Db, orgId: string, id: string, userId: string, now: Date) {
  if (!(await repo.findApiKey(db, orgId, id))) throw new NotFound("No API key with that id in your organisation.");
  await repo.revokeApiKey(db, orgId, id, userId, now);
  return toView((await repo.findApiKey(db, orgId, id))!);
}

// API keys for systems of record: shown once, stored as a hash.
import type { Db } from "../../../db/client";
import { randomToken, sha256 } from "../../lib/crypto";
import * as repo from "./api-keys.repo";

export async function createApiKey(db: Db, orgId: string, userId: string, name: string) {
  const key = `rpk_${randomToken(24)}`;
  const row = await repo.insertApiKey(db, { orgId, name, keyHash: await sha256(key), prefix: key.slice(0, 8), createdBy: userId });
  return { ...row, key };
}

export const listApiKeys = repo.listApiKeys;

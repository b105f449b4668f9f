// Sign-in, sessions and API-key authentication.
import type { Db } from "../../../db/client";
import { Unauthorized } from "../../errors";
import { hashPassword, randomToken, sha256, verifyPassword } from "../../lib/crypto";
import type { Me } from "./auth.schemas";
import * as repo from "./auth.repo";

export type SessionUser = Me;

export const SESSION_DAYS = 7;
// Verifying against a fixed hash keeps an unknown email as slow as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function signIn(db: Db, email: string, password: string, now: Date) {
  const user = await repo.findUserByEmail(db, email);
  decoyHash ??= hashPassword("decoy password");
  // A pending invitation ("" never verifies) and a deactivated account get the same answer as a wrong password.
  const usable = user && user.passwordHash !== "" && !user.deactivatedAt ? user : undefined;
  const ok = await verifyPassword(password, usable?.passwordHash ?? (await decoyHash));
  if (!usable || !ok) throw new Unauthorized("The email or password is not right.");
  return startSession(db, usable, now);
}

/** A new session for someone whose identity is already proven (a password, or a one-time link just used). */
export async function startSession(db: Db, user: Me, now: Date) {
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await repo.insertSession(db, { tokenHash: await sha256(token), userId: user.id, expiresAt });
  await repo.deleteExpiredSessions(db, user.id, now);
  const me: Me = { id: user.id, email: user.email, name: user.name, role: user.role, orgId: user.orgId };
  return { token, expiresAt, user: me };
}

/** Ends every session of a person, or every one but the session `exceptToken` names. */
export async function endSessions(db: Db, userId: string, exceptToken?: string) {
  await repo.deleteSessionsOfUser(db, userId, exceptToken === undefined ? undefined : await sha256(exceptToken));
}

export async function signOut(db: Db, token: string) {
  await repo.deleteSessionByHash(db, await sha256(token));
}

export async function userForSession(db: Db, token: string, now: Date): Promise<SessionUser | undefined> {
  return repo.findSessionUser(db, await sha256(token), now);
}

// "Last used" is for spotting dead keys, so minute precision spares a write on every request.
const TOUCH_EVERY_MS = 60_000;

/** The active key a bearer token names: its id and organisation. */
export async function apiKeyFor(db: Db, key: string, now: Date): Promise<{ id: string; orgId: string } | undefined> {
  const found = await repo.findActiveApiKey(db, await sha256(key));
  if (!found) return undefined;
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > TOUCH_EVERY_MS) await repo.touchApiKey(db, found.id, now);
  return { id: found.id, orgId: found.orgId };
}

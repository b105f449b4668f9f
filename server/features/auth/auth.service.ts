// Sign-in, sessions and API-key authentication.
import { Unauthorized } from "../../errors";
import { hashPassword, randomToken, sha256, verifyPassword } from "../../lib/crypto";
import { unitOfWork, type ServiceContext, type UnitOfWork } from "../../lib/service-context";
import type { Me } from "./auth.schemas";
import * as repo from "./auth.repo";

export type SessionUser = Me;

/** What the guards have before any context exists: the database and the request's time. */
type Lookup = Pick<ServiceContext, "db" | "now">;

export const SESSION_DAYS = 7;
// Verifying against a fixed hash keeps an unknown email as slow as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function signIn(ctx: ServiceContext, email: string, password: string) {
  const user = await repo.findUserByEmail(ctx.db, email);
  decoyHash ??= hashPassword("decoy password");
  // A pending invitation ("" never verifies) and a deactivated account get the same answer as a wrong password.
  const usable = user && user.passwordHash !== "" && !user.deactivatedAt ? user : undefined;
  const ok = await verifyPassword(password, usable?.passwordHash ?? (await decoyHash));
  if (!usable || !ok) throw new Unauthorized("The email or password is not right.");
  const work = unitOfWork(ctx);
  const session = await startSession(ctx, work, usable);
  await work.commit();
  return session;
}

/**
 * A new session for someone whose identity is already proven (a password, or a one-time link just used),
 * added to `work`: its token works once `work` commits.
 */
export async function startSession(ctx: Pick<ServiceContext, "now">, work: UnitOfWork, user: Me) {
  const token = randomToken(32);
  const expiresAt = new Date(ctx.now.getTime() + SESSION_DAYS * 86_400_000);
  work.add(repo.insertSession(work.db, { tokenHash: await sha256(token), userId: user.id, expiresAt }), repo.deleteExpiredSessions(work.db, user.id, ctx.now));
  const me: Me = { id: user.id, email: user.email, name: user.name, role: user.role, orgId: user.orgId, agentId: user.agentId };
  return { token, expiresAt, user: me };
}

/** Adds to `work` the end of every session of a person, or of every one but the session `exceptToken` names. */
export async function endSessions(work: UnitOfWork, userId: string, exceptToken?: string) {
  work.add(repo.deleteSessionsOfUser(work.db, userId, exceptToken === undefined ? undefined : await sha256(exceptToken)));
}

export async function signOut(ctx: Pick<ServiceContext, "db">, token: string) {
  await repo.deleteSessionByHash(ctx.db, await sha256(token));
}

export async function userForSession(ctx: Lookup, token: string): Promise<SessionUser | undefined> {
  return repo.findSessionUser(ctx.db, await sha256(token), ctx.now);
}

// "Last used" is for spotting dead keys, so minute precision spares a write on every request.
const TOUCH_EVERY_MS = 60_000;

/** The active key a bearer token names: its id and organisation. */
export async function apiKeyFor(ctx: Lookup, key: string): Promise<{ id: string; orgId: string } | undefined> {
  const found = await repo.findActiveApiKey(ctx.db, await sha256(key));
  if (!found) return undefined;
  if (!found.lastUsedAt || ctx.now.getTime() - found.lastUsedAt.getTime() > TOUCH_EVERY_MS) await repo.touchApiKey(ctx.db, found.id, ctx.now);
  return { id: found.id, orgId: found.orgId };
}

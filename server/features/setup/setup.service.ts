// First-run setup: while no organisation exists, the holder of the setup token creates one and its first admin.
import { NotFound } from "../../errors";
import { hashPassword, sha256 } from "../../lib/crypto";
import { unitOfWork, type ServiceContext } from "../../lib/service-context";
import type { Me } from "../auth/auth.schemas";
import { startSession } from "../auth/auth.service";
import type { SetupInput } from "./setup.schemas";
import * as repo from "./setup.repo";

// One answer for a wrong token and for setup already done: the page does not say which.
const NO_SETUP = "There is no setup to do at this address. If Rapport is already set up, sign in instead.";

function sameString(a: string, b: string) {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

// Comparing hashes of equal length, byte by byte without an early exit, keeps the token's prefix from leaking by timing.
async function tokenMatches(expected: string | undefined, given: string) {
  if (!expected) return false;
  return sameString(await sha256(expected), await sha256(given));
}

export async function organisationExists(ctx: Pick<ServiceContext, "db">): Promise<boolean> {
  return (await repo.anyOrganisation(ctx.db)) !== undefined;
}

/** Ready when `given` is the server's setup token and no organisation exists yet; NotFound otherwise. */
export async function checkSetup(ctx: Pick<ServiceContext, "db" | "settings">, given: string): Promise<{ ready: true }> {
  if (!(await tokenMatches(ctx.settings.setupToken, given)) || (await organisationExists(ctx))) throw new NotFound(NO_SETUP);
  return { ready: true };
}

export async function runSetup(ctx: ServiceContext, input: SetupInput) {
  await checkSetup(ctx, input.token);
  const org = { id: crypto.randomUUID(), name: input.organisation.name, timeZone: input.organisation.timeZone, createdAt: ctx.now };
  const admin = { id: crypto.randomUUID(), email: input.admin.email, name: input.admin.name, passwordHash: await hashPassword(input.admin.password), createdAt: ctx.now };
  await unitOfWork(ctx).add(...repo.insertFirstOrganisationStatements(ctx.db, org, admin)).commit();
  // Another setup may have run between the check and the batch; then this one wrote nothing.
  if (!(await repo.findOrganisation(ctx.db, org.id))) throw new NotFound(NO_SETUP);
  const me: Me = { id: admin.id, email: admin.email, name: admin.name, role: "admin", orgId: org.id, agentId: null };
  const work = unitOfWork(ctx);
  const session = await startSession(ctx, work, me);
  await work.commit();
  return { ...session, organisation: { id: org.id, name: org.name, timeZone: org.timeZone } };
}

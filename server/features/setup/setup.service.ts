// First-run setup: while no organisation exists, the holder of the setup token creates one and its first admin.
import type { Db } from "../../../db/client";
import { NotFound } from "../../errors";
import { hashPassword, sha256 } from "../../lib/crypto";
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

export async function organisationExists(db: Db): Promise<boolean> {
  return (await repo.anyOrganisation(db)) !== undefined;
}

export async function checkSetup(db: Db, expected: string | undefined, given: string): Promise<{ ready: true }> {
  if (!(await tokenMatches(expected, given)) || (await organisationExists(db))) throw new NotFound(NO_SETUP);
  return { ready: true };
}

export async function runSetup(db: Db, expected: string | undefined, input: SetupInput, now: Date) {
  await checkSetup(db, expected, input.token);
  const org = { id: crypto.randomUUID(), name: input.organisation.name, timeZone: input.organisation.timeZone, createdAt: now };
  const admin = { id: crypto.randomUUID(), email: input.admin.email, name: input.admin.name, passwordHash: await hashPassword(input.admin.password), createdAt: now };
  await repo.insertFirstOrganisation(db, org, admin);
  // Another setup may have run between the check and the batch; then this one wrote nothing.
  if (!(await repo.findOrganisation(db, org.id))) throw new NotFound(NO_SETUP);
  const me: Me = { id: admin.id, email: admin.email, name: admin.name, role: "admin", orgId: org.id };
  const session = await startSession(db, me, now);
  return { ...session, organisation: { id: org.id, name: org.name, timeZone: org.timeZone } };
}

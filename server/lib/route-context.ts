// How a route turns its request into the context a service takes.
import type { Context } from "hono";
import type { AppEnv } from "../app";
import type { OrgContext, ServiceContext } from "./service-context";

/** For routes behind requireRole or requireApiKey: the caller's organisation and identity. */
export function orgContext(c: Context<AppEnv>): OrgContext {
  return { ...baseContext(c), orgId: c.get("orgId"), actor: c.get("actor") };
}

/** For public routes (a respondent's link, account forms): no organisation until the service finds one. */
export function publicContext(c: Context<AppEnv>): ServiceContext {
  return { ...baseContext(c), actor: { kind: "respondent" } };
}

function baseContext(c: Context<AppEnv>) {
  const { db, mailer, settings, reactions, now } = c.get("deps");
  return { db, mailer, settings, reactions, now: now(), requestId: c.get("requestId") };
}

// Throttles mounted in front of the routes they protect: sign-in failures per account and per client
// address, account forms and setup per address, and the public respondent endpoints per address.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../app";
import { TooManyRequests } from "../../errors";
import { LIMITS, clearCounters, countAttempt, refundAttempt, waitInWords, type Counter, type Limit } from "./throttle.service";

// Without a client address (a runtime that cannot tell clients apart) per-address limits are skipped:
// one shared counter would let a single client lock everybody out.
const addressCounter = (c: Context<AppEnv>, limit: Limit): Counter[] => {
  const address = c.get("deps").clientAddress(c);
  return address ? [{ limit, subject: address }] : [];
};

async function signInEmail(c: Context<AppEnv>): Promise<string | undefined> {
  try {
    const body: unknown = await c.req.json();
    const email = body && typeof body === "object" && "email" in body ? body.email : undefined;
    return typeof email === "string" && email.trim() ? email.trim().toLowerCase().slice(0, 320) : undefined;
  } catch {
    // Not JSON: the route answers that itself, and the per-address counter still applies.
    return undefined;
  }
}

/**
 * Counts failed sign-ins (401 answers) per account and per address, and refuses further tries for the
 * rest of the window. The attempt is counted before the password is checked, so parallel guesses cannot
 * slip past the limit, and taken back when it did not fail. The message never says which part was wrong.
 */
export const throttleSignIn = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== "POST") return next();
  const { db, now } = c.get("deps");
  const email = await signInEmail(c);
  const account: Counter[] = email ? [{ limit: LIMITS.signInPerAccount, subject: email }] : [];
  const counters = [...account, ...addressCounter(c, LIMITS.signInPerAddress)];
  if (counters.length === 0) return next();
  const tally = await countAttempt(db, counters, now());
  if (tally.exceeded) {
    await refundAttempt(db, tally);
    throw new TooManyRequests(`Too many failed sign-in attempts. Try again ${waitInWords(tally.retryAfterSeconds)}.`, tally.retryAfterSeconds);
  }
  await next();
  if (c.res.status === 401) return;
  await refundAttempt(db, tally);
  if (c.res.ok && account.length > 0) await clearCounters(db, account);
});

const perAddress = (limit: Limit, applies: (c: Context<AppEnv>) => boolean = () => true) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const counters = applies(c) ? addressCounter(c, limit) : [];
    if (counters.length === 0) return next();
    const { db, now } = c.get("deps");
    const tally = await countAttempt(db, counters, now());
    if (tally.exceeded) {
      throw new TooManyRequests(`Too many requests from your network. Try again ${waitInWords(tally.retryAfterSeconds)}.`, tally.retryAfterSeconds);
    }
    await next();
  });

// Sign-in has its own limits and sign-out needs a session, so neither counts here.
const SELF_LIMITED = new Set(["/api/auth/login", "/api/auth/logout"]);

/** Every unauthenticated form post: password reset, invitation acceptance, first-run setup. */
export const throttleAccountForms = perAddress(LIMITS.accountFormsPerAddress, (c) => c.req.method === "POST" && !SELF_LIMITED.has(c.req.path));

const isProgressSave = (c: Context<AppEnv>) => c.req.method === "PUT" && c.req.path.endsWith("/progress");
const publicCalls = perAddress(LIMITS.publicPerAddress);
const progressSaves = perAddress(LIMITS.progressPerAddress);

/** The respondent endpoints per address; saves of answers in progress count apart, under their own, wider limit. */
export const throttlePublic = createMiddleware<AppEnv>((c, next) => (isProgressSave(c) ? progressSaves(c, next) : publicCalls(c, next)));

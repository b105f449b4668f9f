// The organisation's contact rules: one survey per customer every N days across surveys, and quiet hours kept in
// the customer's zone, else the unit's, else the organisation's.
import { Invalid, NotFound } from "../../errors";
import { toPage, type PageRequest } from "../../lib/pagination";
import type { OrgContext } from "../../lib/service-context";
import { toMinute } from "./contact-rules.schemas";
import * as repo from "./contact-rules.repo";

type Reader = Pick<OrgContext, "db" | "orgId">;

const clockOf = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

export async function getContactRules(ctx: Reader) {
  const row = await repo.findContactRules(ctx.db, ctx.orgId);
  if (!row) throw new NotFound("Your organisation is not there any more.");
  const quiet = row.quietStartMinute === null || row.quietEndMinute === null ? null : { start: clockOf(row.quietStartMinute), end: clockOf(row.quietEndMinute) };
  return { contactGapDays: row.contactGapDays, quietHours: quiet, timeZone: row.timeZone };
}

/** New contact rules apply to interactions from now on; invitations already scheduled keep their times. */
export async function setContactRules(ctx: Reader, input: { contactGapDays: number; quietHours: { start: string; end: string } | null }) {
  await repo.updateContactRules(ctx.db, ctx.orgId, {
    contactGapDays: input.contactGapDays,
    quietStartMinute: input.quietHours ? toMinute(input.quietHours.start) : null,
    quietEndMinute: input.quietHours ? toMinute(input.quietHours.end) : null,
  });
  return getContactRules(ctx);
}

const STALE_CURSOR = "This page link is not valid any more; start again from the first page.";

export async function listUnits(ctx: Reader, page: PageRequest) {
  // Units are listed by name, so a cursor's sort value is a name.
  const { cursor } = page;
  if (cursor && typeof cursor.at !== "string") throw new Invalid(STALE_CURSOR, [{ path: "/cursor", message: STALE_CURSOR }]);
  const rows = await repo.listUnits(ctx.db, ctx.orgId, cursor && { name: cursor.at as string, id: cursor.id }, page.limit);
  return toPage(rows, page.limit, (u) => ({ at: u.name, id: u.id }));
}

export async function setUnitTimeZone(ctx: Reader, unitId: string, timeZone: string | null) {
  const unit = await repo.updateUnitZone(ctx.db, ctx.orgId, unitId, timeZone);
  if (!unit) throw new NotFound("No unit with that id in your organisation.");
  return unit;
}

// When a follow-up case is due and when it escalates: an SLA per priority, counted in clock hours or in the
// working hours of the case's service unit, in that unit's time zone (so a case opened on Friday evening in
// Singapore is due on Monday there, whatever the server's zone).
import { TZDate } from "@date-fns/tz";
import { addDays, addMinutes, differenceInMinutes, isAfter } from "date-fns";

export type CasePriority = "urgent" | "high" | "normal" | "low";

/** Working hours as minutes after local midnight, on ISO weekdays (1 = Monday … 7 = Sunday). */
export type WorkingHours = { startMinute: number; endMinute: number; days: number[] };

export type SlaPolicy = { hours: number; working?: WorkingHours };

/** A sensible start: urgent in 4 clock hours, the others in working hours (Monday to Friday, 9:00 to 17:00). */
export const defaultSla: Record<CasePriority, SlaPolicy> = {
  urgent: { hours: 4 },
  high: { hours: 8, working: { startMinute: 9 * 60, endMinute: 17 * 60, days: [1, 2, 3, 4, 5] } },
  normal: { hours: 16, working: { startMinute: 9 * 60, endMinute: 17 * 60, days: [1, 2, 3, 4, 5] } },
  low: { hours: 40, working: { startMinute: 9 * 60, endMinute: 17 * 60, days: [1, 2, 3, 4, 5] } },
};

const isoDay = (d: TZDate) => d.getDay() || 7;
const minuteOfDay = (d: TZDate) => d.getHours() * 60 + d.getMinutes();

/** The local moment `minute` minutes after midnight of `day`'s date in its zone (DST-safe: built from the calendar date). */
function at(day: TZDate, minute: number): TZDate {
  return new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), Math.floor(minute / 60), minute % 60, 0, 0, day.timeZone);
}

/** When a case opened at `openedAt` is due under `policy`, counting working time in `timeZone`. */
export function dueAt(openedAt: Date, policy: SlaPolicy, timeZone: string): Date {
  if (!(policy.hours > 0)) throw new RangeError("An SLA needs a positive number of hours.");
  if (!policy.working) return addMinutes(openedAt, Math.round(policy.hours * 60));
  const { startMinute, endMinute, days } = policy.working;
  if (!(endMinute > startMinute) || days.length === 0) throw new RangeError("Working hours need a start before their end and at least one day.");
  let left = Math.round(policy.hours * 60);
  let cursor = new TZDate(openedAt.getTime(), timeZone);
  // At most a year of calendar days: far beyond any SLA, and a bound on a policy with very short days.
  for (let guard = 0; guard < 366 * 2; guard++) {
    if (days.includes(isoDay(cursor))) {
      const from = Math.max(minuteOfDay(cursor), startMinute);
      if (from < endMinute) {
        const available = endMinute - from;
        if (left <= available) return new Date(at(cursor, from).getTime() + left * 60_000);
        left -= available;
      }
    }
    // On to the start of the next calendar day in the zone.
    cursor = at(addDays(at(cursor, 0), 1), 0);
  }
  throw new RangeError("The SLA does not fit in the working hours of the next two years.");
}

export type CaseTiming = { state: "on-time" | "due-soon" | "overdue"; minutesLeft: number };

/** Where an open case stands at `now`: overdue past its due time (and escalated), due soon in its last quarter. */
export function caseTiming(openedAt: Date, due: Date, now: Date): CaseTiming {
  const minutesLeft = differenceInMinutes(due, now);
  if (isAfter(now, due)) return { state: "overdue", minutesLeft };
  const total = Math.max(1, differenceInMinutes(due, openedAt));
  return { state: minutesLeft <= total / 4 ? "due-soon" : "on-time", minutesLeft };
}

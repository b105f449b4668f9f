// Days, weeks, months and quarters in an organisation's time zone: what analytics groups answers by.
import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, addQuarters, addWeeks, differenceInCalendarDays, format, parseISO, startOfISOWeek, startOfMonth, startOfQuarter } from "date-fns";

export const intervals = ["day", "week", "month", "quarter"] as const;
export type Interval = (typeof intervals)[number];

/** A calendar day as "2026-10-14". */
export type Day = string;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** The calendar day an instant falls on in a time zone. Cached per zone: this runs for every stored answer. */
export function localDay(at: Date, timeZone: string): Day {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA writes dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f.format(at);
}

export const monthOf = (day: Day) => day.slice(0, 7);

/** The instant a local day starts in a time zone (midnight, or the first instant after a DST gap). */
export const startOfLocalDay = (day: Day, timeZone: string): Date => new Date(new TZDate(`${day}T00:00:00`, timeZone).getTime());

// Calendar arithmetic on plain days: a Date at UTC midnight is the same calendar in every zone.
const asDate = (day: Day) => parseISO(day);
const asDay = (d: Date) => format(d, "yyyy-MM-dd");
/** Remembers a pure function of a day: dashboards ask the same few hundred days again and again. */
function remembered<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const seen = new Map<string, R>();
  return (...args) => {
    const key = args.join("|");
    let value = seen.get(key);
    if (value === undefined) {
      if (seen.size >= 20_000) seen.clear();
      value = fn(...args);
      seen.set(key, value);
    }
    return value;
  };
}
export const addDay = remembered((day: Day, n: number): Day => asDay(addDays(asDate(day), n)));
/** The same day n months later (or earlier), the month's last day where it has no such day. */
export const addMonth = (day: Day, n: number): Day => asDay(addMonths(asDate(day), n));
/** The first day of the quarter a day is in. */
export const startOfQuarterOf = (day: Day): Day => asDay(startOfQuarter(asDate(day)));
export const daysBetween = (from: Day, to: Day) => differenceInCalendarDays(asDate(to), asDate(from));
// date-fns throws formatting an invalid date ("2026-02-30" parses to one), so that is checked first.
export const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(asDate(value).getTime()) && asDay(asDate(value)) === value;

export type Period = { period: string; from: Day; to: Day };

const startOf: Record<Interval, (d: Date) => Date> = { day: (d) => d, week: startOfISOWeek, month: startOfMonth, quarter: startOfQuarter };
const next: Record<Interval, (d: Date) => Date> = {
  day: (d) => addDays(d, 1),
  week: (d) => addWeeks(d, 1),
  month: (d) => addMonths(d, 1),
  quarter: (d) => addQuarters(d, 1),
};
const label: Record<Interval, (d: Date) => string> = {
  day: (d) => format(d, "yyyy-MM-dd"),
  week: (d) => format(d, "RRRR-'W'II"),
  month: (d) => format(d, "yyyy-MM"),
  quarter: (d) => format(d, "yyyy-'Q'Q"),
};

/** The periods covering [from, to) (days, `to` exclusive), each clipped to the range: "2026-W42" may start mid-week. */
export function periodsOf(interval: Interval, from: Day, to: Day): Period[] {
  const out: Period[] = [];
  const end = asDate(to);
  for (let start = startOf[interval](asDate(from)); start < end; start = next[interval](start)) {
    const stop = next[interval](start);
    const clippedFrom = start < asDate(from) ? from : asDay(start);
    out.push({ period: label[interval](start), from: clippedFrom, to: stop > end ? to : asDay(stop) });
  }
  return out;
}

/** The period a day belongs to. */
export const periodOfDay = remembered((interval: Interval, day: Day) => label[interval](startOf[interval](asDate(day))));

/** A piece of a range read from a grain: whole months ("2026-10" up to "2026-12") or days, added or taken away. */
export type CoverPiece = { length: "month" | "day"; from: string; to: string; sign: 1 | -1 };

/**
 * Covers the days [from, to) with whole months from a month grain and days from a day grain, reading as few
 * day cells as it can: a month the range cuts is read whole less the days outside the range when those are
 * fewer than the days inside it (the last 90 days up to today take the current month whole, less its days to
 * come, which hold nothing yet). Sums of cells add and subtract exactly, so the figures are the same either way.
 */
export function monthCover(from: Day, to: Day): CoverPiece[] {
  const pieces: CoverPiece[] = [];
  let whole: { from: string; to: string } | null = null;
  const flush = () => {
    if (whole) pieces.push({ length: "month", ...whole, sign: 1 });
    whole = null;
  };
  const day = (a: Day, b: Day, sign: 1 | -1) => a < b && pieces.push({ length: "day", from: a, to: b, sign });
  for (let m = startOfMonth(asDate(from)); asDay(m) < to; m = addMonths(m, 1)) {
    const [start, end] = [asDay(m), asDay(addMonths(m, 1))];
    const [inFrom, inTo] = [from > start ? from : start, to < end ? to : end];
    const month = format(m, "yyyy-MM");
    const next = format(addMonths(m, 1), "yyyy-MM");
    const inside = daysBetween(inFrom, inTo);
    const outside = daysBetween(start, end) - inside;
    if (outside === 0 || outside < inside) {
      if (whole && whole.to === month) whole.to = next;
      else {
        flush();
        whole = { from: month, to: next };
      }
      day(start, inFrom, -1);
      day(inTo, end, -1);
    } else {
      flush();
      day(inFrom, inTo, 1);
    }
  }
  flush();
  return pieces;
}

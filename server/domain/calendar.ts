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
export const addDay = (day: Day, n: number): Day => asDay(addDays(asDate(day), n));
export const daysBetween = (from: Day, to: Day) => differenceInCalendarDays(asDate(to), asDate(from));
export const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && asDay(asDate(value)) === value;

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
export const periodOfDay = (interval: Interval, day: Day) => label[interval](startOf[interval](asDate(day)));

/**
 * Splits [from, to) into the whole months inside it and the days at either end, so a query can read whole
 * months from a month grain and only the edges from a day grain.
 */
export function splitByMonth(from: Day, to: Day): { months: string[]; days: [Day, Day][] } {
  const firstWhole = from.endsWith("-01") ? from : asDay(addMonths(startOfMonth(asDate(from)), 1));
  const lastWhole = asDay(startOfMonth(asDate(to)));
  if (firstWhole >= lastWhole) return { months: [], days: from < to ? [[from, to]] : [] };
  const months: string[] = [];
  for (let m = asDate(firstWhole); asDay(m) < lastWhole; m = addMonths(m, 1)) months.push(format(m, "yyyy-MM"));
  const days: [Day, Day][] = [];
  if (from < firstWhole) days.push([from, firstWhole]);
  if (lastWhole < to) days.push([lastWhole, to]);
  return { months, days };
}

// Dates as files write them, read in the file's time zone and date order, and the zones a picker offers.
import { useEffect, useState } from "react";

export type DateOrder = "ymd" | "mdy" | "dmy";
export type ToZoned = (y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string) => Date;

export const dateOrderLabels: Record<DateOrder, string> = {
  ymd: "Year first (2025-03-14)",
  mdy: "Month first (03/14/2025)",
  dmy: "Day first (14/03/2025)",
};

// "2025-03-14", "2025-03-14 09:30", "2025-03-14T09:30:00Z", "2025-03-14 09:30:00 -0800"
const yearFirst = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
// "03/14/2025 9:30 AM", "14.03.2025 09:30"
const dayMonth = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;

/** A date as the file writes it, read in the file's time zone unless it states its own offset; null when unreadable. */
export function readDate(text: string, order: DateOrder, zone: string, toZoned: ToZoned): Date | null {
  const value = text.trim();
  if (/^\d{10}$/.test(value)) return new Date(Number(value) * 1000);
  let y: number;
  let mo: number;
  let d: number;
  let h = 0;
  let mi = 0;
  let s = 0;
  const a = yearFirst.exec(value);
  const b = a ? null : dayMonth.exec(value);
  if (a) {
    [y, mo, d] = [Number(a[1]), Number(a[2]), Number(a[3])];
    [h, mi, s] = [Number(a[4] ?? 0), Number(a[5] ?? 0), Number(a[6] ?? 0)];
    if (a[7]) {
      const offset = a[7].toUpperCase() === "Z" ? "Z" : `${a[7].slice(0, 3)}:${a[7].slice(-2)}`;
      const pad = (n: number) => String(n).padStart(2, "0");
      const at = new Date(`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset}`);
      return Number.isNaN(at.getTime()) ? null : at;
    }
  } else if (b) {
    const [first, second] = [Number(b[1]), Number(b[2])];
    if (order === "dmy") [d, mo] = [first, second];
    else [mo, d] = [first, second];
    y = Number(b[3]);
    [h, mi, s] = [Number(b[4] ?? 0), Number(b[5] ?? 0), Number(b[6] ?? 0)];
    const half = b[7]?.toUpperCase();
    if (half && (h < 1 || h > 12)) return null;
    if (half === "PM" && h < 12) h += 12;
    if (half === "AM" && h === 12) h = 0;
  } else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const at = toZoned(y, mo - 1, d, h, mi, s, zone);
  // 31 February rolls over into March: refuse it rather than import a different day.
  return Number.isNaN(at.getTime()) || new Intl.DateTimeFormat("en-CA", { timeZone: zone, day: "numeric" }).format(at) !== String(d) ? null : at;
}

/** Day first or month first, judged from the file: a first number above 12 can only be a day. */
export function guessDateOrder(values: string[]): DateOrder {
  for (const v of values) {
    const m = dayMonth.exec(v.trim());
    if (m && Number(m[1]) > 12) return "dmy";
    if (m && Number(m[2]) > 12) return "mdy";
  }
  return "ymd";
}

/** Every zone the browser knows, with `zone` among them even if it does not. */
export function zonesWith(zone: string): string[] {
  const all = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  return all.includes(zone) ? all : [zone, ...all];
}

export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone !== "";
  } catch {
    return false;
  }
}

/** Wall-clock time in a named zone to an instant; null until its library has loaded (it is loaded only here). */
export function useToZoned(): ToZoned | null {
  const [toZoned, setToZoned] = useState<{ fn: ToZoned } | null>(null);
  useEffect(() => {
    void import("@date-fns/tz").then(({ TZDate }) => setToZoned({ fn: (y, mo, d, h, mi, s, z) => new Date(new TZDate(y, mo, d, h, mi, s, z).getTime()) }));
  }, []);
  return toZoned?.fn ?? null;
}

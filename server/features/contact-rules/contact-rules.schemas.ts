// Shapes of the organisation's contact rules (the gap between surveys, quiet hours) and its units' time zones.
import { z } from "../../lib/openapi";
import { pageOf } from "../../lib/pagination";

export const MAX_GAP_DAYS = 365;

const clock = (which: string) =>
  z
    .string({ error: `Enter when quiet hours ${which} as a time such as 21:00.` })
    .trim()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, `Enter when quiet hours ${which} as a 24-hour time from 00:00 to 23:59, such as 21:00.`)
    .openapi({ example: which === "start" ? "21:00" : "08:00" });

const quietHours = z
  .object({ start: clock("start"), end: clock("end") }, { error: "Send quiet hours as { start, end }, or null to send at any hour." })
  .refine((q) => toMinute(q.start) !== toMinute(q.end), { path: ["end"], message: "Quiet hours need an end other than their start; to send at any hour, turn them off." })
  .openapi("QuietHours", { description: "Local times, 24-hour: nothing is sent from start until end, across midnight when end comes first." });

export const contactRulesBody = z
  .object({
    contactGapDays: z
      .number({ error: "Enter the days between two surveys to one customer (0 for no limit)." })
      .int("Enter the days between surveys as a whole number.")
      .min(0, "Enter 0 days (no limit) or more between surveys.")
      .max(MAX_GAP_DAYS, `Enter at most ${MAX_GAP_DAYS} days between surveys.`)
      .openapi({ description: "At most one survey per customer in this many days, across all surveys; 0 means no limit. A rule may set its own.", example: 30 }),
    quietHours: quietHours.nullable().openapi({ description: "null: emails go out at any hour." }),
  })
  .openapi("ContactRulesChanges");

export const contactRulesView = z
  .object({
    contactGapDays: z.number().int(),
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    timeZone: z.string().openapi({ description: "The organisation's zone, the last fallback for quiet hours after the customer's and the unit's.", example: "Europe/London" }),
  })
  .openapi("ContactRules");

/** "21:00" → 1260: quiet hours are stored as minutes after local midnight. */
export function toMinute(clockText: string): number {
  const [h, m] = clockText.split(":").map(Number);
  return h! * 60 + m!;
}

export const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
};

export const unitIdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "5c2e…" }) });

export const unitZoneBody = z
  .object({
    timeZone: z
      .string({ error: "Enter a time zone such as Europe/Paris, or null to follow the organisation's." })
      .trim()
      .refine(isTimeZone, "Enter a time zone by its name, such as Europe/Paris or America/New_York; that one is not a zone we know.")
      // The canonical spelling, so "europe/paris" is stored as the zone's own name.
      .transform((zone) => new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone)
      .nullable()
      .openapi({ description: "An IANA zone name; null follows the organisation's.", example: "Europe/Paris" }),
  })
  .openapi("UnitTimeZone");

export const unitView = z
  .object({ id: z.string(), name: z.string(), timeZone: z.string().nullable().openapi({ description: "null: the organisation's zone applies." }) })
  .openapi("Unit");
export type UnitView = z.infer<typeof unitView>;
export const unitPage = pageOf(unitView, "UnitPage");

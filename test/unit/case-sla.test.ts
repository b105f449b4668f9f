import { describe, expect, it } from "vitest";
import { caseTiming, defaultSla, dueAt } from "../../server/domain/case-sla";

const iso = (d: Date) => d.toISOString();

describe("when a follow-up case is due", () => {
  it("counts clock hours for an urgent case, whatever the zone", () => {
    expect(iso(dueAt(new Date("2026-11-20T22:30:00Z"), defaultSla.urgent, "Asia/Singapore"))).toBe("2026-11-21T02:30:00.000Z");
  });

  it("counts working hours in the unit's own zone: Friday evening in Singapore is due on Monday there", () => {
    // Friday 20 November 2026, 18:00 in Singapore (UTC+8): after hours, so 8 working hours start Monday 9:00.
    const opened = new Date("2026-11-20T10:00:00Z");
    expect(iso(dueAt(opened, defaultSla.high, "Asia/Singapore"))).toBe("2026-11-23T09:00:00.000Z"); // Monday 17:00 local
    // The same moment is Friday 10:00 in London: 7 hours that day, 1 on Monday.
    expect(iso(dueAt(opened, defaultSla.high, "Europe/London"))).toBe("2026-11-23T10:00:00.000Z");
  });

  it("runs across a change of clocks without losing or gaining an hour", () => {
    // Friday 27 March 2026, 15:00 in Berlin (UTC+1); clocks go forward on Sunday 29 March.
    const opened = new Date("2026-03-27T14:00:00Z");
    // 2 hours left on Friday, then 14 from Monday (UTC+2): Monday 8 hours, Tuesday 6 → Tuesday 15:00 local.
    expect(iso(dueAt(opened, defaultSla.normal, "Europe/Berlin"))).toBe("2026-03-31T13:00:00.000Z");
  });

  it("starts at the opening of the day when a case comes in before it, and skips days off", () => {
    const policy = { hours: 2, working: { startMinute: 8 * 60, endMinute: 12 * 60, days: [2, 4] } };
    // Monday 06:00 UTC: next working day is Tuesday, 08:00–10:00.
    expect(iso(dueAt(new Date("2026-11-23T06:00:00Z"), policy, "UTC"))).toBe("2026-11-24T10:00:00.000Z");
    expect(() => dueAt(new Date(), { hours: 0 }, "UTC")).toThrow(RangeError);
    expect(() => dueAt(new Date(), { hours: 2, working: { startMinute: 600, endMinute: 600, days: [1] } }, "UTC")).toThrow(RangeError);
  });

  it("says whether an open case is on time, due soon (its last quarter) or overdue", () => {
    const opened = new Date("2026-11-23T09:00:00Z");
    const due = new Date("2026-11-23T17:00:00Z");
    expect(caseTiming(opened, due, new Date("2026-11-23T10:00:00Z"))).toEqual({ state: "on-time", minutesLeft: 420 });
    expect(caseTiming(opened, due, new Date("2026-11-23T15:30:00Z"))).toEqual({ state: "due-soon", minutesLeft: 90 });
    expect(caseTiming(opened, due, new Date("2026-11-23T18:00:00Z"))).toMatchObject({ state: "overdue", minutesLeft: -60 });
  });
});

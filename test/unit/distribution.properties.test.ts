// Property tests of the distribution rules: contact rules across surveys, reminders, stable sampling, and quiet
// hours across DST changes, each checked against a clock read through Intl rather than the code under test.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  afterQuietHours,
  decideBatch,
  inQuietHours,
  inSample,
  MAX_REMINDERS,
  ruleMatches,
  type Candidate,
  type ContactSettings,
  type Decision,
  type QuietHours,
  type Rule,
} from "../../server/domain/distribution";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// DST at 02:00/03:00 (Berlin, New York), in the southern summer (Sydney, Chatham at 02:45, São Paulo at midnight
// until 2019), half an hour (Lord Howe), and none at all with a half-hour offset (Kolkata).
const ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo", "Pacific/Chatham", "Australia/Lord_Howe", "UTC"] as const;
const YEARS = [2018, 2026];

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(t: number, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, Number(x.value)]));
  return { minuteOfDay: p.hour! * 60 + p.minute!, asUtc: Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) };
}
const offsetMinutes = (t: number, timeZone: string) => Math.round((wallClock(t, timeZone).asUtc - Math.floor(t / 1000) * 1000) / MINUTE);

/** The oracle: quiet hours read off Intl's wall clock. */
function quietAt(t: number, quiet: QuietHours, timeZone: string) {
  if (!quiet || quiet.startMinute === quiet.endMinute) return false;
  const m = wallClock(t, timeZone).minuteOfDay;
  return quiet.startMinute < quiet.endMinute ? m >= quiet.startMinute && m < quiet.endMinute : m >= quiet.startMinute || m < quiet.endMinute;
}

/**
 * When a night that holds `t` ends, found by walking the clock a minute at a time: the first minute the wall clock
 * moves forward out of the window. A fall-back that turns the clock back out of the window, mid-night, does not
 * end it (Berlin, quiet 02:45–03:45: at 02:59 summer time the clock falls back to 02:00, and it is still night
 * until 03:45 winter time).
 */
function endOfNight(t: number, quiet: QuietHours, timeZone: string) {
  if (!quietAt(t, quiet, timeZone)) return t;
  let fellBack = false;
  for (let at = t + MINUTE; ; at += MINUTE) {
    if (wallClock(at, timeZone).asUtc < wallClock(at - MINUTE, timeZone).asUtc) fellBack = true;
    // Once back in the window after a fall-back, the night goes on as usual.
    if (quietAt(at, quiet, timeZone)) fellBack = false;
    else if (!fellBack) return at;
  }
}

/** Every instant in the years where the zone's UTC offset changes, to the minute, with the size of the change. */
function transitionsOf(timeZone: string) {
  const out: { at: number; shiftMinutes: number }[] = [];
  for (const year of YEARS) {
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += DAY) {
      const before = offsetMinutes(t, timeZone);
      const after = offsetMinutes(t + DAY, timeZone);
      if (before === after) continue;
      let lo = t;
      let hi = t + DAY;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (offsetMinutes(mid, timeZone) === before) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi, shiftMinutes: Math.abs(after - before) });
    }
  }
  return out;
}
const TRANSITIONS = new Map<string, { at: number; shiftMinutes: number }[]>(ZONES.map((z) => [z, transitionsOf(z)]));

const minuteOfDay = fc.integer({ min: 0, max: 1439 });
// Hand-picked windows beside random ones: the usual night, a lunch hour, ends and starts on a DST wall time.
const quietHours: fc.Arbitrary<QuietHours> = fc.oneof(
  fc.constantFrom<QuietHours>(
    { startMinute: 21 * 60, endMinute: 8 * 60 },
    { startMinute: 12 * 60, endMinute: 13 * 60 },
    { startMinute: 22 * 60, endMinute: 2 * 60 + 30 },
    { startMinute: 1 * 60, endMinute: 3 * 60 },
    { startMinute: 23 * 60, endMinute: 0 },
    { startMinute: 0, endMinute: 1 * 60 },
    { startMinute: 2 * 60 + 45, endMinute: 3 * 60 + 45 },
    { startMinute: 9 * 60, endMinute: 9 * 60 },
    null,
  ),
  fc.record({ startMinute: minuteOfDay, endMinute: minuteOfDay }),
);

/** A whole minute near one of the zone's DST changes (or anywhere in the years for a zone without them). */
const instantIn = (timeZone: (typeof ZONES)[number]) => {
  const changes = TRANSITIONS.get(timeZone)!;
  const anywhere = fc.integer({ min: Date.UTC(YEARS[0]!, 0, 1) / MINUTE, max: Date.UTC(YEARS.at(-1)! + 1, 0, 1) / MINUTE - 1 }).map((m) => m * MINUTE);
  if (changes.length === 0) return anywhere;
  const near = fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -36 * 60, max: 36 * 60 })).map(([c, m]) => c.at + m * MINUTE);
  return fc.oneof({ arbitrary: near, weight: 4 }, { arbitrary: anywhere, weight: 1 });
};
const zonedInstant = fc.constantFrom(...ZONES).chain((timeZone) => instantIn(timeZone).map((at) => ({ timeZone, at })));
const largestShift = (timeZone: string) => Math.max(0, ...TRANSITIONS.get(timeZone)!.map((c) => c.shiftMinutes));

describe("quiet hours across DST changes", () => {
  it("finds DST changes in every zone that has them, so the properties below really cross them", () => {
    for (const zone of ZONES) {
      const count = TRANSITIONS.get(zone)!.length;
      if (zone === "Asia/Kolkata" || zone === "UTC") expect(count).toBe(0);
      else expect(count).toBeGreaterThanOrEqual(2);
    }
    expect(largestShift("Australia/Lord_Howe")).toBe(30);
  });

  it("agrees with the zone's wall clock about whether a moment is in quiet hours", () => {
    fc.assert(
      fc.property(zonedInstant, quietHours, ({ timeZone, at }, quiet) => {
        expect(inQuietHours(new Date(at), quiet, timeZone)).toBe(quietAt(at, quiet, timeZone));
      }),
      { numRuns: 2000 },
    );
  });

  it("moves a send out of quiet hours, never earlier, to the night's end give or take the DST shift", () => {
    fc.assert(
      fc.property(zonedInstant, quietHours, ({ timeZone, at }, quiet) => {
        const out = afterQuietHours(new Date(at), quiet, timeZone).getTime();
        expect(out).toBeGreaterThanOrEqual(at);
        expect(quietAt(out, quiet, timeZone)).toBe(false);
        if (!quietAt(at, quiet, timeZone)) expect(out).toBe(at);
        const end = endOfNight(at, quiet, timeZone);
        expect(out).toBeGreaterThanOrEqual(end);
        // An end the fall-back repeats is taken at its second showing: an hour late, never more than the shift.
        expect(out - end).toBeLessThanOrEqual(largestShift(timeZone) * MINUTE);
      }),
      { numRuns: 2000 },
    );
  });

  it("sends at the end of the night on an ordinary day, to the minute", () => {
    // Away from DST changes the first open minute is exactly the wall time the night ends.
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 364 }), minuteOfDay, minuteOfDay, minuteOfDay, (timeZone, day, startMinute, endMinute, minute) => {
        const midday = Date.UTC(2026, 0, 1) + day * DAY + 12 * HOUR;
        if (TRANSITIONS.get(timeZone)!.some((c) => Math.abs(c.at - midday) < 3 * DAY)) return;
        const at = midday + (minute - 12 * 60) * MINUTE;
        const quiet = { startMinute, endMinute };
        expect(afterQuietHours(new Date(at), quiet, timeZone).getTime()).toBe(endOfNight(at, quiet, timeZone));
      }),
      { numRuns: 1000 },
    );
  });
});

// --- decideBatch ---------------------------------------------------------------------------------------------

const NOW = Date.UTC(2026, 2, 20, 10, 0);
const TYPES = ["complaint", "enquiry", "repair"] as const;

const ruleArb = (i: number, surveys: number): fc.Arbitrary<Rule> =>
  fc.record({
    surveyId: fc.integer({ min: 1, max: surveys }).map((n) => `survey-${n}`),
    types: fc.option(fc.subarray([...TYPES], { minLength: 1 }), { nil: null }),
    samplePercent: fc.oneof(fc.constant(100), fc.integer({ min: 0, max: 100 })),
    delayMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 * 1440 })),
    expiresAfterDays: fc.integer({ min: 1, max: 30 }),
    // Three on purpose: no more than two are ever scheduled.
    reminderDays: fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 3 }),
    contactGapDays: fc.option(fc.integer({ min: 0, max: 45 }), { nil: null }),
  }).map((r) => ({
    id: `rule-${i}`,
    surveyId: r.surveyId,
    match: { types: r.types, channels: null },
    samplePercent: r.samplePercent,
    delayMinutes: r.delayMinutes,
    expiresAfterDays: r.expiresAfterDays,
    reminderDays: r.reminderDays,
    contactGapDays: r.contactGapDays,
  }));

const rulesArb = fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(i, 3))));
const settingsArb: fc.Arbitrary<ContactSettings> = fc.record({ gapDays: fc.integer({ min: 0, max: 45 }), quiet: quietHours });
const customersArb = fc.array(fc.record({ zone: fc.constantFrom(...ZONES), suppressed: fc.integer({ min: 0, max: 9 }).map((n) => n === 0) }), { minLength: 1, maxLength: 6 });

const world = fc
  .record({ rules: rulesArb, settings: settingsArb, customers: customersArb, now: fc.integer({ min: 0, max: 300 * 1440 }).map((m) => NOW + m * MINUTE) })
  .chain((w) =>
    fc.record({
      rules: fc.constant(w.rules as Rule[]),
      settings: fc.constant(w.settings),
      now: fc.constant(w.now),
      candidates: fc.array(
        fc.record({
          customer: fc.integer({ min: 0, max: w.customers.length - 1 }),
          type: fc.constantFrom(...TYPES),
          // Mostly recent, some so old their invitation would have lapsed (a historical import).
          ageMinutes: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 * 1440 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 40 * 1440 }), weight: 1 }),
        }),
        { minLength: 1, maxLength: 30 },
      ),
      // Surveys already scheduled or sent to each customer, some still to come.
      history: fc.array(fc.array(fc.integer({ min: -40 * 1440, max: 10 * 1440 }), { maxLength: 3 }), { minLength: w.customers.length, maxLength: w.customers.length }),
      customers: fc.constant(w.customers),
    }),
  )
  .map((w) => {
    const candidates: Candidate[] = w.candidates.map((c, i) => ({
      interactionId: `interaction-${i}`,
      customerKey: `customer-${c.customer}`,
      facts: { type: c.type, channel: "email", occurredAt: new Date(w.now - c.ageMinutes * MINUTE) },
      timeZone: w.customers[c.customer]!.zone,
      suppressed: w.customers[c.customer]!.suppressed,
    }));
    return { ...w, candidates };
  });

/** decideBatch on a copy of the history, so the caller's stays as it was. */
const decide = (rules: Rule[], candidates: Candidate[], history: Map<string, Date[]>, settings: ContactSettings, now: number) =>
  decideBatch(rules, candidates, new Map([...history].map(([k, v]) => [k, [...v]])), settings, new Date(now));

const historyOf = (w: { history: number[][]; now: number }) =>
  new Map<string, Date[]>(w.history.map((minutes, i): [string, Date[]] => [`customer-${i}`, minutes.map((m) => new Date(w.now + m * MINUTE))]).filter(([, list]) => list.length > 0));

describe("deciding a batch", () => {
  it("never schedules two surveys to one customer closer than the gap that applies, across surveys and the history", () => {
    fc.assert(
      fc.property(world, (w) => {
        const history = historyOf(w);
        const decisions = decide(w.rules, w.candidates, history, w.settings, w.now);
        const rule = new Map(w.rules.map((r) => [r.id, r]));
        const gapOf = (d: Decision) => (rule.get(d.ruleId)!.contactGapDays ?? w.settings.gapDays) * DAY;
        const customerOf = new Map(w.candidates.map((c) => [c.interactionId, c.customerKey]));
        const scheduled = decisions.filter((d) => d.outcome === "scheduled");
        for (const [i, a] of scheduled.entries()) {
          const customer = customerOf.get(a.interactionId)!;
          // Against what was there before the batch, the rule's own gap holds in full.
          for (const earlier of history.get(customer) ?? []) expect(Math.abs(earlier.getTime() - a.schedule!.sendAt.getTime())).toBeGreaterThanOrEqual(gapOf(a));
          // Between two of the batch, the later decided keeps its gap: so at least the smaller of the two.
          for (const b of scheduled.slice(i + 1)) {
            if (customerOf.get(b.interactionId) !== customer) continue;
            expect(Math.abs(a.schedule!.sendAt.getTime() - b.schedule!.sendAt.getTime())).toBeGreaterThanOrEqual(Math.min(gapOf(a), gapOf(b)));
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("keeps every survey a customer gets at least the organisation's gap apart when no rule overrides it", () => {
    fc.assert(
      fc.property(world, (w) => {
        const rules = w.rules.map((r) => ({ ...r, contactGapDays: null }));
        const history = historyOf(w);
        const decisions = decide(rules, w.candidates, history, w.settings, w.now);
        const customerOf = new Map(w.candidates.map((c) => [c.interactionId, c.customerKey]));
        const sends = new Map<string, { at: number; fresh: boolean }[]>();
        for (const [k, list] of history) sends.set(k, list.map((d) => ({ at: d.getTime(), fresh: false })));
        for (const d of decisions) {
          if (d.outcome !== "scheduled") continue;
          const k = customerOf.get(d.interactionId)!;
          sends.set(k, [...(sends.get(k) ?? []), { at: d.schedule!.sendAt.getTime(), fresh: true }]);
        }
        for (const list of sends.values()) {
          for (const [i, a] of list.entries()) {
            for (const b of list.slice(i + 1)) if (a.fresh || b.fresh) expect(Math.abs(a.at - b.at)).toBeGreaterThanOrEqual(w.settings.gapDays * DAY);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("decides each matching rule once per interaction, and schedules in the customer's day after the delay", () => {
    fc.assert(
      fc.property(world, (w) => {
        const decisions = decide(w.rules, w.candidates, historyOf(w), w.settings, w.now);
        const rule = new Map(w.rules.map((r) => [r.id, r]));
        const candidate = new Map(w.candidates.map((c) => [c.interactionId, c]));
        const expected = w.candidates.flatMap((c) => w.rules.filter((r) => ruleMatches(r.match, c.facts)).map((r) => `${r.id}/${c.interactionId}`));
        expect(decisions.map((d) => `${d.ruleId}/${d.interactionId}`).sort()).toEqual(expected.sort());
        for (const d of decisions) {
          const r = rule.get(d.ruleId)!;
          const c = candidate.get(d.interactionId)!;
          if (c.suppressed) expect(d.outcome).toBe("suppressed");
          if (d.outcome !== "scheduled") continue;
          const { sendAt, expiresAt } = d.schedule!;
          expect(sendAt.getTime()).toBeGreaterThanOrEqual(Math.max(w.now, c.facts.occurredAt.getTime() + r.delayMinutes * MINUTE));
          expect(quietAt(sendAt.getTime(), w.settings.quiet, c.timeZone)).toBe(false);
          expect(expiresAt.getTime() - sendAt.getTime()).toBe(r.expiresAfterDays * DAY);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("schedules at most two reminders, each its days after the one before, out of quiet hours and before the link lapses", () => {
    fc.assert(
      fc.property(world, (w) => {
        const decisions = decide(w.rules, w.candidates, historyOf(w), w.settings, w.now);
        const rule = new Map(w.rules.map((r) => [r.id, r]));
        const candidate = new Map(w.candidates.map((c) => [c.interactionId, c]));
        for (const d of decisions) {
          if (d.outcome !== "scheduled") continue;
          const { sendAt, expiresAt, reminders } = d.schedule!;
          const days = rule.get(d.ruleId)!.reminderDays;
          const zone = candidate.get(d.interactionId)!.timeZone;
          expect(reminders.length).toBeLessThanOrEqual(Math.min(MAX_REMINDERS, days.length));
          let previous = sendAt.getTime();
          for (const [i, at] of reminders.entries()) {
            expect(at.getTime()).toBeGreaterThan(previous);
            expect(at.getTime() - previous).toBeGreaterThanOrEqual(days[i]! * DAY);
            expect(at.getTime()).toBeLessThan(expiresAt.getTime());
            expect(quietAt(at.getTime(), w.settings.quiet, zone)).toBe(false);
            previous = at.getTime();
          }
          // One left out is one that would have come too late for the link.
          if (reminders.length < Math.min(MAX_REMINDERS, days.length)) {
            const next = afterQuietHours(new Date(previous + days[reminders.length]! * DAY), w.settings.quiet, zone);
            expect(next.getTime()).toBeGreaterThanOrEqual(expiresAt.getTime());
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("sampling", () => {
  const sampledOut = (decisions: Decision[], candidates: Candidate[]) => {
    const customerOf = new Map(candidates.map((c) => [c.interactionId, c.customerKey]));
    return new Set(decisions.filter((d) => d.outcome === "sampled-out").map((d) => `${d.ruleId}/${customerOf.get(d.interactionId)}/${d.interactionId}`));
  };

  it("decides the same for a rule and a customer whatever the batch's order or other members", () => {
    const arb = world.chain((w) => fc.record({ w: fc.constant(w), order: fc.shuffledSubarray(w.candidates, { minLength: w.candidates.length }), extra: fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 10 }) }));
    fc.assert(
      fc.property(arb, ({ w, order, extra }) => {
        const unsuppressed = w.candidates.map((c) => ({ ...c, suppressed: false }));
        const shuffled = order.map((c) => ({ ...c, suppressed: false }));
        const others: Candidate[] = extra.map((n, i) => ({ ...unsuppressed[0]!, interactionId: `other-${i}`, customerKey: `stranger-${n}` }));
        const base = sampledOut(decide(w.rules, unsuppressed, historyOf(w), w.settings, w.now), unsuppressed);
        expect(sampledOut(decide(w.rules, unsuppressed, historyOf(w), w.settings, w.now), unsuppressed)).toEqual(base);
        expect(sampledOut(decide(w.rules, shuffled, historyOf(w), w.settings, w.now), shuffled)).toEqual(base);
        const mixed = [...others, ...shuffled];
        const inMixed = [...sampledOut(decide(w.rules, mixed, new Map(), w.settings, w.now), mixed)].filter((k) => !k.includes("/stranger-"));
        expect(new Set(inMixed)).toEqual(base);
        // Every interaction of one customer under one rule shares the decision, which is inSample's.
        for (const c of unsuppressed) {
          for (const r of w.rules) {
            if (!ruleMatches(r.match, c.facts)) continue;
            expect(base.has(`${r.id}/${c.customerKey}/${c.interactionId}`)).toBe(!inSample(r.id, c.customerKey, r.samplePercent));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("samples close to the requested rate over many customers", () => {
    const customers = Array.from({ length: 20_000 }, (_, i) => `customer-${i.toString(36)}@example.org`);
    for (const percent of [1, 5, 10, 33, 50, 90, 99]) {
      for (const ruleId of ["rule-a", "0b6f3d1e-7c1a-4a57-9d8e-0a0c7f1f2e11"]) {
        const n = customers.length;
        const p = percent / 100;
        const picked = customers.filter((c) => inSample(ruleId, c, percent)).length;
        // Five standard deviations: loose enough never to trip on a fair hash, tight enough to catch a biased one.
        expect(Math.abs(picked - n * p)).toBeLessThanOrEqual(5 * Math.sqrt(n * p * (1 - p)) + 1);
      }
    }
    expect(customers.every((c) => inSample("rule-a", c, 100) && !inSample("rule-a", c, 0))).toBe(true);
  });

  it("picks different customers for different rules at the same rate", () => {
    const customers = Array.from({ length: 2_000 }, (_, i) => `c${i}`);
    const a = customers.filter((c) => inSample("rule-a", c, 50));
    const b = new Set(customers.filter((c) => inSample("rule-b", c, 50)));
    const both = a.filter((c) => b.has(c)).length;
    // Independent halves overlap on about a quarter.
    expect(Math.abs(both - customers.length / 4)).toBeLessThan(5 * Math.sqrt(customers.length * 0.25 * 0.75));
  });
});

// Vectors for the distribution rules: one named case per behaviour of matching, scheduling, contact rules and quiet hours.
import { describe, expect, it } from "vitest";
import {
  afterQuietHours,
  contactAllowed,
  decideBatch,
  inQuietHours,
  invitationSchedule,
  matchFailure,
  reminderTimes,
  type AttributeCondition,
  type Candidate,
  type InteractionFacts,
  type Rule,
} from "../../server/domain/distribution";

const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;
const facts = (over: Partial<InteractionFacts> = {}): InteractionFacts => ({
  type: "complaint",
  channel: "phone",
  unit: "North",
  attributes: { tier: "gold", visits: 12, vip: true, spend: "250.5" },
  occurredAt: at("2026-03-10T09:00:00Z"),
  ...over,
});
const holds = (condition: AttributeCondition, attributes: InteractionFacts["attributes"] = facts().attributes) =>
  matchFailure({ types: null, channels: null, attributes: [condition] }, facts({ attributes })) === null;

describe("why a rule does not select an interaction", () => {
  it("selects anything when the rule names nothing", () => {
    expect(matchFailure({ types: null, channels: null }, facts())).toBeNull();
    expect(matchFailure({ types: [], channels: [], units: [], attributes: [] }, facts())).toBeNull();
  });

  it("names the type first, then the channel, the unit and the attributes", () => {
    expect(matchFailure({ types: ["enquiry"], channels: ["email"] }, facts())).toBe("type");
    expect(matchFailure({ types: ["complaint"], channels: ["email"] }, facts())).toBe("channel");
    expect(matchFailure({ types: null, channels: null, units: ["South"] }, facts())).toBe("unit");
    expect(matchFailure({ types: null, channels: null, attributes: [{ key: "tier", op: "is", value: "silver" }] }, facts())).toBe("attributes");
  });

  it("compares types, channels and units without case or surrounding spaces", () => {
    expect(matchFailure({ types: [" Complaint "], channels: ["PHONE"], units: ["north"] }, facts())).toBeNull();
  });

  it("does not select an interaction with no unit for a rule that names units", () => {
    expect(matchFailure({ types: null, channels: null, units: ["North"] }, facts({ unit: null }))).toBe("unit");
  });
});

describe("attribute conditions", () => {
  it("matches text without case, a number by its written form and a boolean by its word", () => {
    expect(holds({ key: "tier", op: "is", value: "GOLD" })).toBe(true);
    expect(holds({ key: "visits", op: "is", value: "12" })).toBe(true);
    expect(holds({ key: "visits", op: "is", value: 12 })).toBe(true);
    expect(holds({ key: "vip", op: "is", value: "true" })).toBe(true);
    expect(holds({ key: "vip", op: "is", value: false })).toBe(false);
  });

  it("compares numbers written as text as numbers with at-least and at-most", () => {
    expect(holds({ key: "spend", op: "at-least", value: 250 })).toBe(true);
    expect(holds({ key: "spend", op: "at-most", value: "250" })).toBe(false);
    expect(holds({ key: "visits", op: "at-least", value: "9" })).toBe(true);
    // Compared as text, "9" would come after "12".
    expect(holds({ key: "visits", op: "at-most", value: "9" })).toBe(false);
  });

  it("never orders text that is not a number, nor a boolean", () => {
    expect(holds({ key: "tier", op: "at-least", value: 0 })).toBe(false);
    expect(holds({ key: "vip", op: "at-least", value: 0 })).toBe(false);
    expect(holds({ key: "visits", op: "at-most", value: "many" })).toBe(false);
  });

  it("matches one of a list, numbers by their written form", () => {
    expect(holds({ key: "tier", op: "is-one-of", value: ["silver", "Gold"] })).toBe(true);
    expect(holds({ key: "visits", op: "is-one-of", value: ["11", 12] })).toBe(true);
    expect(holds({ key: "tier", op: "is-one-of", value: [] })).toBe(false);
  });

  it("lets is-not select an interaction without the attribute, and no other operator", () => {
    expect(holds({ key: "region", op: "is-not", value: "west" })).toBe(true);
    expect(holds({ key: "tier", op: "is-not", value: "gold" })).toBe(false);
    expect(holds({ key: "region", op: "is", value: "west" })).toBe(false);
    expect(holds({ key: "region", op: "at-most", value: 10 })).toBe(false);
    expect(holds({ key: "tier", op: "is", value: "gold" }, null)).toBe(false);
  });
});

describe("scheduling an invitation", () => {
  const timing = { delayMinutes: 60, expiresAfterDays: 7 };

  it("sends after the delay, never in the past, and lapses the given days after sending", () => {
    expect(invitationSchedule(timing, at("2026-03-10T09:00:00Z"), at("2026-03-10T09:30:00Z"))).toEqual({
      sendAt: at("2026-03-10T10:00:00Z"),
      expiresAt: at("2026-03-17T10:00:00Z"),
    });
    expect(invitationSchedule(timing, at("2026-03-05T09:00:00Z"), at("2026-03-10T09:30:00Z"))).toEqual({
      sendAt: at("2026-03-10T09:30:00Z"),
      expiresAt: at("2026-03-17T09:30:00Z"),
    });
  });

  it("schedules nothing for a historical interaction whose link would already have lapsed", () => {
    expect(invitationSchedule(timing, at("2026-03-01T09:00:00Z"), at("2026-03-08T10:00:00Z"))).toBeNull();
    expect(invitationSchedule(timing, at("2026-03-01T09:00:00Z"), at("2026-03-08T09:59:00Z"))).not.toBeNull();
  });
});

describe("quiet hours", () => {
  const night = { startMinute: 21 * 60, endMinute: 8 * 60 };
  const lunch = { startMinute: 12 * 60, endMinute: 13 * 60 };

  it("holds a night that wraps midnight until its end the next morning", () => {
    expect(afterQuietHours(at("2026-03-10T22:30:00Z"), night, "UTC")).toEqual(at("2026-03-11T08:00:00Z"));
    expect(afterQuietHours(at("2026-03-11T03:00:00Z"), night, "UTC")).toEqual(at("2026-03-11T08:00:00Z"));
    expect(afterQuietHours(at("2026-03-11T08:00:00Z"), night, "UTC")).toEqual(at("2026-03-11T08:00:00Z"));
    expect(inQuietHours(at("2026-03-10T20:59:00Z"), night, "UTC")).toBe(false);
    expect(inQuietHours(at("2026-03-10T21:00:00Z"), night, "UTC")).toBe(true);
  });

  it("holds a window within one day until its end that day", () => {
    expect(afterQuietHours(at("2026-03-10T12:15:00Z"), lunch, "UTC")).toEqual(at("2026-03-10T13:00:00Z"));
    expect(afterQuietHours(at("2026-03-10T11:59:00Z"), lunch, "UTC")).toEqual(at("2026-03-10T11:59:00Z"));
  });

  it("reads the window in the given zone", () => {
    // 22:30 in Kolkata (UTC+5:30) is 17:00 UTC; the night ends at 08:00 there, 02:30 UTC.
    expect(afterQuietHours(at("2026-03-10T17:00:00Z"), night, "Asia/Kolkata")).toEqual(at("2026-03-11T02:30:00Z"));
  });

  it("has none when start and end are the same minute, or when none are set", () => {
    expect(inQuietHours(at("2026-03-10T09:00:00Z"), { startMinute: 540, endMinute: 540 }, "UTC")).toBe(false);
    expect(afterQuietHours(at("2026-03-10T09:00:00Z"), { startMinute: 540, endMinute: 540 }, "UTC")).toEqual(at("2026-03-10T09:00:00Z"));
    expect(afterQuietHours(at("2026-03-10T23:00:00Z"), null, "UTC")).toEqual(at("2026-03-10T23:00:00Z"));
  });

  it("ends a night whose end the spring DST change skips at the first minute after the gap", () => {
    // Berlin, 29 March 2026: 02:00 becomes 03:00 (01:00 UTC), so 02:30 never comes.
    const quiet = { startMinute: 21 * 60, endMinute: 2 * 60 + 30 };
    expect(afterQuietHours(at("2026-03-29T00:30:00Z"), quiet, "Europe/Berlin")).toEqual(at("2026-03-29T01:00:00Z"));
  });

  it("keeps the one open minute of a day whose night ends in the DST gap", () => {
    // Berlin, 25 March 2018: quiet 03:01–02:01 leaves 02:01–03:01 open, of which only 03:00 exists that day.
    const quiet = { startMinute: 3 * 60 + 1, endMinute: 2 * 60 + 1 };
    expect(afterQuietHours(at("2018-03-25T00:59:00Z"), quiet, "Europe/Berlin")).toEqual(at("2018-03-25T01:00:00Z"));
  });
});

describe("reminders", () => {
  const sendAt = at("2026-03-10T10:00:00Z");

  it("comes the given days after the invitation, then after the first reminder, at most two", () => {
    expect(reminderTimes(sendAt, at("2026-03-30T10:00:00Z"), [3, 4, 5], null, "UTC")).toEqual([at("2026-03-13T10:00:00Z"), at("2026-03-17T10:00:00Z")]);
  });

  it("waits for the end of quiet hours and counts the next from then", () => {
    // New York, 20:30 on 7 March 2026; a day later the clocks have gone forward, so the same instant is 21:30.
    const night = { startMinute: 21 * 60, endMinute: 8 * 60 };
    expect(reminderTimes(at("2026-03-08T01:30:00Z"), at("2026-03-30T00:00:00Z"), [1, 2], night, "America/New_York")).toEqual([
      at("2026-03-09T12:00:00Z"),
      at("2026-03-11T12:00:00Z"),
    ]);
  });

  it("drops a reminder that would come when the link has lapsed, and the one after it", () => {
    expect(reminderTimes(sendAt, at("2026-03-17T10:00:00Z"), [3, 4], null, "UTC")).toEqual([at("2026-03-13T10:00:00Z")]);
    expect(reminderTimes(sendAt, at("2026-03-12T10:00:00Z"), [3, 1], null, "UTC")).toEqual([]);
  });
});

describe("contact rules", () => {
  const rule = (over: Partial<Rule>): Rule => ({
    id: "rule-a",
    surveyId: "survey-a",
    match: { types: null, channels: null },
    delayMinutes: 0,
    expiresAfterDays: 7,
    samplePercent: 100,
    reminderDays: [],
    contactGapDays: null,
    ...over,
  });
  const candidate = (id: string, occurredAt: string, over: Partial<Candidate> = {}): Candidate => ({
    interactionId: id,
    customerKey: "customer-1",
    facts: facts({ occurredAt: at(occurredAt) }),
    timeZone: "UTC",
    suppressed: false,
    ...over,
  });
  const settings = { gapDays: 30, quiet: null };
  const now = at("2026-03-10T10:00:00Z");

  it("allows a survey only the gap away from every other, before or after it", () => {
    const sends = [at("2026-03-01T00:00:00Z")];
    expect(contactAllowed(sends, at("2026-03-30T23:59:00Z"), 30)).toBe(false);
    expect(contactAllowed(sends, at("2026-03-31T00:00:00Z"), 30)).toBe(true);
    expect(contactAllowed(sends, at("2026-01-30T00:00:00Z"), 30)).toBe(true);
    expect(contactAllowed(sends, at("2026-01-30T00:01:00Z"), 30)).toBe(false);
    expect(contactAllowed(undefined, now, 30)).toBe(true);
  });

  it("holds a second survey to the same customer within the organisation's gap, even from another survey", () => {
    const decisions = decideBatch(
      [rule({ id: "rule-a", surveyId: "survey-a" }), rule({ id: "rule-b", surveyId: "survey-b" })],
      [candidate("i-1", "2026-03-10T09:00:00Z")],
      new Map(),
      settings,
      now,
    );
    expect(decisions.map((d) => [d.ruleId, d.outcome])).toEqual([
      ["rule-a", "scheduled"],
      ["rule-b", "held-contact"],
    ]);
  });

  it("lets a rule whose contactGapDays is 0 survey a customer surveyed yesterday, while a rule following the organisation is held", () => {
    const history = new Map([["customer-1", [new Date(now.getTime() - DAY)]]]);
    const decisions = decideBatch(
      [rule({ id: "always", surveyId: "survey-a", contactGapDays: 0 }), rule({ id: "follows", surveyId: "survey-b" })],
      [candidate("i-1", "2026-03-10T09:00:00Z")],
      history,
      settings,
      now,
    );
    expect(decisions.map((d) => [d.ruleId, d.outcome])).toEqual([
      ["always", "scheduled"],
      ["follows", "held-contact"],
    ]);
  });

  it("decides an old interaction too late rather than holding it, and one of a suppressed customer suppressed", () => {
    const decisions = decideBatch(
      [rule({})],
      [candidate("old", "2026-02-01T09:00:00Z"), candidate("gone", "2026-03-10T09:00:00Z", { customerKey: "customer-2", suppressed: true })],
      new Map(),
      settings,
      now,
    );
    expect(decisions.map((d) => [d.interactionId, d.outcome])).toEqual([
      ["old", "too-late"],
      ["gone", "suppressed"],
    ]);
  });

  it("decides the batch's interactions oldest first, so the earliest one gets the survey", () => {
    const decisions = decideBatch([rule({})], [candidate("later", "2026-03-10T09:00:00Z"), candidate("earlier", "2026-03-09T09:00:00Z")], new Map(), settings, now);
    expect(decisions.map((d) => [d.interactionId, d.outcome])).toEqual([
      ["earlier", "scheduled"],
      ["later", "held-contact"],
    ]);
  });

  it("samples out by customer before the contact rules look", () => {
    const decisions = decideBatch([rule({ samplePercent: 0 })], [candidate("i-1", "2026-03-10T09:00:00Z")], new Map(), settings, now);
    expect(decisions.map((d) => d.outcome)).toEqual(["sampled-out"]);
  });
});

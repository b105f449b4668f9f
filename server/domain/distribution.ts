// Who is invited after a batch of interactions, and when: rule matching, deterministic sampling, contact rules
// (one survey per customer every N days, across surveys) and quiet hours in the customer's time zone. Pure: the
// ingestion pass and the dry run read what they need in a few set-based queries and call decideBatch once.
import { TZDate } from "@date-fns/tz";
import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";
import type { AttributeCondition, Attributes } from "./attribute-conditions";

export { attributeOperators, type AttributeCondition, type Attributes } from "./attribute-conditions";

/** What a rule decided for an interaction it matched (the funnel's steps). */
export const decisionOutcomes = ["scheduled", "sampled-out", "held-contact", "suppressed", "too-late"] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

export type RuleMatch = {
  types: string[] | null;
  channels: string[] | null;
  units?: string[] | null;
  attributes?: AttributeCondition[] | null;
};
export type RuleTiming = { delayMinutes: number; expiresAfterDays: number };
export type Rule = RuleTiming & {
  id: string;
  surveyId: string;
  match: RuleMatch;
  samplePercent: number;
  /** Days after the invitation, then after the first reminder; at most two. */
  reminderDays: number[];
  /** Overrides the organisation's gap between two surveys to one customer; null follows it. */
  contactGapDays: number | null;
};
export type InteractionFacts = { type: string; channel: string; unit?: string | null; attributes?: Attributes | null; occurredAt: Date };

/** Minutes after local midnight: nothing is sent from start until end (wrapping midnight when start > end). */
export type QuietHours = { startMinute: number; endMinute: number } | null;
export type ContactSettings = { gapDays: number; quiet: QuietHours };

export const MAX_REMINDERS = 2;
const DAY_MS = 86_400_000;

const norm = (s: string) => s.trim().toLowerCase();
const inList = (list: string[] | null | undefined, value: string | null | undefined) =>
  !list || list.length === 0 || (value != null && list.some((v) => norm(v) === norm(value)));

function conditionHolds(c: AttributeCondition, attributes: Attributes | null | undefined): boolean {
  const actual = attributes?.[c.key];
  if (c.op === "is-not") return actual === undefined || !sameValue(actual, c.value);
  if (actual === undefined) return false;
  switch (c.op) {
    case "is":
      return sameValue(actual, c.value);
    case "at-least":
    case "at-most": {
      const a = Number(actual);
      const b = Number(c.value);
      if (typeof actual === "boolean" || !Number.isFinite(a) || !Number.isFinite(b)) return false;
      return c.op === "at-least" ? a >= b : a <= b;
    }
    case "is-one-of":
      return Array.isArray(c.value) && c.value.some((v) => sameValue(actual, v));
  }
}

// Text compares without case; a number matches its written form ("3" and 3), a boolean its word.
const sameValue = (actual: string | number | boolean, wanted: AttributeCondition["value"]) =>
  !Array.isArray(wanted) && norm(String(actual)) === norm(String(wanted));

/** Why a rule does not select an interaction, or null when it does; the dry run counts each reason. */
export function matchFailure(match: RuleMatch, interaction: InteractionFacts): "type" | "channel" | "unit" | "attributes" | null {
  if (!inList(match.types, interaction.type)) return "type";
  if (!inList(match.channels, interaction.channel)) return "channel";
  if (!inList(match.units, interaction.unit)) return "unit";
  if (match.attributes?.some((c) => !conditionHolds(c, interaction.attributes))) return "attributes";
  return null;
}

export const ruleMatches = (match: RuleMatch, interaction: InteractionFacts) => matchFailure(match, interaction) === null;

/**
 * Whether a customer falls in a rule's sample: the first 32 bits of SHA-256 over the rule and the address, read as
 * a fraction, below the percentage. The same customer and rule always decide the same, on every run and runtime.
 */
export function inSample(ruleId: string, customerKey: string, percent: number): boolean {
  if (percent >= 100) return true;
  if (percent <= 0) return false;
  const h = sha256(utf8ToBytes(`${ruleId}\n${customerKey}`));
  const fraction = (((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0) / 2 ** 32;
  return fraction < percent / 100;
}

// Every zone's offsets are whole quarter hours and change on a quarter hour, so one offset per zone and quarter
// hour is exact; remembering them saves the time-zone arithmetic a 10,000-row pass spent most of its rules time on.
const QUARTER_MS = 900_000;
const offsets = new Map<string, number>();
function offsetMs(t: number, timeZone: string) {
  const quarter = Math.floor(t / QUARTER_MS);
  const key = `${timeZone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= 50_000) offsets.clear();
    offset = -new TZDate(quarter * QUARTER_MS, timeZone).getTimezoneOffset() * 60_000;
    offsets.set(key, offset);
  }
  return offset;
}

const zonedParts = (at: Date, timeZone: string) => {
  const local = new Date(at.getTime() + offsetMs(at.getTime(), timeZone));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth(), day: local.getUTCDate(), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
};

export function inQuietHours(at: Date, quiet: QuietHours, timeZone: string): boolean {
  if (!quiet || quiet.startMinute === quiet.endMinute) return false;
  const { minute } = zonedParts(at, timeZone);
  return quiet.startMinute < quiet.endMinute
    ? minute >= quiet.startMinute && minute < quiet.endMinute
    : minute >= quiet.startMinute || minute < quiet.endMinute;
}

/**
 * The first instant at or after `at` outside quiet hours in the zone. The end of the night is a local wall time;
 * across a DST change the wall clock misleads (an end skipped, or shown twice), so there the minutes are walked.
 */
export function afterQuietHours(at: Date, quiet: QuietHours, timeZone: string): Date {
  if (!quiet || !inQuietHours(at, quiet, timeZone)) return at;
  const { year, month, day, minute } = zonedParts(at, timeZone);
  // Past the start of a night that wraps midnight, it ends tomorrow; otherwise later today.
  const endsTomorrow = quiet.startMinute > quiet.endMinute && minute >= quiet.startMinute;
  const out = new TZDate(year, month, day + (endsTomorrow ? 1 : 0), Math.floor(quiet.endMinute / 60), quiet.endMinute % 60, timeZone).getTime();
  if (offsetMs(at.getTime(), timeZone) !== offsetMs(out, timeZone)) {
    // At most a day and the shift: a few thousand cached lookups, only on the nights a clock changes. A clock
    // turned back out of the window mid-night has not ended the night: it goes on until the window ends again.
    let fellBack = false;
    let offset = offsetMs(at.getTime(), timeZone);
    for (let t = Math.ceil(at.getTime() / 60_000) * 60_000; t <= out + 2 * 3_600_000; t += 60_000) {
      const next = offsetMs(t, timeZone);
      if (next < offset) fellBack = true;
      offset = next;
      if (inQuietHours(new Date(t), quiet, timeZone)) fellBack = false;
      else if (!fellBack) return new Date(t);
    }
  }
  // Should it still fall in the night (or before `at`), step on a minute and look again.
  return out > at.getTime() && !inQuietHours(new Date(out), quiet, timeZone) ? new Date(out) : afterQuietHours(new Date(Math.max(out, at.getTime()) + 60_000), quiet, timeZone);
}

/**
 * Send after the delay (never in the past) and lapse the given days after sending. An interaction so old
 * that its invitation would have lapsed already (a historical import) gets none: null.
 */
export function invitationSchedule(timing: RuleTiming, occurredAt: Date, now: Date): { sendAt: Date; expiresAt: Date } | null {
  const due = occurredAt.getTime() + timing.delayMinutes * 60_000;
  const lifetime = timing.expiresAfterDays * DAY_MS;
  if (due + lifetime <= now.getTime()) return null;
  const sendAt = new Date(Math.max(due, now.getTime()));
  return { sendAt, expiresAt: new Date(sendAt.getTime() + lifetime) };
}

/** Reminder times: each the given days after the one before, out of quiet hours, and only while the link is open. */
export function reminderTimes(sendAt: Date, expiresAt: Date, reminderDays: number[], quiet: QuietHours, timeZone: string): Date[] {
  const out: Date[] = [];
  let previous = sendAt;
  for (const days of reminderDays.slice(0, MAX_REMINDERS)) {
    const at = afterQuietHours(new Date(previous.getTime() + days * DAY_MS), quiet, timeZone);
    if (at.getTime() >= expiresAt.getTime()) break;
    out.push(at);
    previous = at;
  }
  return out;
}

/** True when no earlier survey to the customer was sent, or is due, within `gapDays` of `sendAt` either side. */
export function contactAllowed(previousSends: readonly Date[] | undefined, sendAt: Date, gapDays: number): boolean {
  if (gapDays <= 0 || !previousSends) return true;
  const gap = gapDays * DAY_MS;
  return previousSends.every((t) => Math.abs(t.getTime() - sendAt.getTime()) >= gap);
}

/** One interaction of the batch with what the pass knows about its customer. */
export type Candidate = {
  interactionId: string;
  /** The customer record's id (or the normalised address): what sampling and contact rules key on. */
  customerKey: string;
  facts: InteractionFacts;
  /** The customer's zone, else the unit's, else the organisation's. */
  timeZone: string;
  suppressed: boolean;
};

export type Decision = {
  ruleId: string;
  surveyId: string;
  interactionId: string;
  outcome: DecisionOutcome;
  /** For a scheduled invitation: when it is sent, when its link lapses, and its reminders. */
  schedule?: { sendAt: Date; expiresAt: Date; reminders: Date[] };
};

/**
 * Decides every rule for every interaction of a batch, oldest interaction first. `history` holds, per customer,
 * the send times of surveys already scheduled or sent; each survey scheduled here is added to it, so two
 * interactions of one batch obey the contact rules between them as they would across two batches.
 */
export function decideBatch(
  rules: readonly Rule[],
  candidates: readonly Candidate[],
  history: Map<string, Date[]>,
  settings: ContactSettings,
  /** The moment of deciding; a dry run over past interactions decides each as of when it happened. */
  now: Date | ((c: Candidate) => Date),
): Decision[] {
  const out: Decision[] = [];
  const ordered = [...candidates].sort((a, b) => a.facts.occurredAt.getTime() - b.facts.occurredAt.getTime());
  for (const c of ordered) {
    for (const rule of rules) {
      if (!ruleMatches(rule.match, c.facts)) continue;
      const base = { ruleId: rule.id, surveyId: rule.surveyId, interactionId: c.interactionId };
      if (c.suppressed) {
        out.push({ ...base, outcome: "suppressed" });
        continue;
      }
      if (!inSample(rule.id, c.customerKey, rule.samplePercent)) {
        out.push({ ...base, outcome: "sampled-out" });
        continue;
      }
      const timing = invitationSchedule(rule, c.facts.occurredAt, typeof now === "function" ? now(c) : now);
      if (!timing) {
        out.push({ ...base, outcome: "too-late" });
        continue;
      }
      const sendAt = afterQuietHours(timing.sendAt, settings.quiet, c.timeZone);
      const expiresAt = new Date(sendAt.getTime() + rule.expiresAfterDays * DAY_MS);
      const previous = history.get(c.customerKey);
      if (!contactAllowed(previous, sendAt, rule.contactGapDays ?? settings.gapDays)) {
        out.push({ ...base, outcome: "held-contact" });
        continue;
      }
      if (previous) previous.push(sendAt);
      else history.set(c.customerKey, [sendAt]);
      out.push({ ...base, outcome: "scheduled", schedule: { sendAt, expiresAt, reminders: reminderTimes(sendAt, expiresAt, rule.reminderDays, settings.quiet, c.timeZone) } });
    }
  }
  return out;
}

// Which interactions a distribution rule selects, and when its invitation is sent and expires.
export type RuleMatch = { types: string[] | null; channels: string[] | null };
export type RuleTiming = { delayMinutes: number; expiresAfterDays: number };
export type InteractionFacts = { type: string; channel: string; occurredAt: Date };

const norm = (s: string) => s.trim().toLowerCase();

export function ruleMatches(match: RuleMatch, interaction: InteractionFacts): boolean {
  const inList = (list: string[] | null, value: string) => !list || list.length === 0 || list.some((v) => norm(v) === norm(value));
  return inList(match.types, interaction.type) && inList(match.channels, interaction.channel);
}

/**
 * Send after the delay (never in the past) and lapse the given days after sending. An interaction so old
 * that its invitation would have lapsed already (a historical import) gets none: null.
 */
export function invitationSchedule(timing: RuleTiming, occurredAt: Date, now: Date): { sendAt: Date; expiresAt: Date } | null {
  const due = occurredAt.getTime() + timing.delayMinutes * 60_000;
  const lifetime = timing.expiresAfterDays * 86_400_000;
  if (due + lifetime <= now.getTime()) return null;
  const sendAt = new Date(Math.max(due, now.getTime()));
  return { sendAt, expiresAt: new Date(sendAt.getTime() + lifetime) };
}

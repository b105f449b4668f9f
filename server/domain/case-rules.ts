// When an answer opens a follow-up case, by the organisation's rules: a detractor, a low CSAT, a low dimension
// rating or a comment in a complaint theme. One case per response, at the most urgent priority any rule gives.
import type { CasePriority } from "./case-sla";
import { parseSeries } from "./metric-roles";
import type { CommentAnswer, ScoredAnswer } from "./survey-definition";

export type CaseRuleKind = "nps-detractor" | "csat-low" | "dimension-low" | "complaint-theme";

/**
 * A rule. `atMost` is on the question's own scale for NPS (0-10) and CSAT (1-5); for dimensions, whose scales
 * vary, it is the share of the scale from its bottom (0.25 on 1-5 opens at 1 and 2: (2 - 1) / 4 = 0.25).
 */
export type CaseRule =
  | { kind: "nps-detractor"; enabled: boolean; atMost: number; priority: CasePriority }
  | { kind: "csat-low"; enabled: boolean; atMost: number; priority: CasePriority }
  | { kind: "dimension-low"; enabled: boolean; atMost: number; priority: CasePriority }
  | { kind: "complaint-theme"; enabled: boolean; themes: string[]; priority: CasePriority };

/** Who owns a new case: the staff member on the interaction when they have an account, else the unit's manager. */
export type CaseOwnerRule = "agent-then-manager" | "unit-manager";

export type CaseRules = { rules: CaseRule[]; owner: CaseOwnerRule };

export const defaultCaseRules: CaseRules = {
  rules: [
    { kind: "nps-detractor", enabled: true, atMost: 4, priority: "high" },
    { kind: "csat-low", enabled: true, atMost: 2, priority: "normal" },
    { kind: "dimension-low", enabled: false, atMost: 0.25, priority: "low" },
    { kind: "complaint-theme", enabled: true, themes: ["Staff attitude"], priority: "normal" },
  ],
  owner: "agent-then-manager",
};

const priorityRank: Record<CasePriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export type CaseOpening = { trigger: CaseRuleKind; reason: string; priority: CasePriority };

const dimensionName = (metric: string) => metric.slice("dimension:".length).replace(/-/g, " ");

/** What the rule sees of one answer: its scores and, for comments, the themes each matched and whether it reads negative. */
export type AnsweredForRules = { scores: readonly ScoredAnswer[]; comments: readonly (CommentAnswer & { themes: readonly string[]; negative: boolean })[] };

/** The case a response opens under `rules`, or null. Several rules may match: the most urgent wins, the first on a tie. */
export function caseFor(answer: AnsweredForRules, rules: CaseRules): CaseOpening | null {
  const found: CaseOpening[] = [];
  for (const rule of rules.rules) {
    if (!rule.enabled) continue;
    if (rule.kind === "complaint-theme") {
      const wanted = new Set(rule.themes);
      // A theme names a subject, not a grievance: "very helpful" is about staff attitude too, so only a negative comment complains.
      const comment = answer.comments.find((c) => c.negative && c.themes.some((t) => wanted.has(t)));
      if (comment) {
        const theme = comment.themes.find((t) => wanted.has(t))!;
        found.push({ trigger: rule.kind, priority: rule.priority, reason: `A comment about ${theme.toLowerCase()}: “${clip(comment.text, 80)}”` });
      }
      continue;
    }
    for (const score of answer.scores) {
      const scale = parseSeries(score.series);
      if (!scale) continue;
      if (rule.kind === "nps-detractor" && score.metric === "nps" && score.value <= rule.atMost) {
        found.push({ trigger: rule.kind, priority: rule.priority, reason: `Likelihood to recommend ${score.value} of 10` });
        break;
      }
      if (rule.kind === "csat-low" && score.metric === "csat" && score.value <= rule.atMost) {
        found.push({ trigger: rule.kind, priority: rule.priority, reason: `Satisfaction ${score.value} of ${scale.max}` });
        break;
      }
      if (rule.kind === "dimension-low" && score.metric.startsWith("dimension:") && scale.max > scale.min) {
        const share = (score.value - scale.min) / (scale.max - scale.min);
        if (share <= rule.atMost + 1e-9) {
          found.push({ trigger: rule.kind, priority: rule.priority, reason: `${capitalise(dimensionName(score.metric))} rated ${score.value} of ${scale.max}` });
          break;
        }
      }
    }
  }
  if (found.length === 0) return null;
  return found.reduce((best, f) => (priorityRank[f.priority] < priorityRank[best.priority] ? f : best));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

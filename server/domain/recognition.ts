// Staff to recognise and staff to coach, from their customers' answers: judged on the Wilson interval of their
// share of satisfied answers, so a perfect score on four answers recognises nobody and a bad week on a few
// answers blames nobody. Each candidate comes with the evidence a reviewer reads out.
import { wilson } from "./stats/proportion";

export type StaffFigures = { agent: string; satisfied: number; n: number };

export type RecognitionRules = {
  /** Fewer answers than this and nobody is judged either way. */
  minAnswers: number;
  /** Recognised when even the low end of the 95 % interval reaches this share. */
  recogniseFrom: number;
  /** Offered coaching when even the high end of the interval stays below this share. */
  coachBelow: number;
};

export const defaultRecognitionRules: RecognitionRules = { minAnswers: 30, recogniseFrom: 0.85, coachBelow: 0.6 };

export type Candidate = { agent: string; n: number; share: number; low: number; high: number; evidence: string };

const pct = (x: number) => `${Math.round(x * 100)} %`;

export function recognitionCandidates(staff: readonly StaffFigures[], rules: RecognitionRules = defaultRecognitionRules) {
  const recognise: Candidate[] = [];
  const coach: Candidate[] = [];
  const tooFew: string[] = [];
  for (const s of staff) {
    const interval = s.n >= rules.minAnswers ? wilson(s.satisfied, s.n) : null;
    if (!interval) {
      tooFew.push(s.agent);
      continue;
    }
    const share = s.satisfied / s.n;
    const base = { agent: s.agent, n: s.n, share, low: interval.lower, high: interval.upper };
    const facts = `${s.satisfied} of ${s.n} customers satisfied (${pct(share)}; 95 % interval ${pct(interval.lower)}–${pct(interval.upper)})`;
    if (interval.lower >= rules.recogniseFrom) recognise.push({ ...base, evidence: `${facts}: at least ${pct(rules.recogniseFrom)} even at the low end.` });
    else if (interval.upper < rules.coachBelow) coach.push({ ...base, evidence: `${facts}: below ${pct(rules.coachBelow)} even at the high end.` });
  }
  recognise.sort((a, b) => b.low - a.low || b.n - a.n);
  coach.sort((a, b) => a.high - b.high || b.n - a.n);
  return { recognise, coach, tooFew };
}

// Sorting comments into themes by keyword rules: whole words or phrases, case-insensitive, matched when read.
export type ThemeRule = { name: string; keywords: string[] };

/** The service themes an organisation starts with; an admin edits them afterwards. Plain "waiting" is left out: "waiting area" is about the premises. */
export const defaultThemes: ThemeRule[] = [
  { name: "Waiting time", keywords: ["wait", "waited", "waiting time", "kept waiting", "queue", "too long", "slow", "quick", "fast", "on hold"] },
  { name: "Staff attitude", keywords: ["friendly", "unfriendly", "rude", "polite", "helpful", "unhelpful", "kind", "attitude", "dismissive", "out of their way"] },
  { name: "Resolution", keywords: ["solved", "resolved", "unresolved", "fixed", "fix", "sorted", "first call", "issue", "solution", "problem"] },
  { name: "Communication", keywords: ["called back", "call back", "explain", "explained", "explanation", "informed", "updates", "no reply", "promised", "jargon"] },
  { name: "Environment", keywords: ["clean", "dirty", "noisy", "quiet", "parking", "seats", "seating", "comfortable", "waiting area", "accessible"] },
  { name: "Price", keywords: ["price", "expensive", "cheap", "cheaper", "cost", "fee", "fees", "charged", "value for money", "good value"] },
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One keyword as it is stored: trimmed, lowercase, inner spaces single. */
export const normaliseKeyword = (keyword: string) => keyword.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * A function naming the themes a text belongs to, in the rules' order. A keyword matches as a whole word or
 * phrase ("wait" matches "Wait!" but not "waiter"); spaces in a phrase match any run of white space.
 */
export function themeMatcher(rules: ThemeRule[]): (text: string) => string[] {
  const compiled = rules
    .map((rule) => {
      const words = [...new Set(rule.keywords.map(normaliseKeyword).filter(Boolean))].map((k) => k.split(" ").map(escapeRegExp).join("\\s+"));
      return words.length ? { name: rule.name, pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join("|")})(?![\\p{L}\\p{N}])`, "iu") } : undefined;
    })
    .filter((c) => c !== undefined);
  return (text) => compiled.filter((c) => c.pattern.test(text)).map((c) => c.name);
}

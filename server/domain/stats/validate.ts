// Input guards that name the offending field, so a bad aggregate can be traced back to its source.

const rules = {
  finite: [(x: number) => Number.isFinite(x), "a finite number"],
  nonNegative: [(x: number) => Number.isFinite(x) && x >= 0, "a finite non-negative number"],
  positive: [(x: number) => Number.isFinite(x) && x > 0, "a finite positive number"],
  count: [(x: number) => Number.isSafeInteger(x) && x >= 0, "a finite non-negative integer"],
  fraction: [(x: number) => Number.isFinite(x) && x >= 0 && x <= 1, "a number from 0 to 1"],
} as const satisfies Record<string, readonly [(x: number) => boolean, string]>;

export function ensure(rule: keyof typeof rules, name: string, value: unknown): number {
  const [test, what] = rules[rule];
  if (typeof value !== "number" || !test(value)) {
    throw new RangeError(`${name} must be ${what}, got ${String(value)}`);
  }
  return value;
}

export function ensureCounts(k: number, n: number, kName = "k", nName = "n"): void {
  ensure("count", kName, k);
  ensure("count", nName, n);
  if (k > n) throw new RangeError(`${kName} must not exceed ${nName} (${n}), got ${k}`);
}

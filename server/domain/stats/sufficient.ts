// The sufficient statistics analytics stores per period: sums that merge by addition and rebuild every metric.
import { ensure } from "./validate";

export type NpsCounts = { promoters: number; passives: number; detractors: number };
export type Moments = { n: number; sum: number; sumSq: number };
export type CoMoments = {
  n: number;
  sum: Record<string, number>;
  sumSq: Record<string, number>;
  sumProd: Record<string, Record<string, number>>;
};

const npsKeys = ["promoters", "passives", "detractors"] as const;

export function checkNpsCounts(c: NpsCounts, label = ""): number {
  for (const key of npsKeys) ensure("count", label + key, c[key]);
  return c.promoters + c.passives + c.detractors;
}

export function checkMoments(m: Moments, label = ""): void {
  ensure("count", `${label}n`, m.n);
  ensure("finite", `${label}sum`, m.sum);
  ensure("nonNegative", `${label}sumSq`, m.sumSq);
  // Real values always give Σx² ≥ (Σx)²/n; a clear breach means swapped or foreign fields, not rounding.
  if (m.sumSq * m.n < m.sum * m.sum * (1 - 1e-9)) {
    throw new RangeError(`${label}sumSq must be at least sum²/n (${(m.sum * m.sum) / m.n}), got ${m.sumSq}`);
  }
}

export function averageOf(m: Moments, label = ""): number | null {
  checkMoments(m, label);
  return m.n === 0 ? null : m.sum / m.n;
}

export function checkCoMoments(c: CoMoments): string[] {
  ensure("count", "n", c.n);
  const names = Object.keys(c.sum);
  for (const a of names) {
    ensure("finite", `sum.${a}`, c.sum[a]);
    ensure("nonNegative", `sumSq.${a}`, c.sumSq[a]);
    for (const b of names) if (a !== b) ensure("finite", `sumProd.${a}.${b}`, c.sumProd[a]?.[b]);
  }
  return names;
}

export function npsCountsFromScores(scores: readonly number[]): NpsCounts {
  const counts = { promoters: 0, passives: 0, detractors: 0 };
  scores.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 0 || s > 10) {
      throw new RangeError(`scores[${i}] must be an integer from 0 to 10, got ${String(s)}`);
    }
    counts[s >= 9 ? "promoters" : s >= 7 ? "passives" : "detractors"] += 1;
  });
  return counts;
}

export function countInRange(values: readonly number[], min: number, max: number): { k: number; n: number } {
  ensure("finite", "min", min);
  ensure("finite", "max", max);
  const k = values.filter((v, i) => ensure("finite", `values[${i}]`, v) >= min && v <= max).length;
  return { k, n: values.length };
}

export function momentsOf(values: readonly number[]): Moments {
  let sum = 0;
  let sumSq = 0;
  values.forEach((v, i) => {
    sum += ensure("finite", `values[${i}]`, v);
    sumSq += v * v;
  });
  return { n: values.length, sum, sumSq };
}

export function coMomentsOf(
  rows: readonly Record<string, number>[],
  names: readonly string[] = Object.keys(rows[0] ?? {}),
): CoMoments {
  const acc = accumulator(names);
  rows.forEach((row, i) => {
    const x = names.map((a) => ensure("finite", `rows[${i}].${a}`, row[a]));
    x.forEach((xa, p) => {
      acc.sum[p]! += xa;
      x.forEach((xb, q) => {
        acc.prod[p]![q]! += xa * xb;
      });
    });
  });
  return acc.result(rows.length);
}

export function mergeNpsCounts(...parts: readonly NpsCounts[]): NpsCounts {
  parts.forEach((c, i) => {
    checkNpsCounts(c, `parts[${i}].`);
  });
  const total = (key: (typeof npsKeys)[number]) => parts.reduce((s, c) => s + c[key], 0);
  return { promoters: total("promoters"), passives: total("passives"), detractors: total("detractors") };
}

export function mergeMoments(...parts: readonly Moments[]): Moments {
  parts.forEach((m, i) => {
    checkMoments(m, `parts[${i}].`);
  });
  const total = (key: keyof Moments) => parts.reduce((s, m) => s + m[key], 0);
  return { n: total("n"), sum: total("sum"), sumSq: total("sumSq") };
}

export function mergeCoMoments(...parts: readonly CoMoments[]): CoMoments {
  const known = parts.map((c) => checkCoMoments(c));
  // An empty period may not know the variables at all, and adds nothing anyway.
  const isBlank = (i: number) => parts[i]!.n === 0 && known[i]!.length === 0;
  const names = known.find((_, i) => !isBlank(i)) ?? [];
  const acc = accumulator(names);
  parts.forEach((c, i) => {
    if (isBlank(i)) return;
    const own = known[i]!;
    if (own.length !== names.length || !names.every((a) => own.includes(a))) {
      throw new RangeError(`parts[${i}] must have the variables ${names.join(", ")}, got ${own.join(", ")}`);
    }
    names.forEach((a, p) => {
      acc.sum[p]! += c.sum[a]!;
      names.forEach((b, q) => {
        acc.prod[p]![q]! += a === b ? c.sumSq[a]! : c.sumProd[a]![b]!;
      });
    });
  });
  return acc.result(parts.reduce((n, c) => n + c.n, 0));
}

function accumulator(names: readonly string[]) {
  const sum = names.map(() => 0);
  const prod = names.map(() => names.map(() => 0));
  const record = (values: number[]) => Object.fromEntries(names.map((a, p) => [a, values[p]!]));
  const result = (n: number): CoMoments => ({
    n,
    sum: record(sum),
    sumSq: record(names.map((_, p) => prod[p]![p]!)),
    sumProd: Object.fromEntries(names.map((a, p) => [a, record(prod[p]!)])),
  });
  return { sum, prod, result };
}

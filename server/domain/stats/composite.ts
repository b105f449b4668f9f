// Composite scores built from item means: the weighted satisfaction index and SERVQUAL gaps.
import { averageOf } from "./sufficient";
import type { Moments } from "./sufficient";
import { Z95 } from "./inference";
import { ensure } from "./validate";

export type IndexItem = { moments: Moments; scaleMin: number; scaleMax: number; weight: number };
export type DimensionGap = { expected: number | null; perceived: number | null; gap: number | null };
export type ServqualGap = { dimensions: Record<string, DimensionGap>; overall: number | null };

export function satisfactionIndex(items: readonly IndexItem[]): number | null {
  const scored = items.map((item, i) => {
    const at = `items[${i}].`;
    const min = ensure("finite", `${at}scaleMin`, item.scaleMin);
    const max = ensure("finite", `${at}scaleMax`, item.scaleMax);
    if (!(max > min)) throw new RangeError(`${at}scaleMax must exceed scaleMin (${min}), got ${max}`);
    const weight = ensure("nonNegative", `${at}weight`, item.weight);
    const mean = averageOf(item.moments, `${at}moments.`);
    if (mean !== null && (mean < min - 1e-9 || mean > max + 1e-9)) {
      throw new RangeError(`${at}moments must average within ${min}..${max}, got ${mean}`);
    }
    return { weight, score: mean === null ? null : ((mean - min) / (max - min)) * 100 };
  });
  const totalWeight = scored.reduce((s, x) => s + x.weight, 0);
  if (totalWeight === 0) throw new RangeError("items must include at least one positive weight, got none");
  // A missing item would silently reweight the rest, and the index would no longer compare across periods.
  const weighted = scored.filter((x) => x.weight > 0);
  if (weighted.some((x) => x.score === null)) return null;
  const index = weighted.reduce((s, x) => s + x.weight * (x.score ?? 0), 0) / totalWeight;
  return Math.min(100, Math.max(0, index));
}

export function servqualGap(dimensions: Record<string, { expected: Moments; perceived: Moments }>): ServqualGap {
  const gaps = Object.entries(dimensions).map(([name, d]): [string, DimensionGap] => {
    const expected = averageOf(d.expected, `${name}.expected.`);
    const perceived = averageOf(d.perceived, `${name}.perceived.`);
    return [name, { expected, perceived, gap: expected === null || perceived === null ? null : perceived - expected }];
  });
  const values = gaps.map(([, g]) => g.gap);
  // As with the index, an overall gap over fewer dimensions than usual would not compare with other periods.
  const complete = values.length > 0 && values.every((g) => g !== null);
  return {
    dimensions: Object.fromEntries(gaps),
    overall: complete ? values.reduce((s: number, g) => s + (g ?? 0), 0) / values.length : null,
  };
}

/**
 * The satisfaction index with its 95 % interval: each item's mean rescaled to 0-100 and weighted; the interval
 * by the delta method, treating items as independent (they are answered by overlapping respondents, so it
 * is approximate). Null when a weighted item has no answers, as satisfactionIndex.
 */
export function satisfactionIndexWithInterval(items: readonly IndexItem[]): { value: number | null; ci95: [number, number] | null; n: number } {
  const value = satisfactionIndex(items);
  const weighted = items.filter((x) => x.weight > 0);
  const n = weighted.length ? Math.min(...weighted.map((x) => x.moments.n)) : 0;
  if (value === null) return { value, ci95: null, n };
  const total = weighted.reduce((s, x) => s + x.weight, 0);
  let variance = 0;
  for (const x of weighted) {
    const m = x.moments;
    if (m.n < 2) return { value, ci95: null, n };
    const itemVar = Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1));
    const scale = 100 / (x.scaleMax - x.scaleMin);
    variance += ((x.weight / total) * scale) ** 2 * (itemVar / m.n);
  }
  const half = Z95 * Math.sqrt(variance);
  return { value, ci95: [Math.max(0, value - half), Math.min(100, value + half)], n };
}

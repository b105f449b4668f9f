// Key-driver analysis: each driver's correlation with the outcome, its mean, Johnson's relative weight and quadrant.
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { checkCoMoments } from "./sufficient";
import type { CoMoments } from "./sufficient";

export type Quadrant = "keep up" | "concentrate here" | "low priority" | "possible overkill";
export type KeyDriver = {
  name: string;
  importance: number | null;
  performance: number | null;
  relativeWeight: number | null;
  quadrant: Quadrant | null;
};

export function keyDrivers(c: CoMoments, outcome: string): KeyDriver[] {
  const names = checkCoMoments(c);
  if (!names.includes(outcome)) {
    throw new RangeError(`outcome must name one of the variables (${names.join(", ")}), got ${outcome}`);
  }
  const { n } = c;
  const product = (a: string, b: string) => (a === b ? c.sumSq[a]! : c.sumProd[a]![b]!);
  const covariance = (a: string, b: string) => (product(a, b) - (c.sum[a]! * c.sum[b]!) / n) / (n - 1);
  // Rounding leaves a residue instead of an exact zero for a constant column; judge it against the scale.
  const varies = (a: string) => n >= 2 && covariance(a, a) > 1e-12 * (c.sumSq[a]! / n);
  const correlation = (a: string, b: string) =>
    Math.max(-1, Math.min(1, covariance(a, b) / Math.sqrt(covariance(a, a) * covariance(b, b))));

  const drivers = names.filter((a) => a !== outcome);
  const usable = varies(outcome) ? drivers.filter(varies) : [];
  const importance = new Map(usable.map((a) => [a, correlation(a, outcome)]));
  const weights = relativeWeights(
    usable.map((a) => usable.map((b) => (a === b ? 1 : correlation(a, b)))),
    usable.map((a) => importance.get(a)!),
  );
  // The mean of equal values can land an ulp above them; drivers at the cut count as high.
  const cut = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length - 1e-12;
  const importanceCut = cut([...importance.values()]);
  const performanceCut = cut(usable.map((a) => c.sum[a]! / n));

  return drivers.map((name) => {
    const performance = n === 0 ? null : c.sum[name]! / n;
    const r = importance.get(name);
    if (r === undefined || performance === null) {
      return { name, importance: null, performance, relativeWeight: null, quadrant: null };
    }
    return {
      name,
      importance: r,
      performance,
      relativeWeight: weights[usable.indexOf(name)]!,
      quadrant: quadrantOf(r >= importanceCut, performance >= performanceCut),
    };
  });
}

/** Sums over the responses that answered both a and b: what a pairwise correlation needs. */
export type PairMoments = { a: string; b: string; n: number; sumA: number; sumB: number; sumAa: number; sumBb: number; sumAb: number };

/**
 * Key drivers from pairwise sums (each pair over the responses that answered both, as rollups keep them), for
 * when drivers are not all answered by every respondent. Importance is each driver's correlation with the
 * outcome, performance its mean (from `means`), relative weights Johnson's on the pairwise correlation matrix.
 */
export function keyDriversPairwise(
  pairs: readonly PairMoments[],
  means: Record<string, { n: number; mean: number | null }>,
  outcome: string,
  drivers: readonly string[],
): { drivers: KeyDriver[]; r2: number | null } {
  const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const byPair = new Map(pairs.map((p) => [key(p.a, p.b), p]));
  const correlation = (a: string, b: string): number | null => {
    const p = byPair.get(key(a, b));
    if (!p || p.n < 3) return null;
    const sxx = p.sumAa - (p.sumA * p.sumA) / p.n;
    const syy = p.sumBb - (p.sumB * p.sumB) / p.n;
    const sxy = p.sumAb - (p.sumA * p.sumB) / p.n;
    // A constant column has no correlation; "constant" is judged against the scale, as rounding leaves a residue.
    if (!(sxx > 1e-12 * (p.sumAa / p.n)) || !(syy > 1e-12 * (p.sumBb / p.n))) return null;
    return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  };
  const importance = new Map<string, number>();
  for (const d of drivers) {
    const r = correlation(d, outcome);
    if (r !== null) importance.set(d, r);
  }
  const performance = (d: string) => means[d]?.mean ?? null;
  // Relative weights need every correlation among the drivers used; a pair never answered together leaves one out.
  const usable: string[] = [];
  for (const d of drivers) {
    if (importance.has(d) && performance(d) !== null && usable.every((u) => correlation(u, d) !== null)) usable.push(d);
  }
  const weights = relativeWeights(
    usable.map((a) => usable.map((b) => (a === b ? 1 : correlation(a, b)!))),
    usable.map((a) => importance.get(a)!),
  );
  const cut = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length - 1e-12;
  const importanceCut = cut(usable.map((d) => importance.get(d)!));
  const performanceCut = cut(usable.map((d) => performance(d)!));
  const result = drivers.map((name): KeyDriver => {
    const at = usable.indexOf(name);
    const r = importance.get(name) ?? null;
    const perf = performance(name);
    if (at < 0 || r === null || perf === null) return { name, importance: r, performance: perf, relativeWeight: null, quadrant: null };
    return { name, importance: r, performance: perf, relativeWeight: weights[at]!, quadrant: quadrantOf(r >= importanceCut, perf >= performanceCut) };
  });
  return { drivers: result, r2: usable.length ? weights.reduce((s, w) => s + w, 0) : null };
}

function quadrantOf(important: boolean, performing: boolean): Quadrant {
  if (important) return performing ? "keep up" : "concentrate here";
  return performing ? "possible overkill" : "low priority";
}

// Johnson (2000): regress the outcome on the orthogonal counterpart of the drivers, Rxx^(1/2), and share each
// component's R² back to the drivers by their squared loadings; the weights add up to the model's R².
function relativeWeights(rxx: number[][], rxy: number[]): number[] {
  if (rxy.length === 0) return [];
  const evd = new EigenvalueDecomposition(new Matrix(rxx), { assumeSymmetric: true });
  const vectors = evd.eigenvectorMatrix;
  const values = evd.realEigenvalues;
  const largest = Math.max(...values);
  // Collinear drivers give eigenvalues near zero; dropping them is the pseudo-inverse, which keeps the OLS R².
  const power = (exponent: number) =>
    vectors
      .mmul(Matrix.diag(values.map((v) => (v > largest * 1e-10 ? v ** exponent : 0))))
      .mmul(vectors.transpose());
  const root = power(0.5);
  const beta = power(-0.5).mmul(Matrix.columnVector(rxy));
  return rxy.map((_, j) => rxy.reduce((s, __, k) => s + root.get(j, k) ** 2 * beta.get(k, 0) ** 2, 0));
}

// Seeded randomness for generated data: the demo organisation and the analytics benchmark.
/**
 * A small seeded generator (mulberry32) with normal deviates, picks and weighted picks: every fresh demo tells the
 * same story, and the analytics benchmark generates the same year each run.
 */
export function randomSource(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const normal = (sd = 1) => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()) * sd;
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const weighted = <T>(options: readonly (readonly [T, number])[]) => {
    let r = next() * options.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of options) {
      r -= w;
      if (r < 0) return value;
    }
    return options[options.length - 1]![0];
  };
  return { next, normal, pick, weighted };
}

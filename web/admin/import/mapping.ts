// Columns of a file and what each is imported as: guesses by column name, lookups and samples for the mapping table.
import type { CsvFile } from "./csv-file";

export type Mapping<T extends string> = Record<string, T>;

/** A column name as the guesses compare it: lower case, letters and digits only. */
export const normalisedName = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The field a column name suggests, by the names exports usually give it; `fallback` when none does. */
export function guessByName<T extends string>(column: string, guesses: Partial<Record<T, string[]>>, fallback: T): T {
  const n = normalisedName(column);
  for (const [field, names] of Object.entries(guesses) as [T, string[]][]) if (names.includes(n)) return field;
  return fallback;
}

/** A first mapping for every column, each field taken by one column at most (the first that claims it). */
export function firstMapping<T extends string>(columns: string[], guess: (column: string) => T, ignore: T, many: (target: T) => boolean = () => false): Mapping<T> {
  const mapping: Mapping<T> = {};
  const taken = new Set<T>();
  for (const column of columns) {
    const target = guess(column);
    mapping[column] = target !== ignore && !many(target) && taken.has(target) ? ignore : target;
    taken.add(target);
  }
  return mapping;
}

export const columnOf = <T extends string>(mapping: Mapping<T>, target: NoInfer<T>) => Object.keys(mapping).find((c) => mapping[c] === target);

/** A value of the column, for the person to recognise it by. */
export function sampleOf(file: CsvFile, column: string) {
  const value = file.rows.find((r) => (r[column] ?? "").trim() !== "")?.[column];
  return value === undefined ? "(empty)" : `e.g. ${value}`;
}

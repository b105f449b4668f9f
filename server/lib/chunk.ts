// Splits multi-row statements to fit a driver's bound-parameter limit (D1 allows 100 a statement).
export function chunk<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += Math.max(1, size)) out.push(rows.slice(i, i + Math.max(1, size)));
  return out;
}

export const rowsPerStatement = (maxParams: number, columns: number) => Math.max(1, Math.floor(maxParams / columns));

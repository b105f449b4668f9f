// Recognises constraint violations from libSQL and D1, which word them the same way but wrap them differently.
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (/UNIQUE constraint failed|SQLITE_CONSTRAINT/i.test(String((e as { message?: unknown }).message ?? e))) return true;
  }
  return false;
}

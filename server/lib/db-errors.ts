// Recognises constraint violations from libSQL and D1, which word them the same way but wrap them differently.
function causeMatches(err: unknown, pattern: RegExp): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (pattern.test(String((e as { message?: unknown }).message ?? e))) return true;
  }
  return false;
}

export const isUniqueViolation = (err: unknown) => causeMatches(err, /UNIQUE constraint failed|SQLITE_CONSTRAINT_UNIQUE/i);
export const isForeignKeyViolation = (err: unknown) => causeMatches(err, /FOREIGN KEY constraint failed|SQLITE_CONSTRAINT_FOREIGNKEY/i);

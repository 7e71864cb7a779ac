/** A database problem an operator can act on, worded as one line. Thrown only at the I/O edge. */
export class DatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseError";
  }
}

/** SQLite refused because another connection holds the write lock; safe to retry the transaction. */
export function isBusyError(err: unknown): boolean {
  const text = err instanceof Error ? `${(err as { code?: string }).code ?? ""} ${err.message}` : String(err);
  return /SQLITE_BUSY|database is locked|SQLITE_LOCKED/i.test(text);
}

/** A unique index refused a duplicate (Prisma P2002 or the raw SQLite code). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === "P2002" || /UNIQUE constraint failed/i.test(e?.message ?? "");
}

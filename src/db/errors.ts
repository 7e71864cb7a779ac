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

/**
 * PostgreSQL aborted a Serializable transaction that raced another (40001), or broke a deadlock (40P01);
 * Prisma reports both as P2034. Safe to run the whole transaction again.
 */
export function isSerializationFailure(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: { code?: string } } | null;
  if (e?.code === "P2034" || e?.code === "40001" || e?.code === "40P01" || e?.cause?.code === "40001") return true;
  return /could not serialize access|deadlock detected|write conflict/i.test(e?.message ?? "");
}

/** A unique index refused a duplicate (Prisma P2002 or the raw SQLite code). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return (
    e?.code === "P2002" ||
    e?.code === "23505" ||
    /UNIQUE constraint failed|duplicate key value violates unique constraint/i.test(e?.message ?? "")
  );
}

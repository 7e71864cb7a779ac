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
 * PostgreSQL aborted a Serializable transaction that raced another (40001), or broke a deadlock (40P01). Safe to
 * run the whole transaction again. Prisma words it three ways: P2034 for its own queries; P2010 ("Raw query
 * failed") with the driver's error in `meta.driverAdapterError` for $executeRaw/$queryRaw; and a bare
 * DriverAdapterError whose message is only "TransactionWriteConflict" when the COMMIT itself fails, which is
 * where Serializable conflicts are usually found.
 */
export function isSerializationFailure(err: unknown): boolean {
  const e = err as {
    code?: string;
    message?: string;
    cause?: DriverCause;
    meta?: { code?: string; driverAdapterError?: { cause?: DriverCause } };
  } | null;
  if (!e) return false;
  const causes = [e.cause, e.meta?.driverAdapterError?.cause];
  if (causes.some((c) => c?.kind === "TransactionWriteConflict" || isConflictCode(c?.originalCode) || isConflictCode(c?.code))) return true;
  if (e.code === "P2034" || isConflictCode(e.code) || isConflictCode(e.meta?.code)) return true;
  return /could not serialize access|deadlock detected|write conflict|TransactionWriteConflict/i.test(e.message ?? "");
}

interface DriverCause {
  kind?: string;
  code?: string;
  originalCode?: string;
}

const isConflictCode = (code: string | undefined): boolean => code === "40001" || code === "40P01";

/** A unique index refused a duplicate (Prisma P2002 or the raw SQLite code). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return (
    e?.code === "P2002" ||
    e?.code === "23505" ||
    /UNIQUE constraint failed|duplicate key value violates unique constraint/i.test(e?.message ?? "")
  );
}

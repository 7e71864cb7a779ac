/**
 * The Prisma client factory. Nothing outside src/db imports the generated client.
 *
 * Two engines, one model: SQLite (embedded, the default) and PostgreSQL (for deployments with several
 * instances). Each has its own generated client (a Prisma schema has one provider) built from the same
 * model (prisma/schema.prisma, with prisma/postgres/schema.prisma derived from it); the repositories are
 * typed against the SQLite client, which the PostgreSQL one matches model for model.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { DatabaseTarget } from "../config.js";
import { PrismaClient } from "../generated/prisma/client.js";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-pg/client.js";
import { DatabaseError, isBusyError, isSerializationFailure } from "./errors.js";
import { ensureDatabaseFolder, migrateDatabase, type MigrationResult } from "./migrate.js";
import { AdvisoryLocks } from "./advisory-locks.js";
import { migratePostgres, quoteIdentifier } from "./migrate-postgres.js";
import { RawSqlite } from "./raw-sqlite.js";

export type Db = PrismaClient;
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
export type Engine = DatabaseTarget["engine"];

export interface Database {
  prisma: Db;
  engine: Engine;
  /** where the data are, for people and logs (a file path, or host/database/schema without credentials) */
  location: string;
  /** the SQLite file, when the engine is SQLite (backups, tests) */
  file: string | undefined;
  migration: MigrationResult;
  /** runs fn in one short transaction, retrying when another connection holds the lock or won a race */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs fn while no other instance runs anything under the same key (one person's updates, in order, whichever
   * instance received them). SQLite serves one instance, whose own in-process queue is enough: fn runs at once.
   */
  withKeyLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** SQLite only: a second connection with cached statements for the hot paths (see raw-sqlite.ts) */
  raw: RawSqlite | undefined;
  close(): Promise<void>;
}

/** Migrates, then opens the client: a string is a SQLite file path (tests, scripts), a target comes from config. */
export async function openDatabase(target: DatabaseTarget | string): Promise<Database> {
  const t: DatabaseTarget = typeof target === "string" ? { engine: "sqlite", file: target } : target;
  return t.engine === "sqlite" ? openSqliteDatabase(t.file) : openPostgresDatabase(t.url, t.schema);
}

/** Host, port, database and schema of a PostgreSQL URL, never its password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.engine === "sqlite") return target.file;
  const u = new URL(target.url);
  return `postgresql://${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname} (schema ${target.schema})`;
}

async function openSqliteDatabase(file: string): Promise<Database> {
  ensureDatabaseFolder(file);
  const migration = migrateDatabase(file);
  const adapter = withSqliteBindLimit(new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 10_000 }));
  const prisma = new PrismaClient({ adapter });
  try {
    await prisma.$connect();
    await prisma.$queryRawUnsafe("PRAGMA foreign_keys = ON");
    await prisma.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  } catch (err) {
    throw new DatabaseError(`Cannot open the database ${file}: ${(err as Error).message}`, { cause: err });
  }
  const raw = new RawSqlite(file);
  return {
    prisma,
    engine: "sqlite",
    location: file,
    file,
    migration,
    transaction: (fn) => withRetry(() => prisma.$transaction((tx) => fn(tx), { timeout: 20_000, maxWait: 20_000 }), isBusyError),
    withKeyLock: (_key, fn) => fn(),
    raw,
    close: async () => {
      raw.close();
      await prisma.$disconnect();
    },
  };
}

/**
 * SQLite's limit on bound parameters. Prisma assumes 999 (SQLite before 3.32) unless the adapter says
 * otherwise, and then refuses `in: [...]` lists of a national council (3,321 units) with "The query parameter
 * limit supported by your database is exceeded". better-sqlite3 ships SQLite 3.4x, whose limit is 32,766.
 */
export const SQLITE_MAX_BIND_VALUES = 32_766;

/** The adapter factory with each connection reporting SQLite's real parameter limit to Prisma. */
function withSqliteBindLimit(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const info = adapter.getConnectionInfo?.bind(adapter);
    adapter.getConnectionInfo = () => ({ supportsRelationJoins: false, ...info?.(), maxBindValues: SQLITE_MAX_BIND_VALUES });
    return adapter;
  };
  return factory;
}

async function openPostgresDatabase(url: string, schema: string): Promise<Database> {
  const location = describeTarget({ engine: "postgresql", url, schema });
  const migration = await migratePostgres(url, schema);
  // search_path covers the few raw statements; the adapter's schema option qualifies the client's own.
  const adapter = withReleaseOnFailedEnd(
    new PrismaPg({ connectionString: url, max: 10, options: `-c search_path=${quoteIdentifier(schema)}` }, { schema }),
  );
  // Same model, other provider: the PostgreSQL client answers every call the repositories make.
  const prisma = new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  const locks = new AdvisoryLocks(url);
  try {
    await prisma.$connect();
  } catch (err) {
    throw new DatabaseError(`Cannot open the database ${location}: ${(err as Error).message}`, { cause: err });
  }
  return {
    prisma,
    engine: "postgresql",
    location,
    file: undefined,
    migration,
    // Serializable keeps the single-writer assumptions SQLite gave every read-then-write; conflicts are retried.
    // The timeout is generous: under load (a national broadcast planned while instances contend) a transaction that
    // waits its turn for rows another holds can run for tens of seconds, and a timed-out one is not retried.
    transaction: (fn) =>
      withRetry(
        () => prisma.$transaction((tx) => fn(tx), { timeout: 120_000, maxWait: 60_000, isolationLevel: "Serializable" }),
        isSerializationFailure,
        10,
      ),
    withKeyLock: (key, fn) => locks.run(key, fn),
    raw: undefined,
    close: async () => {
      await prisma.$disconnect();
      await locks.close();
    },
  };
}

/**
 * Prisma ends an interactive transaction by sending COMMIT (or ROLLBACK) and only then releasing the pool's
 * connection; when that statement fails (a Serializable conflict found at COMMIT, the usual place) the connection
 * is never released, and after ten such conflicts every query waits forever. A failed end releases it here:
 * PostgreSQL has already ended the transaction (a failed COMMIT rolls back), a ROLLBACK makes sure, and a
 * connection that cannot even do that is dropped from the pool.
 */
function withReleaseOnFailedEnd(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await start(isolationLevel);
      const execute = tx.executeRaw.bind(tx);
      tx.executeRaw = async (query) => {
        try {
          return await execute(query);
        } catch (err) {
          if (query.sql === "COMMIT" || query.sql === "ROLLBACK") await releaseAfterFailedEnd(tx, execute, err);
          throw err;
        }
      };
      return tx;
    };
    return adapter;
  };
  return factory;
}

type AdapterTransaction = Awaited<ReturnType<Awaited<ReturnType<PrismaPg["connect"]>>["startTransaction"]>>;

async function releaseAfterFailedEnd(tx: AdapterTransaction, execute: AdapterTransaction["executeRaw"], err: unknown): Promise<void> {
  try {
    await execute({ sql: "ROLLBACK", args: [], argTypes: [] });
  } catch {
    // Not even a ROLLBACK: the connection is unusable, and pg's pool drops a client released with an error.
    (tx as unknown as { client: { release(err?: Error | boolean): void } }).client.release(err instanceof Error ? err : true);
    return;
  }
  await tx.rollback(); // the adapter's rollback only releases the connection (the SQL was sent above)
}

async function withRetry<T>(run: () => Promise<T>, retryable: (err: unknown) => boolean, attempts = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts || !retryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(i, 6) + Math.random() * 20));
    }
  }
}

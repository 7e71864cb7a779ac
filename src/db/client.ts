/**
 * The Prisma client factory. Nothing outside src/db imports the generated client.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.js";
import { DatabaseError, isBusyError } from "./errors.js";
import { ensureDatabaseFolder, migrateDatabase, type MigrationResult } from "./migrate.js";

export type Db = PrismaClient;
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface Database {
  prisma: Db;
  file: string;
  migration: MigrationResult;
  /** runs fn in one short transaction, retrying when another process holds the write lock */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Migrates the file, then opens the client on it (WAL, busy timeout, foreign keys on). */
export async function openDatabase(file: string): Promise<Database> {
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
  return {
    prisma,
    file,
    migration,
    transaction: (fn) => withBusyRetry(() => prisma.$transaction((tx) => fn(tx), { timeout: 20_000, maxWait: 20_000 })),
    close: () => prisma.$disconnect(),
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

async function withBusyRetry<T>(run: () => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts || !isBusyError(err)) throw err;
      await new Promise((r) => setTimeout(r, 20 * 2 ** i + Math.random() * 20));
    }
  }
}

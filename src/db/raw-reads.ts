/**
 * A second, plain better-sqlite3 connection to the service's SQLite file, for the few reads every
 * inbound update runs (was it handled, the chat, the person; /hanbaocao's tasks and reports). Through Prisma
 * each of them costs about a millisecond of CPU (its query compiler and interpreter run per call, and an
 * interactive transaction adds its own round trips); a prepared statement here costs tens of microseconds.
 *
 * It only reads. In WAL mode a reader never waits for the writer and sees every committed transaction, so
 * it needs no coordination with Prisma's connection; writes stay there, where Prisma serialises them with its
 * transactions (a write here between a Prisma transaction's read and its write would make SQLite refuse
 * that transaction with SQLITE_BUSY_SNAPSHOT). A WAL reader waits for nothing but the rare moment
 * another connection rebuilds the WAL index, so its busy timeout is short: this connection is synchronous,
 * and a wait on it blocks the event loop.
 * PostgreSQL has no such path: callers use Prisma's raw queries there.
 */
import BetterSqlite3 from "better-sqlite3";
import type { Database } from "./client.js";

export type SqlValue = string | number | bigint | null;

export interface RawSqlite {
  /** the first row of a read, or undefined */
  get<T>(sql: string, params: readonly SqlValue[]): T | undefined;
  all<T>(sql: string, params: readonly SqlValue[]): T[];
}

class Connection implements RawSqlite {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly handle: BetterSqlite3.Database) {}

  private statement(sql: string): BetterSqlite3.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.handle.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  get<T>(sql: string, params: readonly SqlValue[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, params: readonly SqlValue[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }
}

const connections = new WeakMap<Database, Connection>();

/** A hot-path connection the Database may carry itself (a `raw` with cached statements, built in client.ts). */
interface SharedRaw {
  all<T>(sql: string, params: readonly SqlValue[]): T[];
}

/**
 * The raw read connection of a SQLite database; null on PostgreSQL. When the Database carries its own hot-path
 * connection (`db.raw`), that one is used; otherwise one is opened on first use and closed with the database.
 */
export function rawReads(db: Database): RawSqlite | null {
  if (db.engine !== "sqlite" || !db.file) return null;
  const shared = (db as { raw?: SharedRaw }).raw;
  if (shared && typeof shared.all === "function")
    return { all: (sql, params) => shared.all(sql, params), get: (sql, params) => shared.all(sql, params)[0] as never };
  let c = connections.get(db);
  if (!c) {
    const handle = new BetterSqlite3(db.file, { timeout: 100 });
    // The file is in WAL mode already (migrate.ts); this connection only reads.
    c = new Connection(handle);
    connections.set(db, c);
    // Closed with the database: the Database object is built elsewhere (client.ts), so its close is wrapped.
    const close = db.close.bind(db);
    const conn = c;
    db.close = async () => {
      connections.delete(db);
      conn.handle.close();
      await close();
    };
  }
  return c;
}

/** A Database (not a bare Prisma client or transaction): the raw path may be used with it. */
export const isDatabase = (db: object): db is Database => "prisma" in db && "engine" in db;

/** A date read back from either connection: ISO text, SQLite's CURRENT_TIMESTAMP text, or epoch milliseconds. */
export function readDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === "number" || typeof v === "bigint") return new Date(Number(v));
  const s = String(v);
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(s) ? `${s.replace(" ", "T")}Z` : s);
}

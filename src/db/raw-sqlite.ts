/**
 * A second connection to the SQLite file for the hot paths (the outbox sender's per-message statements, the
 * reminder tick's bulk reads), with its prepared statements kept.
 *
 * Why: each model call of Prisma's client engine compiles its query (WebAssembly) and maps every row through
 * several layers; that was most of the 12-15 ms of CPU the sender spent per message, and most of the time and
 * garbage of loading 66,420 assignments for a national reminder tick. A better-sqlite3 statement prepared once
 * costs microseconds. This uses only better-sqlite3's documented API on its own handle, never the adapter's.
 *
 * Safe beside Prisma's connection because the file is in WAL mode: reads never wait for a writer and see the
 * last committed state. Writes are single autocommit statements, run synchronously, so this connection never
 * holds the write lock across an await (Prisma's connection never waits for it). When Prisma's connection holds
 * the write lock (an open transaction in this process, or another process), a write here gets SQLITE_BUSY at
 * once (busy_timeout 0: a synchronous wait would block the event loop that must finish that transaction) and
 * is retried after a short asynchronous pause.
 *
 * PostgreSQL does not use this: its repositories keep the Prisma path (raw statements through the client).
 */
import type Database from "better-sqlite3";
import { openSqlite } from "./migrate.js";

type Param = string | number | bigint | null | Buffer;

/** How Prisma's SQLite adapter stores a DateTime (ISO 8601 with "+00:00"); raw writes must match it. */
export const sqliteTime = (d: Date): string => d.toISOString().replace("Z", "+00:00");

/** A DateTime column read raw: ISO text (Prisma's), "YYYY-MM-DD HH:MM:SS" (SQLite's CURRENT_TIMESTAMP, UTC), or epoch ms. */
export function fromSqliteTime(value: unknown): Date {
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  const s = String(value);
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(s) ? `${s.replace(" ", "T")}Z` : s);
}

export const fromSqliteTimeOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : fromSqliteTime(value));

const isBusy = (err: unknown): boolean => /^SQLITE_BUSY|^SQLITE_LOCKED/.test(String((err as { code?: unknown })?.code ?? ""));

/** Attempts of a write that finds the lock held: about 20 s in all, like Prisma's connection's busy timeout. */
const WRITE_ATTEMPTS = 400;

export class RawSqlite {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.db = openSqlite(file);
    this.db.pragma("busy_timeout = 0");
  }

  private statement(sql: string, raw = false): Database.Statement {
    const key = raw ? `raw:${sql}` : sql;
    let s = this.statements.get(key);
    if (!s) {
      s = this.db.prepare(sql);
      if (raw) s.raw(true);
      this.statements.set(key, s);
    }
    return s;
  }

  /** Rows as objects. */
  all<T>(sql: string, params: readonly Param[] = []): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  /** Rows as arrays of column values (no object per row: for tens of thousands of rows). */
  rows(sql: string, params: readonly Param[] = []): unknown[][] {
    return this.statement(sql, true).all(...params) as unknown[][];
  }

  /** A write (with or without RETURNING), retried while another connection holds the write lock. */
  async write<T = never>(sql: string, params: readonly Param[] = []): Promise<{ changes: number; rows: T[] }> {
    const s = this.statement(sql);
    for (let attempt = 1; ; attempt++) {
      try {
        if (s.reader) {
          const rows = s.all(...params) as T[];
          return { changes: rows.length, rows };
        }
        return { changes: s.run(...params).changes, rows: [] };
      } catch (err) {
        if (!isBusy(err) || attempt >= WRITE_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, Math.min(attempt, 50)));
      }
    }
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}

/**
 * `council db backup FILE` for SQLite: SQLite's online backup API (through better-sqlite3) copies a consistent
 * snapshot while the service keeps running and writing; a plain file copy of a WAL database can be torn.
 * PostgreSQL is backed up with its own tools (pg_dump), which the README shows.
 */
import { existsSync } from "node:fs";
import { DatabaseError } from "./errors.js";
import { openSqlite } from "./migrate.js";

export async function backupSqlite(file: string, target: string): Promise<{ pages: number }> {
  if (existsSync(target)) throw new DatabaseError(`${target} already exists; choose a new file name.`);
  const db = openSqlite(file);
  try {
    const result = await db.backup(target);
    return { pages: result.totalPages };
  } catch (err) {
    throw new DatabaseError(`Cannot write the backup to ${target}: ${(err as Error).message}`, { cause: err });
  } finally {
    db.close();
  }
}

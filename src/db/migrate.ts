/**
 * Applies the committed Prisma migrations (prisma/migrations/<name>/migration.sql) to a SQLite file.
 *
 * Why not spawn `prisma migrate deploy`: it costs ~2 s per run (WebAssembly schema engine), which every
 * start, every CLI call and every test database would pay. This applier records migrations in Prisma's
 * own `_prisma_migrations` table with the same checksums, so `prisma migrate status` and `migrate deploy`
 * agree with it, and contributors keep using Prisma's tooling to write migrations (scripts/new-migration.ts).
 */
import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, existsSync, accessSync, constants } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DatabaseError } from "./errors.js";

// src/db/ in the sources, dist/src/db/ in the build: the project's prisma/ folder is two or three levels up.
const here = path.dirname(fileURLToPath(import.meta.url));
export const MIGRATIONS_DIR =
  [path.resolve(here, "../../prisma/migrations"), path.resolve(here, "../../../prisma/migrations")].find((d) => existsSync(d)) ??
  path.resolve(here, "../../prisma/migrations");

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Creates the folder of the database file if needed, with a one-line error when it cannot. */
export function ensureDatabaseFolder(file: string): void {
  const folder = path.dirname(file);
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (err) {
    throw new DatabaseError(
      `Cannot use the data folder ${folder}: ${describeFsError(err)}. Check DATABASE_URL and the folder's permissions.`,
      { cause: err },
    );
  }
}

/** Opens the file with the settings every connection of this project uses (WAL, busy timeout, foreign keys). */
export function openSqlite(file: string): Database.Database {
  ensureDatabaseFolder(file);
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 10_000 });
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
  } catch (err) {
    throw new DatabaseError(`Cannot open the database ${file}: ${(err as Error).message}. Check DATABASE_URL.`, { cause: err });
  }
  return db;
}

export function migrateDatabase(file: string, dir = MIGRATIONS_DIR): MigrationResult {
  const migrations = listMigrations(dir);
  const db = openSqlite(file);
  try {
    db.exec(CREATE_MIGRATIONS_TABLE);
    const done = new Map(
      (
        db
          .prepare(`SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
          .all() as {
          migration_name: string;
          checksum: string;
        }[]
      ).map((r) => [r.migration_name, r.checksum]),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      const seen = done.get(m.name);
      if (seen !== undefined) {
        if (seen !== m.checksum) {
          throw new DatabaseError(`Migration ${m.name} was changed after it was applied to ${file}; restore the committed file.`);
        }
        continue;
      }
      const startedAt = new Date().toISOString();
      // BEGIN IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
      const apply = db.transaction(() => {
        const again = db.prepare(`SELECT 1 FROM _prisma_migrations WHERE migration_name = ? AND finished_at IS NOT NULL`).get(m.name);
        if (again) return false;
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
        ).run(randomUUID(), m.checksum, new Date().toISOString(), m.name, startedAt);
        return true;
      });
      try {
        if (apply.immediate()) applied.push(m.name);
      } catch (err) {
        throw new DatabaseError(`Migration ${m.name} failed on ${file}: ${(err as Error).message}`, { cause: err });
      }
    }
    return { applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    db.close();
  }
}

function describeFsError(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOTDIR") return "a part of the path is a file, not a folder";
  if (code === "EROFS") return "the file system is read-only";
  return (err as Error).message ?? String(err);
}

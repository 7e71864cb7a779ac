/**
 * Applies the committed PostgreSQL migrations (prisma/migrations-postgres/<name>/migration.sql) to one schema
 * of a PostgreSQL database: the twin of migrate.ts for SQLite, recording them in Prisma's own
 * `_prisma_migrations` table with the same checksums so `prisma migrate status` agrees.
 *
 * Several instances start at once on the same database: an advisory lock held for the whole run makes the
 * second wait and then find everything applied, instead of both creating the same tables.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { DatabaseError } from "./errors.js";
import { listMigrations, type MigrationResult } from "./migrate.js";

const here = path.dirname(fileURLToPath(import.meta.url));
// From src/db (sources run by tsx) or dist/src/db (compiled ahead of time).
export const POSTGRES_MIGRATIONS_DIR =
  [path.resolve(here, "../../prisma/migrations-postgres"), path.resolve(here, "../../../prisma/migrations-postgres")].find((d) =>
    existsSync(d),
  ) ?? path.resolve(here, "../../prisma/migrations-postgres");

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Quotes an identifier for SQL (schema names come from DATABASE_URL, so they are never trusted raw). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A 64-bit advisory-lock key derived from the schema name, so two councils' schemas do not wait on each other. */
function lockKey(schema: string): string {
  return BigInt.asIntN(64, BigInt(`0x${createHash("sha256").update(`council-migrate:${schema}`).digest("hex").slice(0, 16)}`)).toString();
}

export async function migratePostgres(url: string, schema: string, dir = POSTGRES_MIGRATIONS_DIR): Promise<MigrationResult> {
  const migrations = listMigrations(dir);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new DatabaseError(`Cannot connect to PostgreSQL: ${(err as Error).message}. Check DATABASE_URL and that the server runs.`, {
      cause: err,
    });
  }
  const where = `schema ${schema}`;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [lockKey(schema)]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await client.query(`SET search_path TO ${quoteIdentifier(schema)}`);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const done = new Map(
      (
        await client.query<{ migration_name: string; checksum: string }>(
          `SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
      ).rows.map((r) => [r.migration_name, r.checksum]),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      const seen = done.get(m.name);
      if (seen !== undefined) {
        if (seen !== m.checksum)
          throw new DatabaseError(`Migration ${m.name} was changed after it was applied to ${where}; restore the committed file.`);
        continue;
      }
      const startedAt = new Date();
      try {
        await client.query("BEGIN");
        await client.query(m.sql);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
          [randomUUID(), m.checksum, m.name, startedAt],
        );
        await client.query("COMMIT");
        applied.push(m.name);
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw new DatabaseError(`Migration ${m.name} failed on ${where}: ${(err as Error).message}`, { cause: err });
      }
    }
    return { applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => {});
    await client.end().catch(() => {});
  }
}

/** Drops a schema and everything in it: used by tests that give each file its own schema. */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

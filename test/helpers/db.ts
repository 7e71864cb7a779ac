/**
 * The test database: a real SQLite file in a temporary folder, migrated with the real migrations; or, when
 * TEST_DATABASE_URL is set (CI sets it), a schema of its own in a PostgreSQL database created for this run
 * (test/helpers/postgres-setup.ts), migrated with the PostgreSQL migrations. Tests name the database by
 * the file path they would use on SQLite; on PostgreSQL the same path always maps to the same schema, so
 * a test and the CLI or service process it spawns meet in one place.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type DatabaseTarget, databaseTargetFromUrl } from "../../src/config.js";
import { type Database, openDatabase } from "../../src/db/client.js";

/** Set by the global setup for the run when TEST_DATABASE_URL is: the PostgreSQL database this run owns. */
export const POSTGRES_RUN_URL_VARIABLE = "COUNCIL_TEST_POSTGRES_URL";

export const onPostgres = (): boolean => Boolean(process.env[POSTGRES_RUN_URL_VARIABLE]);

/** The DATABASE_URL for what would be the SQLite file `file` (absolute path). */
export function testDatabaseUrl(file: string): string {
  const run = process.env[POSTGRES_RUN_URL_VARIABLE];
  if (!run) return `file:${file}`;
  const schema = `t_${createHash("sha256").update(path.resolve(file)).digest("hex").slice(0, 24)}`;
  const url = new URL(run);
  url.searchParams.set("schema", schema);
  return url.toString();
}

export const testDatabaseTarget = (file: string): DatabaseTarget => databaseTargetFromUrl(testDatabaseUrl(file));

/** Opens (and migrates) the test database that stands for `file`. */
export const openTestDatabase = (file: string): Promise<Database> => openDatabase(testDatabaseTarget(file));

export interface TestDatabase {
  db: Database;
  dir: string;
  /** the SQLite file path the database stands for (on PostgreSQL, the key of its schema) */
  file: string;
  /** DATABASE_URL for processes and configs that must reach the same database */
  url: string;
  cleanup(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "council-test-"));
  const file = path.join(dir, "council.db");
  const db = await openTestDatabase(file);
  return {
    db,
    dir,
    file,
    url: testDatabaseUrl(file),
    async cleanup() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * SQLite and PostgreSQL hold the same model: the PostgreSQL schema is the SQLite one with another datasource
 * (checked always), and each engine's committed migrations build exactly its schema (SQLite in
 * migrations.test.ts; PostgreSQL here, when the suite runs with TEST_DATABASE_URL).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { databaseTargetFromUrl } from "../../src/config.js";
import { listMigrations } from "../../src/db/migrate.js";
import { dropPostgresSchema, migratePostgres, POSTGRES_MIGRATIONS_DIR } from "../../src/db/migrate-postgres.js";
import { derivePostgresSchema, POSTGRES_SCHEMA_PATH } from "../../scripts/lib/postgres-schema.js";
import { onPostgres, testDatabaseUrl } from "../helpers/db.js";

const root = path.resolve(import.meta.dirname, "../..");
const prismaCli = path.join(root, "node_modules/prisma/build/index.js");

describe("the PostgreSQL model", () => {
  it("is the SQLite schema with another datasource (run `npm run db:sync-postgres -- <name>` when this fails)", () => {
    const sqlite = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
    expect(readFileSync(path.join(root, POSTGRES_SCHEMA_PATH), "utf8")).toBe(derivePostgresSchema(sqlite));
    const models = (s: string) => [...s.matchAll(/^model (\w+)/gm)].map((m) => m[1]);
    expect(models(readFileSync(path.join(root, POSTGRES_SCHEMA_PATH), "utf8"))).toEqual(models(sqlite));
  });

  it("has a migration history of its own", () => {
    const names = listMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name);
    expect(names[0]).toMatch(/_init$/);
    for (const m of listMigrations(POSTGRES_MIGRATIONS_DIR)) expect(m.sql.trim().length).toBeGreaterThan(0);
  });

  it.runIf(onPostgres())(
    "is built exactly by the PostgreSQL migrations, applied once even by two instances at once",
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "council-pg-"));
      const migrated = pgTarget(testDatabaseUrl(path.join(dir, "migrated.db")));
      const fromModel = pgTarget(testDatabaseUrl(path.join(dir, "model.db")));
      try {
        const all = listMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name);
        const [a, b] = await Promise.all([migratePostgres(migrated.url, migrated.schema), migratePostgres(migrated.url, migrated.schema)]);
        expect([...a.applied, ...b.applied].sort()).toEqual([...all].sort());
        expect(a.applied.length === 0 || b.applied.length === 0).toBe(true);
        // The SQL Prisma writes for the datamodel from scratch, applied to a second schema: both must be identical.
        const sql = execFileSync(
          process.execPath,
          [
            prismaCli,
            "migrate",
            "diff",
            "--config",
            "prisma.postgres.config.ts",
            "--from-empty",
            "--to-schema-datamodel",
            POSTGRES_SCHEMA_PATH,
            "--script",
          ],
          { cwd: root, encoding: "utf8" },
        );
        const client = new pg.Client({ connectionString: fromModel.url });
        await client.connect();
        try {
          await client.query(`CREATE SCHEMA ${fromModel.schema}; SET search_path TO ${fromModel.schema}`);
          await client.query(sql.replace(/^CREATE SCHEMA IF NOT EXISTS "public";$/m, ""));
          // Definitions name other schemas' tables in full: leave both out of the path so both are written alike.
          await client.query("SET search_path TO public");
          const shape = async (schema: string) => {
            const q = async (text: string) =>
              (await client.query(text, [schema])).rows.map((r) => JSON.stringify(r).replaceAll(schema, "S"));
            return {
              columns: await q(
                `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = $1 AND table_name <> '_prisma_migrations' ORDER BY 1, 2`,
              ),
              indexes: await q(
                `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename <> '_prisma_migrations' ORDER BY 1`,
              ),
              constraints: await q(
                `SELECT c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1 AND c.conname <> '_prisma_migrations_pkey' ORDER BY 1`,
              ),
            };
          };
          const built = await shape(migrated.schema);
          expect(built.columns.length).toBeGreaterThan(100);
          expect(built).toEqual(await shape(fromModel.schema));
        } finally {
          await client.end();
        }
      } finally {
        await dropPostgresSchema(migrated.url, migrated.schema);
        await dropPostgresSchema(fromModel.url, fromModel.schema);
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

function pgTarget(url: string): { url: string; schema: string } {
  const t = databaseTargetFromUrl(url);
  if (t.engine !== "postgresql") throw new Error("expected a PostgreSQL URL");
  return t;
}

/**
 * Creates a new migration from the changes in prisma/schema.prisma: the project's replacement for
 * `prisma migrate dev`, which cannot run here (its shadow database replays multi-statement migrations as
 * one prepared statement and fails; see docs in the README).
 *
 *   npm run db:new-migration -- add_issue_priority
 *
 * 1. applies the committed migrations to a scratch SQLite file;
 * 2. introspects it (`prisma db pull --print`) and asks Prisma for the SQL from that datamodel to the schema
 *    (`migrate diff --from-schema-datamodel ... --to-schema-datamodel ...`); the datasource-based diff flags
 *    are refused by Prisma 6 when a driver adapter is configured;
 * 3. writes it to prisma/migrations/<UTC timestamp>_<name>/migration.sql, refusing an empty diff;
 * 4. applies it to the scratch database and diffs again, which must now be empty;
 * 5. derives prisma/postgres/schema.prisma again and writes the PostgreSQL migration for the same change.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { migrateDatabase, MIGRATIONS_DIR } from "../src/db/migrate.js";
import { syncPostgres } from "./postgres-schema.js";

const { positionals } = parseArgs({ allowPositionals: true });
const name = positionals[0];
if (!name || !/^[a-z][a-z0-9_]{2,60}$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name>   (lower case letters, digits and _, e.g. add_issue_priority)");
  process.exit(2);
}

const scratchDir = mkdtempSync(path.join(tmpdir(), "council-migration-"));
const scratch = path.join(scratchDir, "scratch.db");
const prisma = path.resolve(import.meta.dirname, "../node_modules/prisma/build/index.js");

const root = path.resolve(import.meta.dirname, "..");

function prismaCli(args: string[]): string {
  return execFileSync(process.execPath, [prisma, ...args], {
    env: { ...process.env, DATABASE_URL: `file:${scratch}` },
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** SQL taking the scratch database to prisma/schema.prisma. */
function diff(): string {
  // db pull prints warnings before the schema; the schema starts at its generator block.
  const pulled = prismaCli(["db", "pull", "--print"]);
  const start = pulled.search(/^generator /m);
  if (start < 0) throw new Error(`prisma db pull printed no schema:\n${pulled}`);
  const current = path.join(scratchDir, "current.prisma");
  writeFileSync(current, pulled.slice(start));
  const out = prismaCli([
    "migrate",
    "diff",
    "--from-schema-datamodel",
    current,
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
  ]);
  return out
    .split("\n")
    .filter((l) => !l.startsWith("Loaded Prisma config"))
    .join("\n")
    .trim();
}

const isEmpty = (sql: string) => sql.split("\n").every((l) => l.trim() === "" || l.trim().startsWith("--"));

try {
  migrateDatabase(scratch);
  const sql = diff();
  if (isEmpty(sql)) {
    console.log("The schema matches the migrations: nothing to do.");
    process.exit(0);
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "migration.sql");
  writeFileSync(file, `${sql}\n`);
  migrateDatabase(scratch);
  const rest = diff();
  if (!isEmpty(rest)) {
    console.error(`Warning: after applying ${file} the schema still differs:\n${rest}`);
    process.exit(1);
  }
  console.log(
    `Created ${path.relative(process.cwd(), file)} (${sql.split("\n").length} lines). Review it, then commit it with the schema change.`,
  );
  const pg = syncPostgres(name, stamp);
  console.log(pg ? `Created ${path.relative(process.cwd(), pg)} for PostgreSQL.` : "Warning: the PostgreSQL schema did not change.");
} finally {
  rmSync(scratchDir, { recursive: true, force: true });
}

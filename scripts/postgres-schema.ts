/**
 * Brings the PostgreSQL side up to prisma/schema.prisma: rewrites prisma/postgres/schema.prisma and, when the
 * model changed, writes the PostgreSQL migration for the change (a diff between the previous and the new
 * PostgreSQL datamodel: no server needed). `npm run db:new-migration` calls it after writing the SQLite
 * migration; run it alone (`npm run db:sync-postgres -- <name>`) after merging a branch that changed the schema.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { derivePostgresSchema, POSTGRES_SCHEMA_PATH } from "./lib/postgres-schema.js";

const root = path.resolve(import.meta.dirname, "..");
const prismaCli = path.join(root, "node_modules/prisma/build/index.js");

const isEmpty = (sql: string) => sql.split("\n").every((l) => l.trim() === "" || l.trim().startsWith("--"));

/** Returns the migration file written, or undefined when the PostgreSQL model did not change. */
export function syncPostgres(name: string, stamp: string): string | undefined {
  const target = path.join(root, POSTGRES_SCHEMA_PATH);
  const before = readFileSync(target, "utf8");
  const after = derivePostgresSchema(readFileSync(path.join(root, "prisma/schema.prisma"), "utf8"));
  if (before === after) return undefined;
  const scratch = mkdtempSync(path.join(tmpdir(), "council-pg-schema-"));
  try {
    const previous = path.join(scratch, "previous.prisma");
    writeFileSync(previous, before);
    writeFileSync(target, after);
    const sql = execFileSync(
      process.execPath,
      [
        prismaCli,
        "migrate",
        "diff",
        "--config",
        "prisma.postgres.config.ts",
        "--from-schema-datamodel",
        previous,
        "--to-schema-datamodel",
        POSTGRES_SCHEMA_PATH,
        "--script",
      ],
      { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    )
      .split("\n")
      .filter((l) => !l.startsWith("Loaded Prisma config"))
      .join("\n")
      .trim();
    if (isEmpty(sql)) return undefined;
    const dir = path.join(root, "prisma/migrations-postgres", `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
    return path.join(dir, "migration.sql");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const name = process.argv[2];
  if (!name || !/^[a-z][a-z0-9_]{2,60}$/.test(name)) {
    console.error("Usage: npm run db:sync-postgres -- <name>   (the name of the SQLite migration it follows)");
    process.exit(2);
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const file = syncPostgres(name, stamp);
  console.log(file ? `Created ${path.relative(process.cwd(), file)}. Review it, then commit it.` : "prisma/postgres is up to date.");
}

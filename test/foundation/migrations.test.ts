/** Our migration applier and Prisma's own tooling agree about the database. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase, listMigrations } from "../../src/db/migrate.js";

const dir = mkdtempSync(path.join(tmpdir(), "council-mig-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = path.resolve(import.meta.dirname, "../..");

describe("migrations", () => {
  it("applies every committed migration once, in WAL mode, recorded like prisma migrate deploy", () => {
    const file = path.join(dir, "a.db");
    expect(migrateDatabase(file).applied).toEqual(listMigrations().map((m) => m.name));
    expect(migrateDatabase(file)).toEqual({ applied: [], alreadyApplied: listMigrations().length });
    const db = new Database(file);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    const status = execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "status"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `file:${file}` },
      encoding: "utf8",
    });
    expect(status).toMatch(/Database schema is up to date/);
  });

  it("refuses a migration file changed after it was applied", () => {
    const file = path.join(dir, "b.db");
    migrateDatabase(file);
    const db = new Database(file);
    db.prepare("UPDATE _prisma_migrations SET checksum = 'x'").run();
    db.close();
    expect(() => migrateDatabase(file)).toThrow(/was changed after it was applied/);
  });
});

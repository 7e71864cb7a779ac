/**
 * Moving a council between engines (`council db copy`) and backing up SQLite while it runs (`council db backup`):
 * every table arrives with the same rows and ids, new rows continue after the copied ids, a second copy into
 * the same target is refused, and the backup opens as a database with the same data.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargetFromUrl } from "../../src/config.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { copyDatabase } from "../../src/db/copy.js";
import { dropPostgresSchema } from "../../src/db/migrate-postgres.js";
import { prepareCouncil, publishSeedNotice } from "../../scripts/bench/setup.js";
import { onPostgres, testDatabaseUrl } from "../helpers/db.js";
import { PROJECT_ROOT } from "../helpers/service-process.js";

const run = promisify(execFile);
let dir: string;
let source: Database;
let councilId: number;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "council-copy-"));
  // The source is always a SQLite file: the copy a council makes when it moves to PostgreSQL.
  const prepared = await prepareCouncil(path.join(dir, "source.db"), 12);
  source = prepared.db;
  councilId = prepared.councilId;
  await publishSeedNotice(source, councilId, dir);
}, 60_000);

afterAll(async () => {
  await source?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function expectSameData(target: Database) {
  const units = async (db: Database) => (await db.prisma.unit.findMany({ orderBy: { id: "asc" } })).map((u) => [u.id, u.code, u.parentId]);
  expect(await units(target)).toEqual(await units(source));
  const outbox = async (db: Database) =>
    (await db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } })).map((o) => [
      o.id,
      o.idempotencyKey,
      o.payloadJson,
      o.notBefore.toISOString(),
    ]);
  expect(await outbox(target)).toEqual(await outbox(source));
  // A new unit takes the next id, not one a copied row holds.
  const maxId = Math.max(...(await source.prisma.unit.findMany({ select: { id: true } })).map((u) => u.id));
  const created = await target.prisma.unit.create({ data: { councilId, code: "NEW_AFTER_COPY", name: "Xã Mới", kind: "commune" } });
  expect(created.id).toBe(maxId + 1);
}

describe("council db copy", () => {
  it("copies every table into an empty SQLite database, verified by counts, and refuses a second copy", async () => {
    const target = await openDatabase(path.join(dir, "copy.db"));
    try {
      const seen: string[] = [];
      const { counts, ok } = await copyDatabase(source, target, (t) => seen.push(t));
      expect(ok).toBe(true);
      expect(counts.find((c) => c.table === "OutboxMessage")!.target).toBeGreaterThan(12);
      // Parents before children.
      expect(seen.indexOf("Council")).toBeLessThan(seen.indexOf("Unit"));
      expect(seen.indexOf("Chat")).toBeLessThan(seen.indexOf("OutboxMessage"));
      expect(seen.indexOf("Notice")).toBeLessThan(seen.indexOf("NoticeDelivery"));
      await expectSameData(target);
      await expect(copyDatabase(source, target)).rejects.toThrow(/already holds data/);
    } finally {
      await target.close();
    }
  });

  it.runIf(onPostgres())(
    "copies into PostgreSQL from the CLI, and the ids continue",
    async () => {
      const url = testDatabaseUrl(path.join(dir, "pg-copy.db"));
      const t = databaseTargetFromUrl(url);
      if (t.engine !== "postgresql") throw new Error("expected PostgreSQL");
      try {
        const { stdout } = await run(
          process.execPath,
          [path.join(PROJECT_ROOT, "bin/council.mjs"), "db", "copy", "--from", `file:${path.join(dir, "source.db")}`, "--to", url],
          {
            cwd: dir,
            env: { PATH: process.env.PATH!, DATABASE_URL: `file:${path.join(dir, "unused.db")}` },
          },
        );
        expect(stdout).toMatch(/every count matches/);
        const target = await openDatabase(t);
        try {
          await expectSameData(target);
        } finally {
          await target.close();
        }
      } finally {
        await dropPostgresSchema(t.url, t.schema);
      }
    },
    90_000,
  );
});

describe("council db backup", () => {
  it("writes a consistent copy while the database is open, and refuses to overwrite a file", async () => {
    const file = path.join(dir, "backup.db");
    const env = { PATH: process.env.PATH!, DATABASE_URL: `file:${path.join(dir, "source.db")}` };
    const cli = (args: string[]) => run(process.execPath, [path.join(PROJECT_ROOT, "bin/council.mjs"), ...args], { cwd: dir, env });
    const { stdout } = await cli(["db", "backup", file]);
    expect(stdout).toMatch(/Backed up .* \(\d+ pages\)/);
    const backup = await openDatabase(file);
    try {
      expect(await backup.prisma.outboxMessage.count()).toBe(await source.prisma.outboxMessage.count());
      expect(await backup.prisma.unit.count()).toBe(await source.prisma.unit.count());
    } finally {
      await backup.close();
    }
    await expect(cli(["db", "backup", file])).rejects.toMatchObject({ stderr: expect.stringMatching(/already exists/) });
  }, 60_000);
});

/** A real SQLite file in a temporary folder, migrated with the real migrations. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../../src/db/client.js";

export interface TestDatabase {
  db: Database;
  dir: string;
  file: string;
  cleanup(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "council-test-"));
  const file = path.join(dir, "council.db");
  const db = await openDatabase(file);
  return {
    db,
    dir,
    file,
    async cleanup() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Issue 12, item 4: acknowledgements recorded before the fix took the group's unit when the presser had none
 * (the office) and counted a press in another unit's group. The migration that adds "outsider" reclassifies
 * them: each ack gets its presser's own unit, and a press in a group of a unit that is not theirs is an outsider's.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrateDatabase, openSqlite } from "../../src/db/migrate.js";

const MIGRATION = "20261205070458_notice_ack_outsider";
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the notice_ack_outsider migration", () => {
  it("gives each old acknowledgement its presser's unit and marks presses in another unit's group", () => {
    dir = mkdtempSync(path.join(tmpdir(), "council-ack-migration-"));
    const before = path.join(dir, "before");
    for (const name of readdirSync(MIGRATIONS_DIR).filter((n) => n < MIGRATION))
      cpSync(path.join(MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
    const file = path.join(dir, "council.db");
    migrateDatabase(file, before);

    const db = openSqlite(file);
    const now = "2022-05-23T02:00:00.000Z";
    db.exec(`
      INSERT INTO "Council" (id, code, name, updatedAt) VALUES (1, 'DP', 'HĐND thị xã Đức Phổ', '${now}');
      INSERT INTO "Unit" (id, councilId, code, name, kind, updatedAt) VALUES
        (1, 1, 'PHO_AN', 'Xã Phổ An', 'commune', '${now}'), (2, 1, 'PHO_PHONG', 'Xã Phổ Phong', 'commune', '${now}');
      INSERT INTO "Member" (id, councilId, unitId, fullName, role, updatedAt) VALUES
        (1, 1, NULL, 'Lê Thị Hà', 'office', '${now}'),
        (2, 1, 2, 'Trần Văn Phong', 'vice_chair', '${now}'),
        (3, 1, 1, 'Nguyễn Văn An', 'vice_chair', '${now}'),
        (4, 1, 2, 'Đỗ Văn Khánh', 'vice_chair', '${now}');
      INSERT INTO "Chat" (id, platform, externalId, kind, updatedAt) VALUES
        (1, 'telegram', '-1001', 'group', '${now}'), (2, 'telegram', '-1002', 'group', '${now}'), (3, 'telegram', '-1003', 'group', '${now}');
      INSERT INTO "Notice" (id, councilId, title, body, audience) VALUES (1, 1, 'Thông báo', 'Nội dung', 'all');
      INSERT INTO "NoticeDelivery" (noticeId, chatId, unitId, updatedAt) VALUES (1, 1, 1, '${now}'), (1, 2, 2, '${now}'), (1, 3, NULL, '${now}');
      -- as the old code recorded them: the clerk in Phổ An's group took Phổ An; Phổ Phong's vice-chair kept his own
      INSERT INTO "NoticeAck" (id, noticeId, memberId, unitId, platform, chatId) VALUES
        (1, 1, 1, 1, 'telegram', 1),
        (2, 1, 2, 2, 'telegram', 1),
        (3, 1, 3, 1, 'telegram', 1),
        (4, 1, 4, 2, 'telegram', 3);
    `);
    db.close();

    migrateDatabase(file);
    const after = openSqlite(file);
    const rows = after.prepare(`SELECT id, unitId, outsider FROM "NoticeAck" ORDER BY id`).all();
    after.close();
    expect(rows).toEqual([
      { id: 1, unitId: null, outsider: 1 }, // the clerk in Phổ An's group: theirs, not Phổ An's
      { id: 2, unitId: 2, outsider: 1 }, // Phổ Phong's vice-chair in Phổ An's group
      { id: 3, unitId: 1, outsider: 0 }, // Phổ An's own vice-chair
      { id: 4, unitId: 2, outsider: 0 }, // in a group of no unit (the announcement group): his own unit's
    ]);
  });
});

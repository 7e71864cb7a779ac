/**
 * The inbound hot path reads in one statement (db/inbound.ts), and /hanbaocao's reads on the raw SQLite
 * connection (db/tasks.ts, db/submissions.ts): each must answer exactly what the Prisma queries they replaced
 * answer, for linked, unlinked, deactivated and unknown people, people with and without a unit, in a council
 * of several units. Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toActor } from "../../src/core/actor.js";
import { findUnlinkedAccount } from "../../src/db/access.js";
import { findChat } from "../../src/db/chats.js";
import { findActor } from "../../src/db/identities.js";
import { lookupInbound } from "../../src/db/inbound.js";
import { markProcessed, markStarted, wasProcessed } from "../../src/db/processed-events.js";
import { latestSubmissionsForUnit } from "../../src/db/submissions.js";
import { openTasksForUnit } from "../../src/db/tasks.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

const T0 = new Date("2026-12-01T02:00:00.000Z");
let t: TestDatabase;
let unitIds: number[];
let taskIds: number[];

/** What the dispatcher got from the queries before db/inbound.ts. */
async function before(platform: string, chatId: string, userId: string, eventKey: string) {
  const p = t.db.prisma;
  const record = await findActor(p, platform, userId);
  const gone = await findUnlinkedAccount(p, platform, userId);
  const chat = await findChat(p, platform, chatId);
  return {
    processed: await wasProcessed(p, eventKey),
    started: (await p.startedEvent.findUnique({ where: { key: eventKey } })) !== null,
    chat: chat
      ? {
          id: chat.id,
          platform: chat.platform,
          externalId: chat.externalId,
          kind: chat.kind,
          title: chat.title,
          councilId: chat.councilId,
          purpose: chat.purpose,
          unitId: chat.unitId,
          active: chat.active,
          inactiveReason: chat.inactiveReason,
          canPin: chat.canPin,
        }
      : null,
    person: record ? toActor(record) : null,
    unlinkedReason: gone?.reason ?? null,
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  const p = t.db.prisma;
  const council = await p.council.create({ data: { code: "TEST", name: "HĐND thử" } });
  const councilId = council.id;
  await p.unit.createMany({
    data: [
      { councilId, code: "XA_A", name: "Xã A", kind: "commune" },
      { councilId, code: "PHUONG_B", name: "Phường B", kind: "ward" },
      { councilId, code: "XA_C", name: "Xã C", kind: "commune" },
    ],
  });
  unitIds = (await p.unit.findMany({ orderBy: { id: "asc" } })).map((u) => u.id);
  const member = (fullName: string, role: string, unitId: number | null, active = true) =>
    p.member.create({ data: { councilId, fullName, role, unitId, active } });
  const an = await member("Nguyễn Văn An", "vice_chair", unitIds[0]!);
  const binh = await member("Trần Thị Bình", "vice_chair", unitIds[1]!);
  const lan = await member("Phạm Thị Lan", "standing", null);
  const cu = await member("Lê Văn Cũ", "delegate", unitIds[2]!, false);
  const gone = await member("Võ Minh Đi", "vice_chair", unitIds[2]!);
  await p.chatIdentity.createMany({
    data: [
      { memberId: an.id, platform: "telegram", platformUserId: "101" },
      { memberId: binh.id, platform: "telegram", platformUserId: "102" },
      // The same person on two platforms.
      { memberId: lan.id, platform: "telegram", platformUserId: "103" },
      { memberId: lan.id, platform: "zalo", platformUserId: "z-103" },
      // A deactivated member whose account is still linked.
      { memberId: cu.id, platform: "telegram", platformUserId: "104" },
    ],
  });
  await p.unlinkedAccount.create({ data: { platform: "telegram", platformUserId: "105", memberId: gone.id, reason: "unlinked", at: T0 } });
  await p.unlinkedAccount.create({ data: { platform: "telegram", platformUserId: "104", memberId: cu.id, reason: "deactivated", at: T0 } });
  await p.chat.createMany({
    data: [
      { platform: "telegram", externalId: "101", kind: "private", title: "An" },
      { platform: "telegram", externalId: "104", kind: "private", title: null, active: false, inactiveReason: "blocked" },
      {
        platform: "telegram",
        externalId: "-1001",
        kind: "group",
        title: "Nhóm Xã A",
        councilId,
        purpose: "unit",
        unitId: unitIds[0]!,
        canPin: true,
      },
      { platform: "zalo", externalId: "g-1", kind: "group", title: "Nhóm Zalo", councilId, purpose: "standing", canPin: false },
    ],
  });
  await t.db.transaction((tx) => markProcessed(tx, "tg:u1", T0));
  await markStarted(t.db.prisma, "tg:u1", T0);
  await markStarted(t.db.prisma, "tg:u2", T0);

  // Tasks: two open for unit A (one with the unit's own, later deadline), one closed, one for unit B only.
  const task = (title: string, dueAt: Date, status: string, units: number[], ownDue?: Date) =>
    p.reportTask.create({
      data: {
        councilId,
        title,
        dueAt,
        status,
        createdAt: T0,
        assignments: { create: units.map((unitId) => ({ unitId, ...(ownDue ? { dueAt: ownDue } : {}) })) },
      },
    });
  const t1 = await task("Báo cáo quý IV", new Date("2026-12-20T10:00:00Z"), "open", [unitIds[0]!, unitIds[1]!]);
  const t2 = await task("Báo cáo năm", new Date("2026-12-10T10:00:00Z"), "open", [unitIds[0]!], new Date("2026-12-25T10:00:00Z"));
  const t3 = await task("Đã đóng", new Date("2026-12-05T10:00:00Z"), "closed", [unitIds[0]!]);
  const t4 = await task("Chỉ phường B", new Date("2026-12-15T10:00:00Z"), "open", [unitIds[1]!]);
  taskIds = [t1.id, t2.id, t3.id, t4.id];
  const submit = (taskId: number, unitId: number, memberId: number, version: number, at: string, late: boolean) =>
    p.submission.create({
      data: {
        councilId,
        taskId,
        unitId,
        memberId,
        version,
        receiptNo: `BC-${taskId}-${unitId}-${version}`,
        body: "Nội dung",
        late,
        submittedAt: new Date(at),
      },
    });
  await submit(t1.id, unitIds[0]!, an.id, 1, "2026-12-02T01:00:00Z", false);
  await submit(t1.id, unitIds[0]!, an.id, 2, "2026-12-03T01:00:00Z", true);
  await submit(t3.id, unitIds[0]!, an.id, 1, "2026-12-04T01:00:00Z", false);
  await submit(t1.id, unitIds[1]!, binh.id, 1, "2026-12-02T05:00:00Z", false);
});

afterAll(async () => {
  await t?.cleanup();
});

describe("the inbound lookup answers what the queries it replaced answer", () => {
  const cases: [string, string, string, string, string][] = [
    ["a linked vice-chair in their private chat, event handled before", "telegram", "101", "101", "tg:u1"],
    ["a linked vice-chair of another unit, chat not seen yet, event begun before", "telegram", "102", "102", "tg:u2"],
    ["a standing member without a unit, in a unit group, new event", "telegram", "-1001", "103", "tg:u3"],
    ["the same person on Zalo, in a Zalo group", "zalo", "g-1", "z-103", "zl:m1"],
    ["a deactivated member still linked, in their inactive private chat", "telegram", "104", "104", "tg:u4"],
    ["an account the office unlinked", "telegram", "105", "105", "tg:u5"],
    ["a stranger in a unit group", "telegram", "-1001", "999", "tg:u6"],
    ["a stranger in an unknown chat", "telegram", "999", "999", "tg:u7"],
  ];
  for (const [name, platform, chatId, userId, eventKey] of cases)
    it(name, async () => {
      const expected = await before(platform, chatId, userId, eventKey);
      const got = await lookupInbound(t.db, { eventKey, platform, chatExternalId: chatId, userId });
      expect(got).toEqual(expected);
    });

  it("finds what the cases above say they are (the comparison is not between two empty answers)", async () => {
    const an = await lookupInbound(t.db, { eventKey: "tg:u1", platform: "telegram", chatExternalId: "101", userId: "101" });
    expect(an).toMatchObject({ processed: true, started: true, person: { fullName: "Nguyễn Văn An", unitCode: "XA_A" } });
    const lan = await lookupInbound(t.db, { eventKey: "zl:m1", platform: "zalo", chatExternalId: "g-1", userId: "z-103" });
    expect(lan).toMatchObject({
      processed: false,
      started: false,
      chat: { purpose: "standing", canPin: false },
      person: { role: "standing", unitId: null },
    });
    const cu = await lookupInbound(t.db, { eventKey: "tg:u4", platform: "telegram", chatExternalId: "104", userId: "104" });
    expect(cu).toMatchObject({ person: null, unlinkedReason: "deactivated", chat: { active: false } });
  });

  it("marks an event started once: a second attempt is told it began before", async () => {
    expect(await markStarted(t.db.prisma, "tg:u8", T0)).toBe("first");
    expect(await markStarted(t.db.prisma, "tg:u8", T0)).toBe("again");
    expect((await lookupInbound(t.db, { eventKey: "tg:u8", platform: "telegram", chatExternalId: "101", userId: "101" })).started).toBe(
      true,
    );
  });
});

describe("/hanbaocao's reads on the raw connection answer what Prisma answers", () => {
  it("open tasks of each unit, with a unit's own deadline, nearest first", async () => {
    for (const unitId of unitIds) expect(await openTasksForUnit(t.db, unitId)).toEqual(await openTasksForUnit(t.db.prisma, unitId));
    const a = await openTasksForUnit(t.db, unitIds[0]!);
    expect(a.map((x) => [x.title, x.dueAt.toISOString()])).toEqual([
      ["Báo cáo quý IV", "2026-12-20T10:00:00.000Z"],
      ["Báo cáo năm", "2026-12-25T10:00:00.000Z"],
    ]);
  });

  it("the latest report of a unit for each task asked about", async () => {
    for (const unitId of unitIds) {
      const raw = await latestSubmissionsForUnit(t.db, unitId, taskIds);
      const prisma = await latestSubmissionsForUnit(t.db.prisma, unitId, taskIds);
      expect([...raw.entries()]).toEqual([...prisma.entries()]);
    }
    const a = await latestSubmissionsForUnit(t.db, unitIds[0]!, [taskIds[0]!, taskIds[1]!]);
    expect([...a.values()].map((s) => [s.receiptNo, s.version, s.late])).toEqual([[`BC-${taskIds[0]}-${unitIds[0]}-2`, 2, true]]);
  });
});

/**
 * A notice published to 30 groups while the Bot API misbehaves: 10% of sends answer 5xx (before
 * delivering), connections are reset at random, three groups have removed the bot (403) and one group
 * has become a supergroup with a new id. Every deliverable message arrives exactly once and in order
 * (no crash here, so strictly once); the 403 groups are reported undelivered with their reason; the
 * migrated group gets everything at its new id, and the database moved the chat.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { E2E } from "../helpers/e2e.js";
import { importUnits } from "../../src/core/directory/import-units.js";
import { noticeStatus } from "../../src/core/notices/status.js";
import { expectedParts, publishSeedNotice } from "../../scripts/bench/setup.js";
import { compactRecord, verifyDeliveries } from "../../scripts/bench/verify.js";

const GROUPS = 30;
const groupId = (i: number) => -1006000000000 - i;
const unitCode = (i: number) => `FAULT_${i}`;
const FORBIDDEN = [4, 17, 25];
const MIGRATED = 9;
const MIGRATED_TO = -1005000000009;

let e: E2E;
beforeEach(async () => {
  e = await E2E.start({
    fake: {
      faults: {
        seed: 20261125,
        serverErrorRate: 0.1,
        serverErrorCodes: [500, 502, 503],
        serverErrorAfterDeliveryRate: 0,
        resetRate: 0.04,
        forbiddenChats: FORBIDDEN.map(groupId),
        migratedChats: { [String(groupId(MIGRATED))]: MIGRATED_TO },
      },
    },
    env: { OUTBOX_MAX_ATTEMPTS: "10" },
  });
  const csv = ["code,name,kind", ...Array.from({ length: GROUPS }, (_, i) => `${unitCode(i)},Xã Lỗi ${i},commune`)].join("\n");
  const units = await importUnits(e.db, e.councilId, csv, "test");
  if (!units.ok) throw new Error(JSON.stringify(units.problems));
  for (let i = 0; i < GROUPS; i++) await e.registerGroup(groupId(i), "unit", unitCode(i), `HĐND Xã Lỗi ${i}`);
});
afterEach(() => e.close());

describe("a broadcast under Bot API faults", () => {
  it("delivers every deliverable message exactly once, in order, and reports the undeliverable with reasons", async () => {
    const { noticeId } = await publishSeedNotice(e.db, e.councilId, e.config.dataDir);
    e.app.services.notifyOutbox();
    await e.drain();

    // The faults did happen (otherwise this test proves nothing).
    const stats = e.fake.stats();
    expect(stats.injected5xx).toBeGreaterThan(3);
    expect(stats.resets).toBeGreaterThan(0);
    expect(stats.forbidden403).toBe(FORBIDDEN.length);
    expect(stats.migrated400).toBe(1);
    expect(stats.injected5xxAfterDelivery).toBe(0);

    const parts = await expectedParts(e.db, noticeId);
    expect(parts).toHaveLength(GROUPS * 3);
    const v = verifyDeliveries(parts, e.fake.allMessages().map(compactRecord));
    expect(v.lost.map((p) => `${p.chatId}#${p.index} ${p.status} ${p.lastError}`)).toEqual([]);
    expect(v.duplicates).toEqual([]);
    expect(v.unexpected).toEqual([]);
    expect(v.inOrder).toBe(true);
    expect(v.undeliverable).toHaveLength(FORBIDDEN.length * 3);
    expect(v.delivered).toBe((GROUPS - FORBIDDEN.length) * 3);
    // Nothing was sent to a 403 group but the one refused call, nothing went to the migrated group's old id.
    for (const i of FORBIDDEN) expect(e.fake.messagesTo(groupId(i))).toHaveLength(0);
    expect(e.fake.messagesTo(groupId(MIGRATED))).toHaveLength(0);
    expect(e.fake.messagesTo(MIGRATED_TO).map((m) => m.method)).toEqual(["sendMessage", "sendMessage", "sendDocument"]);

    // The database: the migrated chat moved, the 403 chats are inactive, no entry is left open.
    const moved = await e.db.prisma.chat.findFirstOrThrow({ where: { previousExternalId: String(groupId(MIGRATED)) } });
    expect(moved).toMatchObject({ externalId: String(MIGRATED_TO), active: true, purpose: "unit" });
    for (const i of FORBIDDEN) {
      const c = await e.db.prisma.chat.findFirstOrThrow({ where: { externalId: String(groupId(i)) } });
      expect(c.active, `group ${i}`).toBe(false);
      expect(c.inactiveReason).toMatch(/^403/);
    }
    expect(await e.db.prisma.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } })).toBe(0);
    // Retries happened, and none gave up.
    expect(await e.db.prisma.outboxMessage.count({ where: { status: "sent", attempts: { gt: 1 } } })).toBeGreaterThan(0);
    expect(parts.filter((p) => p.status === "failed" && !/^chat_gone/.test(p.lastError ?? ""))).toEqual([]);

    // The office's view: the 403 units failed with a reason in words, every other unit delivered.
    const status = (await noticeStatus(e.db.prisma, noticeId))!;
    const ours = status.units.filter((u) => u.unitCode.startsWith("FAULT_"));
    expect(ours).toHaveLength(GROUPS);
    for (const u of ours) {
      const i = Number(u.unitCode.slice("FAULT_".length));
      if (FORBIDDEN.includes(i)) {
        expect(u.state, u.unitCode).toBe("failed");
        expect(u.chats[0]!.reason).toMatch(/^chat_gone: 403 Forbidden: bot was kicked/);
        expect(u.chats[0]!.reasonText).toMatch(/bị xóa khỏi nhóm/);
      } else {
        expect(u.state, u.unitCode).toBe("delivered");
      }
    }
    const migratedUnit = ours.find((u) => u.unitCode === unitCode(MIGRATED))!;
    expect(migratedUnit.chats[0]!.chatId).toBe(String(MIGRATED_TO));
    expect(status.totals.failedChats).toBe(FORBIDDEN.length);
    expect(status.totals.pendingChats).toBe(0);
  }, 60_000);
});

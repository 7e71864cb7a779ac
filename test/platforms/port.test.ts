/**
 * The core and the outbox ask a platform's capabilities, never its name: a platform this build has never
 * heard of, registered with its own capabilities, gets its texts split at its own limit, no pin where it
 * cannot pin (and the office is told so), the acknowledgement hint where it has no button, and its own
 * group-id check.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { registerCapabilities, type PlatformCapabilities } from "../../src/messaging/platform.js";
import { seedDemo } from "../../src/core/directory/demo-seed.js";
import { addGroup, checkGroupFields } from "../../src/core/directory/groups.js";
import { publishNotice } from "../../src/core/notices/publish.js";
import { draftFromText } from "../../src/core/notices/draft.js";
import { splitForPlatform } from "../../src/delivery/outbox.js";

const pigeon: PlatformCapabilities = {
  name: "pigeon",
  displayName: "Bồ câu",
  edit: false,
  pin: "none",
  deleteWindowMs: null,
  pinNeedsAdminRight: false,
  choices: "numbered",
  textLimit: 120,
  captionLimit: 40,
  markup: "plain",
  fileKinds: ["document"],
  ack: ["reply"],
  groupId: { pattern: /^P\d+$/, example: "P and digits" },
  groupTextByReplyOnly: false,
};
registerCapabilities(pigeon);

describe("a platform known only by its capabilities", () => {
  let t: TestDatabase;
  let councilId: number;
  const now = new Date("2026-12-01T02:00:00Z");
  beforeEach(async () => {
    t = await createTestDatabase();
    councilId = (await seedDemo(t.db, "Asia/Ho_Chi_Minh", "test")).councilId;
  });
  afterEach(() => t.cleanup());

  it("splits text and captions at its own limits", () => {
    const parts = splitForPlatform({ kind: "text", text: `${"a".repeat(100)}\n\n${"b".repeat(100)}` }, "pigeon");
    expect(parts.map((p) => (p.kind === "text" ? String(p.text).length : 0))).toEqual([100, 100]);
    const file = splitForPlatform(
      { kind: "file", fileKind: "document", source: { type: "stored", path: "x" }, caption: "c".repeat(50) },
      "pigeon",
    );
    expect(file.map((p) => p.kind)).toEqual(["file", "text"]);
    // The same text fits one Telegram message.
    expect(splitForPlatform({ kind: "text", text: `${"a".repeat(100)}\n\n${"b".repeat(100)}` }, "telegram")).toHaveLength(1);
  });

  it("checks group ids by its own pattern", () => {
    const units = new Map<string, { id: number; kind: string }>();
    const ok = checkGroupFields({ platform: "Pigeon", chatId: "P42", purpose: "announce", unitCode: null, title: null }, units);
    expect(ok.ok).toBe(true);
    const bad = checkGroupFields({ platform: "pigeon", chatId: "-100", purpose: "announce", unitCode: null, title: null }, units);
    expect(bad).toEqual({ ok: false, problems: ['"-100" is not a Bồ câu group id (P and digits)'] });
  });

  it("publishes without a pin it cannot make, with the acknowledgement hint, and marks the pin unsupported", async () => {
    const added = await addGroup(
      t.db,
      councilId,
      { platform: "pigeon", chatId: "P1", purpose: "announce", unitCode: null, title: "Nhóm" },
      "test",
      now,
    );
    expect(added.ok).toBe(true);
    const tg = await addGroup(
      t.db,
      councilId,
      { platform: "telegram", chatId: "-1001", purpose: "announce", unitCode: null, title: "TG" },
      "test",
      now,
    );
    expect(tg.ok).toBe(true);
    const draft = draftFromText("Thông báo họp.", "Asia/Ho_Chi_Minh", null);
    const r = await t.db.transaction((tx) =>
      publishNotice(tx, {
        councilId,
        draft,
        title: "Họp",
        audience: { kind: "all" },
        pin: true,
        authorMemberId: null,
        authorLabel: "test",
        reportChatId: null,
        now,
      }),
    );
    expect(r.ok).toBe(true);
    const rows = await t.db.prisma.outboxMessage.findMany({ include: { chat: true }, orderBy: { id: "asc" } });
    const by = (p: string) => rows.filter((x) => x.chat.platform === p);
    // The notice in parts of at most 120 characters, and nothing to pin.
    expect(new Set(by("pigeon").map((x) => x.kind))).toEqual(new Set(["text"]));
    expect(by("pigeon").length).toBeGreaterThan(1);
    expect(by("telegram").map((x) => x.kind)).toEqual(["text", "pin"]);
    expect(
      by("pigeon")
        .map((x) => JSON.parse(x.payloadJson).text as string)
        .join("\n"),
    ).toContain("(Trên Bồ câu: trả lời “đã nhận” để xác nhận.)");
    expect(JSON.parse(by("telegram")[0]!.payloadJson).text).not.toContain("Trên");
    const pins = await t.db.prisma.noticeDelivery.findMany({ include: { chat: true } });
    expect(Object.fromEntries(pins.map((d) => [d.chat.platform, d.pinStatus]))).toEqual({ pigeon: "unsupported", telegram: "pending" });
  });
});

/**
 * Issue 20, smaller items: the outbox is pruned after OUTBOX_KEEP_DAYS (edit targets kept), notice uploads
 * nothing refers to are swept, and record numbers are validated ("/thongbao_tinhtrang 1e308" used to reach
 * SQLite and answer "internal error").
 */
import { mkdirSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { at, demoCouncil, STANDING_CHAT, type Council } from "../deadlines/helpers.js";
import { runMaintenance } from "../../src/jobs/maintenance.js";
import { parseId } from "../../src/domain/ids.js";
import { E2E, person } from "../helpers/e2e.js";

let c: Council | undefined;
afterEach(async () => {
  await c?.cleanup();
  c = undefined;
});

describe("maintenance", () => {
  it("deletes sent entries older than OUTBOX_KEEP_DAYS, keeps edit targets and unsent ones, and sweeps unreferenced uploads", async () => {
    c = await demoCouncil({ start: at("2022-05-23", "09:00"), env: { OUTBOX_KEEP_DAYS: "30" } });
    const chat = await c.db.prisma.chat.findFirstOrThrow({ where: { externalId: STANDING_CHAT } });
    const old = at("2022-04-01", "09:00");
    const recent = at("2022-05-20", "09:00");
    const row = (key: string, status: string, updatedAt: Date, payload = '{"kind":"text","text":"x"}') =>
      c!.db.prisma.outboxMessage.create({
        data: { idempotencyKey: key, chatId: chat.id, kind: "text", payloadJson: payload, status, updatedAt },
      });
    await row("reminder:old", "sent", old);
    await row("reply:old", "failed", old);
    await row("cancelled:old", "cancelled", old);
    await row("notice:1:c1", "sent", old); // a notice's message: its ack counter is still edited
    await row("issue:1:c1", "sent", old); // an issue's card
    await row("reminder:recent", "sent", recent);
    const sha = (ch: string) => ch.repeat(64);
    await row("digest:file", "pending", old, `{"kind":"file","source":{"type":"stored","path":"files/${sha("d")}.docx"}}`);

    // uploads: one of a published notice, one in a draft, one waiting in the outbox, two abandoned (one fresh)
    const files = path.join(c.config.dataDir, "files");
    mkdirSync(files, { recursive: true });
    const file = (name: string, mtime: Date) => {
      writeFileSync(path.join(files, name), "x");
      utimesSync(path.join(files, name), mtime, mtime);
    };
    for (const ch of ["a", "b", "d", "e"]) file(`${sha(ch)}.pdf`.replace(`${sha("d")}.pdf`, `${sha("d")}.docx`), old);
    file(`${sha("f")}.pdf`, at("2022-05-22", "09:00"));
    file("README.txt", old);
    await c.db.prisma.notice.create({
      data: { councilId: c.councilId, title: "TB", body: "x", audience: "all", filePath: `files/${sha("a")}.pdf`, status: "published" },
    });
    await c.db.prisma.conversation.create({
      data: {
        platform: "telegram",
        platformUserId: "7001",
        chatExternalId: "7001",
        flow: "publish-notice",
        step: "title",
        dataJson: JSON.stringify({ data: { draft: { file: { storedPath: `files/${sha("b")}.pdf` } } } }),
        expiresAt: at("2022-05-24", "09:00"),
      },
    });

    const result = await runMaintenance(c.deps, c.clock.now());
    expect(result).toMatchObject({ prunedOutbox: 3, removedFiles: 1 });
    expect((await c.db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } })).map((r) => r.idempotencyKey)).toEqual([
      "notice:1:c1",
      "issue:1:c1",
      "reminder:recent",
      "digest:file",
    ]);
    const left = (ch: string, ext = "pdf") => existsSync(path.join(files, `${sha(ch)}.${ext}`));
    expect([left("a"), left("b"), left("d", "docx"), left("e"), left("f")]).toEqual([true, true, true, false, true]);
    expect(existsSync(path.join(files, "README.txt"))).toBe(true);
  });
});

describe("record numbers", () => {
  it("accepts plain row numbers only", () => {
    expect(["12", " 7 ", "2147483647"].map(parseId)).toEqual([12, 7, 2147483647]);
    expect(["1e308", "1e3", "0", "-1", "0x10", "12abc", "2147483648", "99999999999999999999", "", "1.5", "١٢"].map(parseId)).toEqual(
      Array(11).fill(null),
    );
  });

  it("/thongbao_tinhtrang 1e308 and forged buttons with huge numbers get 'not found', not 'internal error'", async () => {
    const e = await E2E.start();
    try {
      const ha = person(9951, "Hà", "Lê");
      await e.link(ha, "office", null, "Lê Thị Hà");
      for (const arg of ["1e308", "99999999999999999999", "-1"])
        expect((await e.ask(ha, `/thongbao_tinhtrang ${arg}`, /.+/)).plainText).toBe(`Không tìm thấy thông báo #${arg}.`);
      const msg = await e.ask(ha, "/trogiup", /.+/);
      for (const data of ["nt:st:1e308", "nt:ack:1e308", "is:ack:1e308", "is:to:1:1e308"]) {
        const press = e.fake.injectCallback({ from: ha, chat: ha.id, messageId: msg.messageId, data });
        expect((await press.waitForAnswer()).text).toMatch(/Không tìm thấy/);
      }
      await e.drain();
      expect(e.fake.allMessages().some((m) => /sự cố/.test(m.plainText ?? ""))).toBe(false);
    } finally {
      await e.close();
    }
  });
});

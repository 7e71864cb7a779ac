/**
 * A national council: 34 provinces, 3,321 commune-level units, 20 open tasks. Every path that takes a list of
 * unit, task or chat ids runs at this size: reminder preview (CLI) and tick, the digest, publishing a notice
 * to every unit's group, the notice's status, the exports. Before issue 15 the preview failed with "The query
 * parameter limit supported by your database is exceeded".
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { publishNotice } from "../../src/core/notices/publish.js";
import { noticeStatus } from "../../src/core/notices/status.js";
import { draftFromText } from "../../src/core/notices/draft.js";
import { statusGrid } from "../../src/core/tasks/status-grid.js";
import { statusGridXlsx } from "../../src/core/export/xlsx.js";
import { submissionsCsv } from "../../src/core/export/submissions.js";
import { atLocal } from "../../src/domain/time/vietnam-time.js";
import { runReminderTick } from "../../src/jobs/reminders.js";
import { runDigest } from "../../src/jobs/digests.js";
import { onDemandDigest } from "../../src/core/tasks/digest.js";
import { htmlToPlainText } from "../../src/text/html.js";
import ExcelJS from "exceljs";
import { readFileSync, statSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { hashInviteCode } from "../../src/core/invites.js";
import { serverSecret } from "../../src/files/server-secret.js";
import type { previewAt } from "../../src/jobs/preview.js";
import { COMMUNES, nationalCouncil, PROVINCES, submitInBulk, TZ, type NationalCouncil } from "../helpers/national.js";

let c: NationalCouncil;
/** Units that reported on task 1 before its first reminder: every third. */
const reported = (n: number) => n % 3 === 0;
const REPORTED = Math.floor(COMMUNES / 3); // 1,107
/** Linked vice-chairs (even units) of the units still owing task 1. */
const LINKED_OWING = Array.from({ length: COMMUNES }, (_, i) => i + 1).filter((n) => n % 2 === 0 && !reported(n)).length;
const at = (date: string, time: string) => atLocal(date, time, TZ);

beforeAll(async () => {
  c = await nationalCouncil({ tasks: 20, firstDue: "2026-03-10" });
  expect(await submitInBulk(c, c.taskIds[0]!, reported, at("2026-03-02", "10:00"))).toBe(REPORTED);
}, 180_000);
afterAll(async () => c?.cleanup());

// Generous limits: the shared machine runs at a load of 15-25; on an idle one the whole file takes ~20 s.
describe("a council of 3,321 units and 20 open tasks", { timeout: 120_000 }, () => {
  it("previews the reminders of a point for every unit that owes the report (council reminders preview)", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      ["node", "council", "reminders", "preview", "--at", "2026-03-03T09:00", "--json"],
      { DATABASE_URL: c.t.url, DATA_DIR: c.t.dir, LOG_LEVEL: "silent", QUIET_WEEKENDS: "none", QUIET_HOLIDAYS: "false" },
      (l) => out.push(l),
      (l) => err.push(l),
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const preview = JSON.parse(out.join("\n")) as Awaited<ReturnType<typeof previewAt>>;
    // Task 1 (due 10/3) is 7 days away: its "before-7" point; the other 19 tasks are further off.
    expect(preview.reminders).toHaveLength(COMMUNES - REPORTED);
    expect(new Set(preview.reminders.map((r) => r.point))).toEqual(new Set(["before-7"]));
    expect(new Set(preview.reminders.map((r) => r.taskId))).toEqual(new Set([c.taskIds[0]]));
    const recipients = preview.reminders.flatMap((r) => r.recipients);
    expect(recipients.filter((r) => r.kind === "group")).toHaveLength(COMMUNES - REPORTED);
    expect(recipients.filter((r) => r.kind === "private")).toHaveLength(LINKED_OWING);
    expect(await c.t.db.prisma.dispatchLog.count()).toBe(0);
  });

  it("queues each reminder once in the tick, and a second tick adds nothing", async () => {
    const now = at("2026-03-03", "09:00");
    const first = await runReminderTick(c.deps, now);
    expect(first).toMatchObject({ reminders: COMMUNES - REPORTED, escalations: 0, duplicates: 0, noRecipients: 0 });
    expect(await c.t.db.prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: "reminder:" } } })).toBe(
      COMMUNES - REPORTED + LINKED_OWING,
    );
    // The private chats of the linked vice-chairs were created on the way, one per person.
    expect(await c.t.db.prisma.chat.count({ where: { kind: "private" } })).toBe(LINKED_OWING);
    const again = await runReminderTick(c.deps, now);
    expect(again).toMatchObject({ reminders: 0, duplicates: 0 });
    expect(await c.t.db.prisma.dispatchLog.count({ where: { kind: "reminder", outcome: "sent" } })).toBe(COMMUNES - REPORTED);
  });

  it("publishes a notice to every unit's group and reports its status per unit", async () => {
    const draft = draftFromText("Thông báo về việc tổng hợp ý kiến cử tri.\nĐề nghị các đơn vị báo cáo.", TZ, null);
    const now = at("2026-03-03", "10:00");
    const r = await c.t.db.transaction((tx) =>
      publishNotice(tx, {
        councilId: c.councilId,
        draft,
        title: "Tổng hợp ý kiến cử tri",
        audience: { kind: "all" },
        pin: true,
        authorMemberId: null,
        authorLabel: "test",
        reportChatId: null,
        now,
      }),
    );
    expect(r).toMatchObject({ ok: true, targets: COMMUNES, inactive: 0 });
    const noticeId = (r as { noticeId: number }).noticeId;
    expect(await c.t.db.prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: `notice:${noticeId}:` } } })).toBe(
      COMMUNES * 2,
    );
    // The notice's text is stored once and referenced by the 3,321 text rows (the pins differ per group).
    const texts = await c.t.db.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: `notice:${noticeId}:` }, kind: "text" },
      select: { payloadJson: true, payloadId: true },
    });
    expect(texts).toHaveLength(COMMUNES);
    expect(new Set(texts.map((t) => t.payloadId)).size).toBe(1);
    expect(texts.every((t) => t.payloadJson === "")).toBe(true);
    const shared = await c.t.db.prisma.outboxPayload.findUnique({ where: { id: texts[0]!.payloadId! } });
    expect(JSON.parse(shared!.json)).toMatchObject({ kind: "text", choices: [[{ data: `nt:ack:${noticeId}` }]] });
    const status = await noticeStatus(c.t.db.prisma, noticeId);
    // "All units" reaches the commune-level units' groups; the provinces have none registered.
    expect(status!.units).toHaveLength(COMMUNES + PROVINCES);
    expect(status!.units.filter((u) => u.state === "pending")).toHaveLength(COMMUNES);
    expect(status!.units.filter((u) => u.state === "no_group")).toHaveLength(PROVINCES);
  });

  it("exports the status grid as .xlsx and the reports as CSV", async () => {
    const now = at("2026-03-03", "11:00");
    const grid = await statusGrid(c.t.db.prisma, { councilId: c.councilId, unitId: null }, now);
    expect(grid.tasks).toHaveLength(20);
    expect(grid.units).toHaveLength(COMMUNES + PROVINCES);
    expect(grid.totals).toEqual({ on_time: REPORTED, late: 0, missing: 0, not_due: 20 * COMMUNES - REPORTED });
    const xlsx = await statusGridXlsx(grid, TZ, now);
    expect(xlsx.subarray(0, 2).toString()).toBe("PK");
    const csv = await submissionsCsv(c.t.db.prisma, c.councilId, {}, TZ);
    expect(csv.rows).toBe(REPORTED);
  });

  it("summarises the digest above DIGEST_MAX_UNITS and sends the full table as .xlsx", async () => {
    // 12/3: tasks 1 (due 10/3) and 2 (due 11/3) are overdue; every third unit reported task 1 on time.
    const now = at("2026-03-12", "10:00");
    const { content, messages } = await onDemandDigest(c.t.db.prisma, c.councilId, now, TZ, 100);
    const text = messages.map((m) => htmlToPlainText(m)).join("\n\n");
    expect(messages.length).toBeLessThanOrEqual(4);
    expect(content.summary!.units).toBe(COMMUNES);
    expect(content.summary!.byKind.map((k) => [k.kind, k.units, k.missingOverdue])).toEqual([
      ["commune", 2621, countOverdue(1, 2621)],
      ["ward", 687, countOverdue(2622, 3308)],
      ["special_zone", 13, countOverdue(3309, 3321)],
    ]);
    expect(content.summary!.byParent).toHaveLength(PROVINCES);
    expect(content.summary!.worst).toHaveLength(20);
    expect(content.summary!.worst.every((w) => w.missingOverdue === 2 && w.late === 0)).toBe(true);
    expect(content.summary!.worst[0]).toEqual({ unitName: "Đặc khu số 3310", parentName: "Tỉnh số 12", missingOverdue: 2, late: 0 });
    expect(text).toContain("Hội đồng có 3.321 đơn vị (trên 100)");
    expect(text).toContain("• Quá hạn, chưa nộp: 2.214/3.321.");
    expect(text).toContain("• Xã: 2.621 đơn vị; báo cáo đúng hạn 873, nộp muộn 0, quá hạn chưa nộp");
    expect(text).toContain("• Đặc khu số 3310 (Tỉnh số 12): 2 báo cáo quá hạn chưa nộp.");
    expect(text).not.toContain("Xã số 1,");

    // The scheduled digests (the daily one of 17:00 and Monday's weekly one, 3 days late) go to the standing
    // group with the table attached.
    const result = await runDigest(c.deps, at("2026-03-12", "17:00"));
    expect(result.sent).toBe(2);
    const rows = await c.t.db.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: "digest:" } },
      orderBy: { id: "asc" },
    });
    const files = rows.filter((r) => r.idempotencyKey.endsWith(":xlsx"));
    expect(files).toHaveLength(2);
    const daily = rows.filter((r) => r.idempotencyKey.includes(":daily:"));
    expect(daily.map((r) => r.kind)).toEqual(["text", "text", "text", "text", "file"]);
    const file = files[0]!;
    const payload = JSON.parse(file.payloadJson) as { fileName: string; source: { path: string } };
    expect(payload.fileName).toBe("bang-tong-hop-2026-03-12.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(c.t.dir, payload.source.path));
    expect(wb.worksheets[0]!.rowCount).toBe(1 + COMMUNES + PROVINCES);
  });

  it("onboards every unlinked vice-chair with one command (council invite create --all-unlinked)", async () => {
    const file = path.join(c.t.dir, "invites.csv");
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      ["node", "council", "invite", "create", "--all-unlinked", "--role", "vice_chair", "--out", file],
      { DATABASE_URL: c.t.url, DATA_DIR: c.t.dir, LOG_LEVEL: "silent" },
      (l) => out.push(l),
      (l) => err.push(l),
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const unlinked = Math.ceil(COMMUNES / 2); // the odd-numbered units' vice-chairs
    expect(out[0]).toBe(`Wrote ${unlinked} invite code(s) to ${file}.`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const rows = parse(readFileSync(file, "utf8"), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(unlinked);
    expect(rows[0]).toMatchObject({
      "Họ tên": "Phó Chủ tịch 1",
      "Vai trò": "Phó Chủ tịch HĐND (chuyên trách)",
      "Mã đơn vị": "DV0001",
      "Đơn vị": "Xã số 1",
    });
    expect(rows[0]!["Dòng gửi cho bot"]).toBe(`/start ${rows[0]!["Mã mời"]}`);
    // Only the hashes are stored, one per code, each for its member.
    const stored = await c.t.db.prisma.inviteCode.findUnique({
      where: { codeHash: hashInviteCode(rows[0]!["Mã mời"]!, serverSecret(c.config)) },
    });
    expect(stored).toMatchObject({ role: "vice_chair", fullName: "Phó Chủ tịch 1" });
    expect(await c.t.db.prisma.inviteCode.count()).toBe(unlinked);
  });
});

/** Overdue missing reports of units first..last on 12/3: task 2 for all, task 1 for those that did not report. */
function countOverdue(first: number, last: number): number {
  let n = 0;
  for (let u = first; u <= last; u++) n += reported(u) ? 1 : 2;
  return n;
}

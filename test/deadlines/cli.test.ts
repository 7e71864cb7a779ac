/**
 * `council task create/list/close/delete`, `reminders preview`, `digest`, `export submissions`. The main
 * paths run the real binary as an operator would; the many bad-input cases run the same CLI in-process
 * (`runCli`), which is what the binary calls, so the folder stays fast.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram, runCli, REGISTRARS } from "../../src/cli/main.js";
import { registerTaskCommands } from "../../src/cli/commands/tasks.js";
import { registerReminderCommands } from "../../src/cli/commands/reminders.js";
import { registerExportCommands } from "../../src/cli/commands/export.js";
import { addLocalDays, atLocal, localDateOf } from "../../src/domain/time/vietnam-time.js";
import { formatLocalDateShort } from "../../src/domain/time/vietnamese-format.js";
import { openTestDatabase, testDatabaseUrl } from "../helpers/db.js";

const run = promisify(execFile);
// bin/council.mjs plus this registrars until they are wired into src/cli/main.ts.
const BIN = path.resolve(import.meta.dirname, "../../bin/council.mjs");
const TZ = "Asia/Ho_Chi_Minh";
let dir: string;

async function council(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH!, DATABASE_URL: testDatabaseUrl(path.join(dir, "council.db")), QUIET_WEEKENDS: "none", ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** The same CLI in this process: stdout and stderr lines, and the exit code. */
async function cli(args: string[], env: Record<string, string> = {}) {
  for (const r of [registerTaskCommands, registerReminderCommands, registerExportCommands]) if (!REGISTRARS.includes(r)) REGISTRARS.push(r);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ["node", "council", ...args],
    { DATABASE_URL: testDatabaseUrl(path.join(dir, "council.db")), LOG_LEVEL: "silent", QUIET_WEEKENDS: "none", ...env },
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, stdout: out.length ? `${out.join("\n")}\n` : "", stderr: err.length ? `${err.join("\n")}\n` : "" };
}

// The CLI runs on the real clock: dates are relative to today.
const today = localDateOf(new Date(), TZ);
const due = addLocalDays(today, 10);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "council-tasks-cli-"));
  expect((await cli(["seed", "demo"])).code).toBe(0);
  expect((await cli(["group", "add", "--platform", "telegram", "--chat-id", "-1001", "--purpose", "standing"])).code).toBe(0);
  expect((await cli(["group", "add", "--platform", "telegram", "--chat-id", "-1002", "--purpose", "unit", "--unit", "PHO_AN"])).code).toBe(
    0,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("council task", () => {
  it("creates a task for all units and prints its reminder plan", async () => {
    const r = await council(["task", "create", "--title", "Báo cáo kết quả giám sát", "--due", due, "--units", "all", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      id: 1,
      title: "Báo cáo kết quả giám sát",
      dueAt: atLocal(due, "17:00", TZ).toISOString(),
      dueLocal: `${due} 17:00`,
    });
    expect(out.units).toHaveLength(15);
    expect(out.reminders.map((p: { point: string }) => p.point)).toEqual([
      "before-7",
      "before-3",
      "before-1",
      "due-day",
      "overdue-1",
      "overdue-2",
      "overdue-3",
      "overdue-4",
      "overdue-5",
    ]);
    const text = await cli([
      "task",
      "create",
      "--title",
      "Báo cáo tiếp xúc cử tri",
      "--due",
      formatLocalDateShort(due),
      "--time",
      "10:00",
      "--units",
      "pho_an,PHO_CHAU",
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      new RegExp(
        `^Created task #2 "Báo cáo tiếp xúc cử tri", due ${due} 10:00 \\(Asia/Ho_Chi_Minh\\), for 2 unit\\(s\\): PHO_AN, PHO_CHAU\\.`,
      ),
    );
    expect(text.stdout).toMatch(/Reminders: .*\(before-7\)/);
  });

  it.each([
    [
      ["--due", "30/02/2030"],
      /^Error: Task not created: the date "30\/02\/2030" does not exist \(use YYYY-MM-DD or DD\/MM\/YYYY, e\.g\. 2022-05-31\)\.$/,
    ],
    [["--due", "2030-02-30"], /the date "2030-02-30" does not exist/],
    [
      ["--due", "2022-05-31"],
      /^Error: Task not created: the due date 2022-05-31 17:00 is in the past \(add --allow-past to record an old task\)\.$/,
    ],
    [["--units", "PHO_AN,PHO_XYZ"], /^Error: Task not created: unknown unit code PHO_XYZ \(see `council units list`\)\.$/],
    [["--units", ","], /^Error: Task not created: the task has no units \(use --units all or --units CODE,CODE\)\.$/],
    [["--time", "25:00"], /the time "25:00" does not exist/],
    [["--title", " "], /--title is empty/],
    [["--notice", "42"], /no notice with id 42/],
    [["--schedule", '{"daysBefore":[0]}'], /--schedule: daysBefore.*at least 1 day/],
  ])("refuses %j with one line and exit code 1", async (bad, message) => {
    const args: Record<string, string> = { "--title": "Báo cáo", "--due": due, "--units": "all" };
    for (let i = 0; i < bad.length; i += 2) args[bad[i]!] = bad[i + 1]!;
    // The first case through the real binary, the rest in-process.
    const r = await (bad[1] === "30/02/2030" ? council : cli)(["task", "create", ...Object.entries(args).flat()]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });

  it("lists tasks with per-unit status, closes and deletes", async () => {
    const list = JSON.parse((await cli(["task", "list", "--json"])).stdout);
    expect(list.map((t: { id: number; counts: { not_due: number } }) => [t.id, t.counts.not_due])).toEqual([
      [2, 2],
      [1, 15],
    ]);
    expect(list[0].units.map((u: { code: string; status: string }) => `${u.code}:${u.status}`)).toEqual([
      "PHO_AN:not_due",
      "PHO_CHAU:not_due",
    ]);
    const closed = await cli(["task", "close", "2"]);
    expect(closed.stdout.trim()).toBe('Closed task #2 "Báo cáo tiếp xúc cử tri"; its reminders stopped.');
    const again = await cli(["task", "close", "2"]);
    expect([again.code, again.stderr.trim()]).toEqual([1, "Error: Task #2 is already closed."]);
    expect((await cli(["task", "delete", "99"])).stderr.trim()).toBe("Error: No task #99 (see `council task list`).");
    const table = await cli(["task", "list"]);
    expect(table.stdout).toMatch(/ID\s+TITLE\s+DUE\s+STATUS/);
    expect(table.stdout).toMatch(/2 task\(s\)/);
  });
});

describe("council reminders preview and digest", () => {
  it("previews the reminders at a moment as JSON without recording anything", async () => {
    const moment = `${addLocalDays(due, -3)}T08:00`;
    const r = await council(["reminders", "preview", "--at", moment, "--json"]);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.at).toBe(atLocal(addLocalDays(due, -3), "08:00", TZ).toISOString());
    expect(p.quiet).toBe(false);
    expect(p.reminders).toHaveLength(15);
    expect(new Set(p.reminders.map((x: { point: string }) => x.point))).toEqual(new Set(["before-3"]));
    expect(p.reminders.find((x: { unit: string }) => x.unit === "PHO_AN").recipients).toEqual([
      { kind: "group", platform: "telegram", chatId: "-1002", name: null },
    ]);
    expect(p.reminders[0].text).toMatch(/NHẮC HẠN NỘP BÁO CÁO/);
    expect(p.digests.map((d: { kind: string }) => d.kind)).toContain("daily");
    const quiet = JSON.parse((await cli(["reminders", "preview", "--at", `${addLocalDays(due, -3)} 22:00`, "--json"])).stdout);
    expect(quiet).toMatchObject({ quiet: true, reminders: [], digests: [] });
    const db = await openTestDatabase(path.join(dir, "council.db"));
    try {
      expect(await db.prisma.dispatchLog.count({ where: { kind: { not: "task_announce" } } })).toBe(0);
      // Only the announcements of the tasks created above (issue 12): the preview queued nothing.
      const keys = (await db.prisma.outboxMessage.findMany()).map((m) => m.idempotencyKey);
      expect(keys.filter((k) => !/^task:\d+:announce:c\d+$/.test(k))).toEqual([]);
    } finally {
      await db.close();
    }
    const bad = await cli(["reminders", "preview", "--at", "tomorrow"]);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      1,
      'Error: --at "tomorrow" is not a date-time; use e.g. 2022-05-28T08:00 or "28/5/2022 08:00" (read in Asia/Ho_Chi_Minh).',
    ]);
  });

  it("refuses an invalid cron expression in config with one line naming the variable", async () => {
    const r = await council(["reminders", "preview"], { DIGEST_DAILY_CRON: "0 25 * * *" });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^Error: Invalid configuration: DIGEST_DAILY_CRON must be a cron expression node-cron accepts/);
  });

  it("prints the digest as plain text, and queues it for the standing groups", async () => {
    const printed = await cli(["digest"]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^TỔNG HỢP TÌNH HÌNH BÁO CÁO\n/);
    expect(printed.stdout).toMatch(/Chưa nộp \(chưa đến hạn\): 15\/15/);
    expect(printed.stdout).not.toMatch(/<\/?b>/);
    const sent = await cli(["digest", "--send"]);
    expect(sent.stdout).toMatch(/^Queued the digest \(1 message\(s\)\) for 1 standing committee group\(s\)/);
    const db = await openTestDatabase(path.join(dir, "council.db"));
    try {
      const rows = (await db.prisma.outboxMessage.findMany()).filter((r) => !r.idempotencyKey.includes(":announce:"));
      expect(rows.map((r) => r.idempotencyKey)).toEqual([expect.stringMatching(/^digest:1:on_demand:\d{4}-\d\d-\d\dT\d\d:\d\d:c1$/)]);
    } finally {
      await db.close();
    }
  });
});

describe("council export submissions", () => {
  it("writes UTF-8 CSV with a BOM, one row per submission, the latest version flagged", async () => {
    const db = await openTestDatabase(path.join(dir, "council.db"));
    try {
      const unit = async (code: string) => (await db.prisma.unit.findFirstOrThrow({ where: { code } })).id;
      const member = await db.prisma.member.findFirstOrThrow({ where: { code: "DEMO_PHOAN" } });
      const at = (day: string, time: string) => atLocal(day, time, TZ);
      const base = { councilId: 1, taskId: 1, memberId: member.id };
      await db.prisma.submission.create({
        data: {
          ...base,
          unitId: await unit("PHO_AN"),
          version: 1,
          receiptNo: "BC-2026-0001",
          body: "Nội dung, có dấu phẩy\nvà xuống dòng",
          submittedAt: at(today, "09:00"),
          attachments: {
            create: [
              { platform: "telegram", fileId: "f1", kind: "document", fileName: "bao-cao.pdf" },
              { platform: "telegram", fileId: "f2", kind: "photo" },
            ],
          },
        },
      });
      await db.prisma.submission.create({
        data: {
          ...base,
          unitId: await unit("PHO_AN"),
          version: 2,
          receiptNo: "BC-2026-0002",
          body: "=1+1 bản sửa",
          late: true,
          submittedAt: at(today, "10:00"),
        },
      });
      await db.prisma.submission.create({
        data: {
          ...base,
          taskId: null,
          unitId: await unit("PHO_CHAU"),
          version: 1,
          receiptNo: "BC-2026-0003",
          body: "Báo cáo khác",
          submittedAt: at(addLocalDays(today, -5), "10:00"),
        },
      });
    } finally {
      await db.close();
    }
    const r = await council(["export", "submissions", "--format", "csv"]);
    expect(r.code).toBe(0);
    expect(
      r.stdout.startsWith(
        '\uFEFF"Số tiếp nhận","Mã đơn vị","Tên đơn vị","Nhiệm vụ","Lần gửi","Thời điểm gửi","Đúng hạn/Trễ hạn","Người gửi","Nội dung","Tệp đính kèm","Bản mới nhất","Phần"\r\n',
      ),
    ).toBe(true);
    const lines = r.stdout.slice(1).replace(/\n$/, "").split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      `"BC-2026-0003","PHO_CHAU","Xã Phổ Châu","Báo cáo khác (ngoài nhiệm vụ)","1","${addLocalDays(today, -5)} 10:00","Không có hạn","Nguyễn Văn An","Báo cáo khác","","Mới nhất","Báo cáo"`,
    );
    expect(lines[2]).toBe(
      `"BC-2026-0001","PHO_AN","Xã Phổ An","Báo cáo kết quả giám sát","1","${today} 09:00","Đúng hạn","Nguyễn Văn An","Nội dung, có dấu phẩy\nvà xuống dòng","bao-cao.pdf; ảnh 2","","Báo cáo"`,
    );
    expect(lines[3]).toBe(
      `"BC-2026-0002","PHO_AN","Xã Phổ An","Báo cáo kết quả giám sát","2","${today} 10:00","Trễ hạn","Nguyễn Văn An","'=1+1 bản sửa","","Mới nhất","Báo cáo"`,
    );
    const one = await cli(["export", "submissions", "--format", "csv", "--task", "1", "--from", today, "--to", today]);
    expect(one.stdout.slice(1).replace(/\n$/, "").split("\r\n")).toHaveLength(3);
    const bad = await cli(["export", "submissions", "--format", "xlsx"]);
    expect([bad.code, bad.stderr.trim()]).toEqual([1, 'Error: --format "xlsx" is not supported; use --format csv.']);
    expect((await cli(["export", "submissions", "--format", "csv", "--from", "30/02/2026"])).stderr.trim()).toBe(
      'Error: --from "30/02/2026" is not a date; use YYYY-MM-DD or DD/MM/YYYY.',
    );
  });

  it("prints help for every new command", async () => {
    const r = await council(["task", "create", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: council task create \[options\][\s\S]*--units <all\|CODE,...>/);
    await cli(["--help"]); // registers this commands in this process
    const program = buildProgram(() => {
      throw new Error("help needs no context");
    });
    const find = (path: string[]) => path.reduce((cmd, name) => cmd.commands.find((x) => x.name() === name)!, program);
    for (const path of [
      ["task", "list"],
      ["task", "close"],
      ["task", "delete"],
      ["reminders", "preview"],
      ["digest"],
      ["export", "submissions"],
    ]) {
      expect(find(path).helpInformation(), path.join(" ")).toMatch(new RegExp(`^Usage: council ${path.join(" ")}`));
    }
  });
});

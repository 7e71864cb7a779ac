/** A demo council on a real SQLite file, with groups, linked vice-chairs, tasks and submissions, for the job tests. */
import { Writable } from "node:stream";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { loadConfig, type Config } from "../../src/config.js";
import { createLogger } from "../../src/logging/logger.js";
import { FixedClock } from "../../src/domain/time/clock.js";
import { atLocal } from "../../src/domain/time/vietnam-time.js";
import { seedDemo, DEMO_UNITS } from "../../src/core/directory/demo-seed.js";
import { addGroup } from "../../src/core/directory/groups.js";
import { createReportTask, type NewTaskInput } from "../../src/core/tasks/create-task.js";
import { quietPolicyOf } from "../../src/core/tasks/settings.js";
import type { JobDeps } from "../../src/jobs/deps.js";
import type { Database } from "../../src/db/client.js";

export const TZ = "Asia/Ho_Chi_Minh";
/** A Vietnam-local date and time as an instant. */
export const at = (date: string, time = "00:00"): Date => atLocal(date, time, TZ);

export const COMMUNE_CODES = DEMO_UNITS.filter((u) => u.kind !== "committee")
  .map((u) => u.code)
  .sort();
export const STANDING_CHAT = "-1009000000001";
export const unitChat = (code: string): string => `-100900000${String(COMMUNE_CODES.indexOf(code) + 100).padStart(4, "0")}`;

export interface Council {
  t: TestDatabase;
  db: Database;
  councilId: number;
  config: Config;
  clock: FixedClock;
  logs: string[];
  deps: JobDeps;
  notified: { count: number };
  units: Map<string, number>;
  cleanup(): Promise<void>;
}

export function captureLogger(lines: string[]) {
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split("\n")) if (l.trim()) lines.push(l);
      cb();
    },
  });
  return createLogger({ level: "debug", destination: stream });
}

/** The demo council (15 units), every unit group and the standing group registered, vice-chairs of PHO_AN and PHO_PHONG linked. */
export async function demoCouncil(options: { start?: Date; env?: Record<string, string>; groups?: boolean } = {}): Promise<Council> {
  const t = await createTestDatabase();
  // These tests pin the schedule of issue 6, where every day may carry reminders; Sundays and holidays
  // being quiet (the default since issue 17) is tested in test/calendar and test/periodic.
  const config = loadConfig({ DATABASE_URL: t.url, DATA_DIR: t.dir, LOG_LEVEL: "silent", QUIET_WEEKENDS: "none", ...options.env }, t.dir);
  const clock = new FixedClock(options.start ?? at("2022-05-23", "09:00"));
  const logs: string[] = [];
  const notified = { count: 0 };
  const { councilId } = await seedDemo(t.db, TZ, "test");
  // The council was set up "now" as far as the tests' clock is concerned.
  await t.db.prisma.council.update({ where: { id: councilId }, data: { createdAt: clock.now() } });
  const units = new Map((await t.db.prisma.unit.findMany({ where: { councilId } })).map((u) => [u.code, u.id]));
  if (options.groups !== false) {
    const add = async (chatId: string, purpose: string, unitCode: string | null) => {
      const r = await addGroup(
        t.db,
        councilId,
        { platform: "telegram", chatId, purpose, unitCode, title: `Nhóm ${unitCode ?? purpose}` },
        "test",
        clock.now(),
      );
      if (!r.ok) throw new Error(r.problems.join("; "));
    };
    await add(STANDING_CHAT, "standing", null);
    for (const code of COMMUNE_CODES) await add(unitChat(code), "unit", code);
  }
  // Vice-chairs: Nguyễn Văn An (PHO_AN) on Telegram and Zalo, Huỳnh Thị Mai (PHO_PHONG) on Telegram.
  const member = async (code: string) => (await t.db.prisma.member.findFirst({ where: { councilId, code } }))!;
  const an = await member("DEMO_PHOAN");
  const mai = await member("DEMO_PHOPHONG");
  await t.db.prisma.chatIdentity.create({ data: { memberId: an.id, platform: "telegram", platformUserId: "7001", displayName: "An" } });
  await t.db.prisma.chatIdentity.create({ data: { memberId: an.id, platform: "zalo", platformUserId: "zalo-an", displayName: "An" } });
  await t.db.prisma.chatIdentity.create({ data: { memberId: mai.id, platform: "telegram", platformUserId: "7002", displayName: "Mai" } });
  const deps: JobDeps = { db: t.db, config, logger: captureLogger(logs), clock, notifyOutbox: () => void notified.count++ };
  return { t, db: t.db, councilId, config, clock, logs, deps, notified, units, cleanup: () => t.cleanup() };
}

export async function newTask(c: Council, over: Partial<NewTaskInput> & { createdAt?: Date } = {}) {
  const { createdAt, ...input } = over;
  const r = await createReportTask(
    c.db,
    {
      councilId: c.councilId,
      title: "Báo cáo vấn đề nổi cộm, bức xúc tại địa phương",
      dueDate: "31/5/2022",
      dueTime: "17:00",
      units: "all",
      ...input,
    },
    { memberId: null, label: "test" },
    { now: createdAt ?? c.clock.now(), timezone: TZ, quiet: quietPolicyOf(c.config) },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.task;
}

let receipt = 0;
/** A unit submits a report for a task at a moment (as /baocao would store it). */
export async function submit(c: Council, taskId: number | null, unitCode: string, when: Date, late?: boolean) {
  const unitId = c.units.get(unitCode)!;
  const member = (await c.db.prisma.member.findFirst({ where: { councilId: c.councilId } }))!;
  const task = taskId ? await c.db.prisma.reportTask.findUnique({ where: { id: taskId } }) : null;
  const version = (await c.db.prisma.submission.count({ where: { taskId, unitId } })) + 1;
  return c.db.prisma.submission.create({
    data: {
      councilId: c.councilId,
      taskId,
      unitId,
      memberId: member.id,
      version,
      receiptNo: `BC-2022-T${String(++receipt).padStart(4, "0")}`,
      body: `Báo cáo của ${unitCode}`,
      late: late ?? (task ? when > task.dueAt : false),
      submittedAt: when,
    },
  });
}

/** Outbox entries (excluding anything not from the jobs), as "key -> chat external id". */
export async function outbox(c: Council, prefix = "") {
  const rows = await c.db.prisma.outboxMessage.findMany({
    where: { idempotencyKey: { startsWith: prefix } },
    include: { chat: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({
    key: r.idempotencyKey,
    chat: r.chat.externalId,
    platform: r.chat.platform,
    status: r.status,
    text: (JSON.parse(r.payloadJson) as { text?: string }).text ?? "",
    payload: JSON.parse(r.payloadJson) as Record<string, unknown>,
  }));
}

export const dbFile = (c: Council) => path.join(c.t.dir, "council.db");

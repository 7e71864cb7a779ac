/**
 * A national council on a real SQLite file: 34 provinces and the 3,321 commune-level units of 1 July 2025
 * (2,621 communes, 687 wards, 13 special zones) under them, a Telegram group and a vice-chair per unit (every
 * second one linked), the standing committee's group, and open tasks for every unit. Rows are written in
 * bulk (createMany) so the set-up takes seconds; the tasks go through the real use case.
 */
import path from "node:path";
import { loadConfig, type Config } from "../../src/config.js";
import { createTask } from "../../src/db/tasks.js";
import { FixedClock } from "../../src/domain/time/clock.js";
import { addLocalDays, atLocal, type LocalDate } from "../../src/domain/time/vietnam-time.js";
import type { JobDeps } from "../../src/jobs/deps.js";
import { createTestDatabase, type TestDatabase } from "./db.js";
import { captureLogger } from "../deadlines/helpers.js";

export const TZ = "Asia/Ho_Chi_Minh";
export const PROVINCES = 34;
export const KINDS = { commune: 2621, ward: 687, special_zone: 13 } as const;
export const COMMUNES = KINDS.commune + KINDS.ward + KINDS.special_zone; // 3,321
export const STANDING_CHAT = "-1009999000001";
/** The Telegram id of unit n's group (n from 1). */
export const groupChatOf = (n: number): string => `-1008${String(n).padStart(9, "0")}`;
/** The Telegram user id of unit n's vice-chair (linked when n is even). */
export const viceChairUserOf = (n: number): string => String(500_000 + n);
export const unitCodeOf = (n: number): string => `DV${String(n).padStart(4, "0")}`;

export interface NationalCouncil {
  t: TestDatabase;
  councilId: number;
  config: Config;
  clock: FixedClock;
  logs: string[];
  deps: JobDeps;
  /** unit ids of the 3,321 commune-level units, by number (index 0 = unit 1) */
  unitIds: number[];
  taskIds: number[];
  cleanup(): Promise<void>;
}

export interface NationalOptions {
  tasks?: number;
  /** first task's deadline (local date); task i is due i days later */
  firstDue?: LocalDate;
  start?: Date;
  env?: Record<string, string>;
}

export async function nationalCouncil(options: NationalOptions = {}): Promise<NationalCouncil> {
  const t = await createTestDatabase();
  const config = loadConfig(
    {
      DATABASE_URL: t.url,
      DATA_DIR: t.dir,
      LOG_LEVEL: "silent",
      QUIET_WEEKENDS: "none",
      QUIET_HOLIDAYS: "false",
      ...options.env,
    },
    t.dir,
  );
  const clock = new FixedClock(options.start ?? atLocal("2026-03-02", "09:00", TZ));
  const p = t.db.prisma;
  const council = await p.council.create({ data: { code: "QUOCGIA", name: "HĐND (quy mô toàn quốc)", createdAt: clock.now() } });
  const councilId = council.id;

  await p.unit.createMany({
    data: Array.from({ length: PROVINCES }, (_, i) => ({
      councilId,
      code: `T${String(i + 1).padStart(2, "0")}`,
      name: `Tỉnh số ${i + 1}`,
      kind: "province",
    })),
  });
  const provinces = await p.unit.findMany({ where: { councilId, kind: "province" }, orderBy: { id: "asc" } });
  const kindOf = (n: number): string => (n <= KINDS.commune ? "commune" : n <= KINDS.commune + KINDS.ward ? "ward" : "special_zone");
  const label = { commune: "Xã", ward: "Phường", special_zone: "Đặc khu" } as Record<string, string>;
  await p.unit.createMany({
    data: Array.from({ length: COMMUNES }, (_, i) => {
      const n = i + 1;
      return {
        councilId,
        code: unitCodeOf(n),
        name: `${label[kindOf(n)]} số ${n}`,
        kind: kindOf(n),
        parentId: provinces[i % PROVINCES]!.id,
      };
    }),
  });
  const units = await p.unit.findMany({ where: { councilId, kind: { not: "province" } }, orderBy: { id: "asc" } });
  const unitIds = units.map((u) => u.id);

  await p.chat.createMany({
    data: [
      { platform: "telegram", externalId: STANDING_CHAT, kind: "group", title: "Thường trực HĐND", councilId, purpose: "standing" },
      ...units.map((u, i) => ({
        platform: "telegram",
        externalId: groupChatOf(i + 1),
        kind: "group",
        title: `Nhóm ${u.name}`,
        councilId,
        purpose: "unit",
        unitId: u.id,
      })),
    ],
  });
  await p.member.createMany({
    data: units.map((u, i) => ({
      councilId,
      code: `PCT${String(i + 1).padStart(4, "0")}`,
      fullName: `Phó Chủ tịch ${i + 1}`,
      role: "vice_chair",
      unitId: u.id,
      title: `Phó Chủ tịch HĐND ${u.name}`,
    })),
  });
  const members = await p.member.findMany({ where: { councilId, role: "vice_chair" }, orderBy: { id: "asc" } });
  await p.chatIdentity.createMany({
    data: members
      .map((m, i) => ({ m, n: i + 1 }))
      .filter(({ n }) => n % 2 === 0)
      .map(({ m, n }) => ({ memberId: m.id, platform: "telegram", platformUserId: viceChairUserOf(n), displayName: m.fullName })),
  });

  const firstDue = options.firstDue ?? "2026-03-10";
  const taskIds: number[] = [];
  // Stored directly, as an import would: the use case (createReportTask) also announces each new task to every
  // unit's group and vice-chair (issue 12), ~5,000 messages a task, which this council's tests do not measure.
  for (let i = 0; i < (options.tasks ?? 20); i++) {
    const row = await t.db.transaction((tx) =>
      createTask(tx, {
        councilId,
        title: `Báo cáo chuyên đề số ${i + 1}`,
        description: null,
        dueAt: atLocal(addLocalDays(firstDue, i), "17:00", TZ),
        dueRule: null,
        noticeId: null,
        scheduleJson: null,
        createdById: null,
        createdByLabel: "test",
        createdAt: clock.now(),
        unitIds,
      }),
    );
    taskIds.push(row.id);
  }
  const logs: string[] = [];
  const deps: JobDeps = { db: t.db, config, logger: captureLogger(logs), clock, notifyOutbox: () => undefined };
  return { t, councilId, config, clock, logs, deps, unitIds, taskIds, cleanup: () => t.cleanup() };
}

/**
 * Reports in bulk: for each task, the units whose number satisfies `who` submit at `when` (on time when
 * before the deadline).
 */
export async function submitInBulk(c: NationalCouncil, taskId: number, who: (n: number) => boolean, when: Date): Promise<number> {
  const p = c.t.db.prisma;
  const task = (await p.reportTask.findUnique({ where: { id: taskId } }))!;
  const members = new Map(
    (await p.member.findMany({ where: { councilId: c.councilId, role: "vice_chair" } })).map((m) => [m.unitId, m.id]),
  );
  const rows = c.unitIds
    .map((unitId, i) => ({ unitId, n: i + 1 }))
    .filter(({ n }) => who(n))
    .map(({ unitId, n }) => ({
      councilId: c.councilId,
      taskId,
      unitId,
      memberId: members.get(unitId)!,
      version: 1,
      receiptNo: `BC-T${taskId}-${n}`,
      body: `Báo cáo của đơn vị ${n}`,
      late: when > task.dueAt,
      submittedAt: when,
    }));
  await p.submission.createMany({ data: rows });
  return rows.length;
}

export const databaseFile = (c: NationalCouncil): string => path.resolve(c.t.file);

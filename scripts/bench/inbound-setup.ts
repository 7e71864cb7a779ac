/**
 * The inbound benchmark's council, through the real migrations: the demo council, U units of its own, one
 * vice-chair per unit linked to a Telegram account (as after /start CODE), and a few open tasks for every
 * unit, so /hanbaocao has real work to show. For the linking burst: L units with a vice-chair invite each
 * (createInvite, the office's own path), the codes handed back for the simulated people to type.
 * Rows that need no use case (members, identities) are written in bulk, as the national test council does.
 */
import { openDatabase, type Database } from "../../src/db/client.js";
import { seedDemo } from "../../src/core/directory/demo-seed.js";
import { importUnits } from "../../src/core/directory/import-units.js";
import { createInvite } from "../../src/core/invites.js";
import { createTask } from "../../src/db/tasks.js";
import { serverSecret } from "../../src/files/server-secret.js";

export const TIMEZONE = "Asia/Ho_Chi_Minh";
/** The Telegram user id (and private chat id) of the benchmark's person i (linked) and linker i (invited). */
export const personId = (i: number): number => 710_000_000 + i;
export const linkerId = (i: number): number => 720_000_000 + i;
const unitCode = (prefix: string, i: number): string => `${prefix}_${String(i).padStart(5, "0")}`;

export interface InboundCouncil {
  db: Database;
  councilId: number;
  /** Telegram user ids of the linked people */
  people: number[];
  /** invite codes, one per linker, in order of linkerId(i) */
  codes: string[];
}

export async function prepareInboundCouncil(input: {
  file: string;
  dataDir: string;
  people: number;
  linkers: number;
  tasks?: number;
  now?: Date;
}): Promise<InboundCouncil> {
  const now = input.now ?? new Date();
  const db = await openDatabase(input.file);
  const { councilId } = await seedDemo(db, TIMEZONE, "bench");
  const lines = ["code,name,kind"];
  for (let i = 0; i < input.people; i++) lines.push(`${unitCode("IN", i)},Xã Thử Nghiệm ${i + 1},commune`);
  for (let i = 0; i < input.linkers; i++) lines.push(`${unitCode("LK", i)},Phường Liên Kết ${i + 1},ward`);
  const units = await importUnits(db, councilId, lines.join("\n"), "bench");
  if (!units.ok) throw new Error(`importUnits: ${JSON.stringify(units.problems.slice(0, 3))}`);
  const p = db.prisma;
  const benchUnits = await p.unit.findMany({ where: { councilId, code: { startsWith: "IN_" } }, orderBy: { code: "asc" } });
  await p.member.createMany({
    data: benchUnits.map((u, i) => ({
      councilId,
      code: `BENCH_PCT_${i}`,
      fullName: `Phó Chủ tịch ${i + 1}`,
      role: "vice_chair",
      unitId: u.id,
      title: `Phó Chủ tịch HĐND ${u.name}`,
    })),
  });
  const members = await p.member.findMany({ where: { councilId, code: { startsWith: "BENCH_PCT_" } }, orderBy: { id: "asc" } });
  await p.chatIdentity.createMany({
    data: members.map((m, i) => ({ memberId: m.id, platform: "telegram", platformUserId: String(personId(i)), displayName: m.fullName })),
  });
  const allUnitIds = (await p.unit.findMany({ where: { councilId, kind: { not: "committee" } }, select: { id: true } })).map((u) => u.id);
  for (let t = 0; t < (input.tasks ?? 3); t++)
    await db.transaction((tx) =>
      createTask(tx, {
        councilId,
        title: `Báo cáo chuyên đề số ${t + 1}`,
        description: null,
        dueAt: new Date(now.getTime() + (t + 7) * 86_400_000),
        dueRule: null,
        noticeId: null,
        scheduleJson: null,
        createdById: null,
        createdByLabel: "bench",
        createdAt: now,
        unitIds: allUnitIds,
      }),
    );
  const secret = serverSecret({ serverSecret: undefined, dataDir: input.dataDir });
  const codes: string[] = [];
  for (let i = 0; i < input.linkers; i++) {
    const r = await createInvite(db, {
      councilId,
      role: "vice_chair",
      unitCode: unitCode("LK", i),
      fullName: `Người Liên Kết ${i + 1}`,
      ttlDays: 7,
      now,
      actorLabel: "bench",
      secret,
    });
    if (!r.ok) throw new Error(`createInvite: ${r.reason} ${r.detail}`);
    codes.push(r.code);
  }
  return { db, councilId, people: members.map((_, i) => personId(i)), codes };
}

/**
 * Preparing a broadcast through the real code path: a fresh SQLite database (real migrations), the demo
 * council, N units and N registered Telegram groups (the CSV importers the office uses), then the seed
 * notice drafted from its file and published to all groups (draftFromFile + publishNotice), which writes
 * the outbox entries a running service's sender picks up.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { openDatabase, type Database } from "../../src/db/client.js";
import { seedDemo } from "../../src/core/directory/demo-seed.js";
import { importUnits } from "../../src/core/directory/import-units.js";
import { importGroups } from "../../src/core/directory/groups.js";
import { draftFromFile } from "../../src/core/notices/draft.js";
import { publishNotice } from "../../src/core/notices/publish.js";
import { PROJECT_ROOT } from "../../test/helpers/service-process.js";
import type { DatabaseTarget } from "../../src/config.js";
// The importers check platform names against the registered capabilities (the service and the CLI register them).
import "../../src/platforms/capabilities.js";

export const SEED_NOTICE_FILE = path.join(PROJECT_ROOT, "test", "fixtures", "notices", "00-seed-ket-luan-thuong-truc-hdnd.txt");
export const SEED_TITLE = "Kết luận buổi làm việc với Thường trực HĐND các xã, phường";
export const TIMEZONE = "Asia/Ho_Chi_Minh";

/** Telegram ids of the benchmark's groups: supergroup-like ids, one per unit. */
export const benchGroupId = (i: number): string => String(-1009000000000 - i);
/** Where a migrated group moves. */
export const migratedGroupId = (i: number): string => String(-1008000000000 - i);
export const benchUnitCode = (i: number): string => `BENCH_${String(i).padStart(5, "0")}`;

export interface PreparedCouncil {
  db: Database;
  councilId: number;
  groupIds: string[];
}

/** Opens (creating and migrating) the database and registers `n` unit groups. */
export async function prepareCouncil(database: DatabaseTarget | string, n: number): Promise<PreparedCouncil> {
  const db = await openDatabase(database);
  const { councilId } = await seedDemo(db, TIMEZONE, "bench");
  const unitLines = ["code,name,kind"];
  const groupLines = ["platform,chat id,purpose,unit,title"];
  const groupIds: string[] = [];
  for (let i = 0; i < n; i++) {
    unitLines.push(`${benchUnitCode(i)},Xã Thử Nghiệm ${i + 1},commune`);
    groupIds.push(benchGroupId(i));
    groupLines.push(`telegram,${benchGroupId(i)},unit,${benchUnitCode(i)},HĐND Xã Thử Nghiệm ${i + 1}`);
  }
  const units = await importUnits(db, councilId, unitLines.join("\n"), "bench");
  if (!units.ok) throw new Error(`importUnits: ${JSON.stringify(units.problems.slice(0, 3))}`);
  const groups = await importGroups(db, councilId, groupLines.join("\n"), "bench", new Date());
  if (!groups.ok) throw new Error(`importGroups: ${JSON.stringify(groups.problems.slice(0, 3))}`);
  return { db, councilId, groupIds };
}

export interface Published {
  noticeId: number;
  /** when publishNotice started (epoch ms) */
  startedAt: number;
  /** when its transaction committed: the moment the entries became visible to the sender (epoch ms) */
  publishedAt: number;
}

/** The office publishes the seed notice (its .txt file) to every unit group, through the real code path. */
export async function publishSeedNotice(db: Database, councilId: number, dataDir: string, fileName = "ket-luan.txt"): Promise<Published> {
  const bytes = readFileSync(SEED_NOTICE_FILE);
  const draft = await draftFromFile({ bytes, fileName, dataDir, timezone: TIMEZONE });
  if (!draft.ok) throw new Error(`draftFromFile: ${draft.message}`);
  const startedAt = Date.now();
  const result = await db.transaction((tx) =>
    publishNotice(tx, {
      councilId,
      draft: draft.draft,
      title: SEED_TITLE,
      audience: { kind: "all" },
      pin: false,
      authorMemberId: null,
      authorLabel: "bench",
      reportChatId: null,
      now: new Date(),
    }),
  );
  const publishedAt = Date.now();
  if (!result.ok) throw new Error(`publishNotice: ${result.reason}`);
  return { noticeId: result.noticeId, startedAt, publishedAt };
}

export interface ExpectedPart {
  outboxId: number;
  /** the chat's Telegram id as the database has it now (after a migration: the new id) */
  chatId: string;
  /** 0, 1, 2 ... in sending order within the chat */
  index: number;
  kind: string;
  /** identity of the content: sha1 of the HTML text, or "doc:<name>:<sha256>" for a stored file */
  hash: string;
  status: string;
  lastError: string | null;
  attempts: number;
  /** what a plain telegraf loop would send (for the naive baseline) */
  payload: { kind: string; text?: string; choices?: unknown; fileName?: string; source?: { type: string; path?: string } };
}

export const sha1 = (s: string | Buffer): string => createHash("sha1").update(s).digest("hex");

export function payloadHash(payload: ExpectedPart["payload"]): string {
  if (payload.kind === "text") return sha1(payload.text ?? "");
  if (payload.kind === "file") {
    // Stored files are content-addressed: files/<sha256>.<ext>
    const sha256 = /([0-9a-f]{64})\.[A-Za-z0-9]+$/.exec(payload.source?.path ?? "")?.[1] ?? "?";
    return `doc:${payload.fileName ?? ""}:${sha256}`;
  }
  return `${payload.kind}:${sha1(JSON.stringify(payload))}`;
}

/** Every outbox entry of a notice, per chat in sending order, with its current status. */
export async function expectedParts(db: Database, noticeId: number): Promise<ExpectedPart[]> {
  const deliveries = (await db.prisma.noticeDelivery.findMany({ where: { noticeId }, select: { id: true } })).map((d) => d.id);
  const rows = [];
  // In chunks: SQLite limits the number of bound parameters of one statement.
  for (let i = 0; i < deliveries.length; i += 500) {
    rows.push(
      ...(await db.prisma.outboxMessage.findMany({
        where: { refType: "notice_delivery", refId: { in: deliveries.slice(i, i + 500) } },
        include: { chat: { select: { externalId: true } }, payload: { select: { json: true } } },
      })),
    );
  }
  rows.sort((a, b) => a.id - b.id);
  const indexByChat = new Map<string, number>();
  return rows.map((r) => {
    // A large fan-out's rows share one stored payload (OutboxPayload).
    const payload = JSON.parse(r.payload?.json ?? r.payloadJson) as ExpectedPart["payload"];
    const index = indexByChat.get(r.chat.externalId) ?? 0;
    indexByChat.set(r.chat.externalId, index + 1);
    return {
      outboxId: r.id,
      chatId: r.chat.externalId,
      index,
      kind: r.kind,
      hash: payloadHash(payload),
      status: r.status,
      lastError: r.lastError,
      attempts: r.attempts,
      payload,
    };
  });
}

/** Outbox entries by status (the benchmark's "is it over" check). */
export async function outboxStatusCounts(db: Database): Promise<Record<string, number>> {
  const groups = await db.prisma.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
}

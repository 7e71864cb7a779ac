import type { Db, Tx } from "./client.js";
import { chunked, findInChunks } from "./chunks.js";
import { Prisma } from "../generated/prisma/client.js";

export interface ChatRow {
  id: number;
  platform: string;
  externalId: string;
  kind: string;
  title: string | null;
  councilId: number | null;
  purpose: string | null;
  unitId: number | null;
  active: boolean;
  inactiveReason: string | null;
  canPin: boolean | null;
}

export const findChat = (db: Db | Tx, platform: string, externalId: string): Promise<ChatRow | null> =>
  db.chat.findUnique({ where: { platform_externalId: { platform, externalId } } });

/** The chats of a platform with these ids, each with its unit (for listing a platform's groups). */
export const findChatsWithUnits = (db: Db | Tx, platform: string, externalIds: string[]) =>
  findInChunks(externalIds, (ids) => db.chat.findMany({ where: { platform, externalId: { in: ids } }, include: { unit: true } }));

/** The platform of each of these chats, by id (for writing a fan-out into the outbox). */
export async function chatPlatforms(db: Db | Tx, ids: readonly number[]): Promise<Map<number, { platform: string }>> {
  // SQL rather than a model query: a fan-out's id list is not compiled at every batch.
  const rows = await findInChunks(
    ids,
    (slice) => db.$queryRaw<{ id: number; platform: string }[]>`SELECT "id", "platform" FROM "Chat" WHERE "id" IN (${Prisma.join(slice)})`,
  );
  return new Map(rows.map((r) => [Number(r.id), { platform: r.platform }]));
}

export const findChatById = (db: Db | Tx, id: number): Promise<ChatRow | null> => db.chat.findUnique({ where: { id } });

/** The chat row for a platform chat, created on first sight (private chats and groups alike). */
export async function ensureChat(
  db: Db | Tx,
  platform: string,
  externalId: string,
  kind: "private" | "group",
  title?: string | null,
): Promise<ChatRow> {
  const found = await findChat(db, platform, externalId);
  if (found) {
    if (title && found.title !== title) return db.chat.update({ where: { id: found.id }, data: { title } });
    return found;
  }
  try {
    return await db.chat.create({ data: { platform, externalId, kind, title: title ?? null } });
  } catch {
    // Lost a race with another handler creating the same chat.
    return (await findChat(db, platform, externalId))!;
  }
}

/** Private chats already known for (platform, user id) pairs: one query per platform and slice of ids. */
export async function privateChatsOf(db: Db | Tx, pairs: readonly { platform: string; externalId: string }[]) {
  const byPlatform = new Map<string, string[]>();
  // (Appended in place: copying the list per account was quadratic for a national council's 1,100 vice-chairs.)
  for (const p of pairs) {
    const list = byPlatform.get(p.platform);
    if (list) list.push(p.externalId);
    else byPlatform.set(p.platform, [p.externalId]);
  }
  const out = [];
  for (const [platform, ids] of byPlatform)
    out.push(
      ...(await findInChunks(ids, (slice) => db.chat.findMany({ where: { kind: "private", platform, externalId: { in: slice } } }))),
    );
  return out;
}

/**
 * The private chats of these accounts, the missing ones created in one statement. When another process
 * creates one of them meanwhile, the batch fails as a whole and each is made one by one instead.
 */
export async function ensurePrivateChats(
  db: Db | Tx,
  accounts: readonly { platform: string; externalId: string; title: string | null }[],
): Promise<ChatRow[]> {
  const found = await privateChatsOf(db, accounts);
  const have = new Set(found.map((c) => `${c.platform}:${c.externalId}`));
  const missing = [
    ...new Map(
      accounts.filter((a) => !have.has(`${a.platform}:${a.externalId}`)).map((a) => [`${a.platform}:${a.externalId}`, a]),
    ).values(),
  ];
  if (missing.length === 0) return found;
  try {
    // SQL rather than createMany: a model query of 1,000 rows is compiled in WebAssembly, whose memory stays grown.
    const now = new Date();
    for (const slice of chunked(missing, 250))
      await db.$executeRaw`INSERT INTO "Chat" ("platform", "externalId", "kind", "title", "active", "createdAt", "updatedAt") VALUES ${Prisma.join(
        slice.map((a) => Prisma.sql`(${a.platform}, ${a.externalId}, ${"private"}, ${a.title}, ${true}, ${now}, ${now})`),
      )}`;
  } catch {
    for (const a of missing) await ensureChat(db, a.platform, a.externalId, "private", a.title);
  }
  return privateChatsOf(db, accounts);
}

export interface RegisterGroupInput {
  councilId: number;
  platform: string;
  externalId: string;
  purpose: string;
  unitId: number | null;
  title: string | null;
  registeredById: number | null;
  now: Date;
}

export async function registerGroup(
  tx: Tx,
  input: RegisterGroupInput,
): Promise<{ chat: ChatRow; previous: { purpose: string | null; unitId: number | null } | null }> {
  const existing = await findChat(tx, input.platform, input.externalId);
  const data = {
    councilId: input.councilId,
    purpose: input.purpose,
    unitId: input.unitId,
    kind: "group",
    active: true,
    inactiveReason: null,
    inactiveSince: null,
    registeredAt: input.now,
    registeredById: input.registeredById,
    ...(input.title ? { title: input.title } : {}),
  };
  if (existing) {
    const chat = await tx.chat.update({ where: { id: existing.id }, data });
    return { chat, previous: existing.purpose ? { purpose: existing.purpose, unitId: existing.unitId } : null };
  }
  const chat = await tx.chat.create({ data: { ...data, platform: input.platform, externalId: input.externalId } });
  return { chat, previous: null };
}

export async function listRegisteredGroups(
  db: Db | Tx,
  councilId: number,
  where: { purpose?: string; purposes?: string[]; unitIds?: number[]; activeOnly?: boolean; platform?: string } = {},
) {
  const query = (unitIds?: number[]) =>
    db.chat.findMany({
      where: {
        councilId,
        kind: "group",
        purpose: where.purpose ?? (where.purposes ? { in: where.purposes } : { not: null }),
        ...(unitIds ? { unitId: { in: unitIds } } : {}),
        ...(where.activeOnly ? { active: true } : {}),
        ...(where.platform ? { platform: where.platform } : {}),
      },
      include: { unit: true },
      orderBy: [{ purpose: "asc" }, { unitId: "asc" }, { id: "asc" }],
    });
  if (!where.unitIds) return query();
  const rows = await findInChunks(where.unitIds, query);
  // Slices come back each in order; the whole list is put back in the same order.
  return rows.sort((a, b) => (a.purpose ?? "").localeCompare(b.purpose ?? "") || (a.unitId ?? -1) - (b.unitId ?? -1) || a.id - b.id);
}

export async function markChatInactive(db: Db | Tx, chatId: number, reason: string, now: Date): Promise<void> {
  await db.chat.update({ where: { id: chatId }, data: { active: false, inactiveReason: reason, inactiveSince: now } });
}

export async function setChatCanPin(db: Db | Tx, chatId: number, canPin: boolean): Promise<void> {
  await db.chat.update({ where: { id: chatId }, data: { canPin } });
}

export async function markChatActive(db: Db | Tx, chatId: number): Promise<void> {
  await db.chat.update({ where: { id: chatId }, data: { active: true, inactiveReason: null, inactiveSince: null } });
}

/**
 * Telegram moved a group to a supergroup: the chat keeps its row (registrations, outbox, deliveries follow)
 * and takes the new id. If a row for the new id was already created by an update, it is folded in.
 */
export async function migrateChatId(tx: Tx, platform: string, fromExternalId: string, toExternalId: string): Promise<ChatRow | null> {
  const from = await findChat(tx, platform, fromExternalId);
  const to = await findChat(tx, platform, toExternalId);
  if (!from) return to;
  if (to && to.id !== from.id) {
    if (!to.purpose) {
      await tx.outboxMessage.updateMany({ where: { chatId: to.id }, data: { chatId: from.id } });
      await tx.noticeDelivery.deleteMany({ where: { chatId: to.id } });
      await tx.chat.delete({ where: { id: to.id } });
    } else {
      return to; // the new id is already the registered one
    }
  }
  return tx.chat.update({
    where: { id: from.id },
    data: { externalId: toExternalId, previousExternalId: fromExternalId, active: true, inactiveReason: null },
  });
}

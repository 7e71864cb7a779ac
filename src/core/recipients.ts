/**
 * Who receives what: a unit's reminder goes to the unit's registered groups and privately to the unit's
 * vice-chairs on every platform they linked; escalations and digests go to the standing committee's groups.
 */
import type { Database, Db, Tx } from "../db/client.js";
import { ensurePrivateChats } from "../db/chats.js";
import { privateChatsOf, standingGroupsOf, unitGroupsOf, viceChairsOf } from "../db/task-queries.js";

export interface ChatTarget {
  /** database id of the chat, or null when a private chat was never opened (preview only) */
  chatId: number | null;
  platform: string;
  externalId: string;
  kind: "group" | "private";
  title: string | null;
  /** for private chats: the person */
  member?: { id: number; fullName: string; title: string | null };
}

export interface UnitRecipients {
  groups: ChatTarget[];
  viceChairs: ChatTarget[];
}

/**
 * The recipients of each unit's reminders. With `create`, private chats the bot never used yet get their
 * row (a linked account can always be written to privately); without it (previews) nothing is written.
 */
export async function unitRecipients(
  db: Database,
  councilId: number,
  unitIds: number[],
  create: boolean,
): Promise<Map<number, UnitRecipients>> {
  return unitRecipientsIn(db.prisma, councilId, unitIds, create);
}

/** The same, read (and with `create`, written) in the caller's transaction (a task announced as it is created). */
export async function unitRecipientsIn(
  db: Db | Tx,
  councilId: number,
  unitIds: number[],
  create: boolean,
): Promise<Map<number, UnitRecipients>> {
  const out = new Map<number, UnitRecipients>(unitIds.map((id) => [id, { groups: [], viceChairs: [] }]));
  if (unitIds.length === 0) return out;
  for (const g of await unitGroupsOf(db, councilId, unitIds)) {
    out.get(g.unitId!)?.groups.push({ chatId: g.id, platform: g.platform, externalId: g.externalId, kind: "group", title: g.title });
  }
  const viceChairs = await viceChairsOf(db, councilId, unitIds);
  // The private chats of every linked account in one query per platform, and the missing ones created in one
  // statement (3,321 units would otherwise make thousands of look-ups and inserts per reminder tick).
  const accounts = viceChairs.flatMap((m) =>
    m.identities.map((i) => ({ platform: i.platform, externalId: i.platformUserId, title: i.displayName ?? m.fullName })),
  );
  const known = create ? await ensurePrivateChats(db, accounts) : await privateChatsOf(db, accounts);
  const chatOf = new Map(known.map((c) => [`${c.platform}:${c.externalId}`, c]));
  for (const m of viceChairs) {
    const target = out.get(m.unitId!);
    if (!target) continue;
    for (const identity of m.identities) {
      const chat = chatOf.get(`${identity.platform}:${identity.platformUserId}`) ?? null;
      if (chat && !chat.active) continue; // the person blocked the bot
      target.viceChairs.push({
        chatId: chat?.id ?? null,
        platform: identity.platform,
        externalId: identity.platformUserId,
        kind: "private",
        title: m.fullName,
        member: { id: m.id, fullName: m.fullName, title: m.title },
      });
    }
  }
  return out;
}

export async function standingRecipients(db: Database, councilId: number): Promise<ChatTarget[]> {
  return (await standingGroupsOf(db.prisma, councilId)).map((g) => ({
    chatId: g.id,
    platform: g.platform,
    externalId: g.externalId,
    kind: "group" as const,
    title: g.title,
  }));
}

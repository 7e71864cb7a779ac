/**
 * Who receives what: a unit's reminder goes to the unit's registered groups and privately to the unit's
 * vice-chairs on every platform they linked; escalations and digests go to the standing committee's groups.
 */
import type { Database, Db, Tx } from "../db/client.js";
import { ensureChat, findChat } from "../db/chats.js";
import { standingGroupsOf, unitGroupsOf, viceChairsOf } from "../db/task-queries.js";

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
  for (const m of await viceChairsOf(db, councilId, unitIds)) {
    const target = out.get(m.unitId!);
    if (!target) continue;
    for (const identity of m.identities) {
      const existing = await findChat(db, identity.platform, identity.platformUserId);
      const chat =
        existing ??
        (create ? await ensureChat(db, identity.platform, identity.platformUserId, "private", identity.displayName ?? m.fullName) : null);
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

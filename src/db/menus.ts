/** Numbered menus sent on platforms without buttons (Zalo), to resolve a quoted reply with a number. */
import type { Db, Tx } from "./client.js";

export interface MenuChoice {
  label: string;
  data: string;
}

export async function saveMenu(
  db: Db | Tx,
  platform: string,
  chatExternalId: string,
  messageId: string,
  choices: MenuChoice[],
  now: Date,
): Promise<void> {
  await db.sentMenu.upsert({
    where: { platform_chatExternalId_messageId: { platform, chatExternalId, messageId } },
    create: { platform, chatExternalId, messageId, choicesJson: JSON.stringify(choices), createdAt: now },
    update: { choicesJson: JSON.stringify(choices), createdAt: now },
  });
}

export async function findMenu(db: Db | Tx, platform: string, chatExternalId: string, messageId: string): Promise<MenuChoice[] | null> {
  const row = await db.sentMenu.findUnique({ where: { platform_chatExternalId_messageId: { platform, chatExternalId, messageId } } });
  return row ? (JSON.parse(row.choicesJson) as MenuChoice[]) : null;
}

export async function pruneMenus(db: Db, olderThan: Date): Promise<number> {
  const { count } = await db.sentMenu.deleteMany({ where: { createdAt: { lt: olderThan } } });
  return count;
}

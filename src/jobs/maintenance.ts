/**
 * Housekeeping: guided steps idle for more than 24 hours are closed with a message to the person (the flow
 * engine would also notice on their next message, but then they would have wondered in between), and old
 * "already handled" markers and numbered menus are pruned.
 */
import { deleteIfUnchanged, expiredConversations } from "../db/conversations.js";
import { ensureChat } from "../db/chats.js";
import { pruneProcessed } from "../db/processed-events.js";
import { pruneMenus } from "../db/menus.js";
import { pruneWebAccess } from "../db/web-access.js";
import { enqueue, PRIORITY } from "../delivery/outbox.js";
import { common } from "../i18n/vi/common.js";
import { tasks as t } from "../i18n/vi/tasks.js";
import type { JobDeps } from "./deps.js";

/** Handled-update markers and numbered menus are kept this long. */
export const PRUNE_AFTER_DAYS = 14;

export async function runMaintenance(deps: JobDeps, now: Date): Promise<{ expired: number; prunedEvents: number; prunedMenus: number }> {
  const log = deps.logger.child({ job: "maintenance" });
  let expired = 0;
  for (const row of await expiredConversations(deps.db.prisma, now)) {
    try {
      const chat = await ensureChat(deps.db.prisma, row.platform, row.chatExternalId, "private");
      const title = deps.flows?.get(row.flow)?.title;
      const done = await deps.db.transaction(async (tx) => {
        if (!(await deleteIfUnchanged(tx, row.id, row.revision))) return false;
        await enqueue(tx, {
          key: `flow-expired:${row.platform}:${row.platformUserId}:${row.id}:${row.revision}`,
          chatId: chat.id,
          message: { kind: "text", text: title ? common.flowExpired(title) : t.flowExpiredGeneric() },
          priority: PRIORITY.normal,
        });
        return true;
      });
      if (done) expired++;
    } catch (err) {
      log.error({ err, conversation: row.id }, "could not expire a conversation");
    }
  }
  const before = new Date(now.getTime() - PRUNE_AFTER_DAYS * 86_400_000);
  const prunedEvents = await pruneProcessed(deps.db.prisma, before);
  const prunedMenus = await pruneMenus(deps.db.prisma, before);
  // Console sign-in links and sessions are useless once expired; the audit log keeps who signed in.
  await pruneWebAccess(deps.db.prisma, before);
  if (expired > 0) deps.notifyOutbox();
  if (expired + prunedEvents + prunedMenus > 0) log.info({ expired, prunedEvents, prunedMenus }, "maintenance done");
  return { expired, prunedEvents, prunedMenus };
}

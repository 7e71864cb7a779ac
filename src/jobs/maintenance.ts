/**
 * Housekeeping: guided steps idle for more than 24 hours are closed with a message to the person (the flow
 * engine would also notice on their next message, but then they would have wondered in between), and old
 * "already handled" markers and numbered menus are pruned, sent outbox entries older than OUTBOX_KEEP_DAYS
 * are deleted (the audit log keeps what matters), and notice uploads nothing refers to are removed.
 */
import { deleteIfUnchanged, expiredConversations } from "../db/conversations.js";
import { ensureChat } from "../db/chats.js";
import { pruneProcessed } from "../db/processed-events.js";
import { pruneMenus } from "../db/menus.js";
import { pruneWebAccess } from "../db/web-access.js";
import { pruneOutbox } from "../db/outbox.js";
import { referencedNoticeFiles } from "../db/stored-files.js";
import { sweepUnreferenced } from "../files/sweep.js";
import { enqueue, PRIORITY } from "../delivery/outbox.js";
import { common } from "../i18n/vi/common.js";
import { tasks as t } from "../i18n/vi/tasks.js";
import type { JobDeps } from "./deps.js";

/** Handled-update markers and numbered menus are kept this long. */
export const PRUNE_AFTER_DAYS = 14;
/** An upload no draft, notice or waiting message names is removed after this (longer than a flow lives). */
export const UNREFERENCED_FILE_DAYS = 2;
/** Messages that later edits and pins find by key: a notice's message in a group, an issue's card. */
export const EDIT_TARGET_PREFIXES = ["notice:", "issue:"] as const;

export interface MaintenanceResult {
  expired: number;
  prunedEvents: number;
  prunedMenus: number;
  prunedOutbox: number;
  removedFiles: number;
}

export async function runMaintenance(deps: JobDeps, now: Date): Promise<MaintenanceResult> {
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
  const prunedOutbox = await pruneOutbox(
    deps.db.prisma,
    new Date(now.getTime() - deps.config.outbox.keepDays * 86_400_000),
    EDIT_TARGET_PREFIXES,
  );
  const removed = await sweepUnreferenced(
    deps.config.dataDir,
    await referencedNoticeFiles(deps.db.prisma),
    new Date(now.getTime() - UNREFERENCED_FILE_DAYS * 86_400_000),
  );
  if (expired > 0) deps.notifyOutbox();
  const result = { expired, prunedEvents, prunedMenus, prunedOutbox, removedFiles: removed.length };
  if (expired + prunedEvents + prunedMenus + prunedOutbox + removed.length > 0) log.info(result, "maintenance done");
  return result;
}

/**
 * Tells the administrators on Telegram (ADMIN_TELEGRAM_CHAT_ID) that the Zalo session was lost or is
 * back, through the outbox like every other message. The app passes these as the adapter's
 * `onSessionLost` / `onSessionRestored`; without an admin chat they only log.
 */
import type { Database } from "../../db/client.js";
import { ensureChat } from "../../db/chats.js";
import { enqueue, PRIORITY } from "../../delivery/outbox.js";
import type { Clock } from "../../domain/time/clock.js";
import type { Logger } from "../../logging/logger.js";
import { zalo } from "../../i18n/vi/zalo.js";
import type { SessionLossKind } from "./adapter.js";

export interface SessionAlertOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** config.telegram.adminChatId; negative ids are groups */
  adminChatId: string | undefined;
  /** wakes the outbox senders (services.notifyOutbox) */
  notifyOutbox(): void;
}

export function zaloSessionAlerts(o: SessionAlertOptions): {
  onSessionLost(reason: string, kind: SessionLossKind): Promise<void>;
  onSessionRestored(): Promise<void>;
} {
  const send = async (key: string, text: ReturnType<typeof zalo.sessionLost>) => {
    if (!o.adminChatId) {
      o.logger.warn("ADMIN_TELEGRAM_CHAT_ID is not set: nobody is alerted about the Zalo session on Telegram");
      return;
    }
    const adminChatId = o.adminChatId;
    await o.db.transaction(async (tx) => {
      const chat = await ensureChat(tx, "telegram", adminChatId, adminChatId.startsWith("-") ? "group" : "private");
      await enqueue(tx, { key, chatId: chat.id, message: { kind: "text", text }, priority: PRIORITY.interactive });
    });
    o.notifyOutbox();
  };
  return {
    onSessionLost: (_reason, kind) =>
      send(`zalo:session-lost:${o.clock.now().toISOString()}`, zalo.sessionLost(zalo.lossReasons[kind] ?? zalo.lossReasons.rejected!)),
    onSessionRestored: () => send(`zalo:session-restored:${o.clock.now().toISOString()}`, zalo.sessionRestored()),
  };
}

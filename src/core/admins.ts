/**
 * The administrators, as a set of chats: the private chats of the council's linked admin members (on every
 * platform they linked) and the operator chat ADMIN_TELEGRAM_CHAT_ID when set. Security events (a stranger
 * guessing codes, a standing group registered or changed) are told there, through the outbox.
 */
import type { Tx } from "../db/client.js";
import { ensureChat, type ChatRow } from "../db/chats.js";
import { listMembers } from "../db/members.js";
import { enqueue, PRIORITY } from "../delivery/outbox.js";
import type { SafeHtml } from "../text/html.js";

/** The operator's chat from the config (ADMIN_TELEGRAM_CHAT_ID names its platform), if any. */
export interface OperatorChat {
  platform: string;
  id: string;
  kind: "private" | "group";
}

export async function adminChats(tx: Tx, councilIds: number[], operatorChat: OperatorChat | undefined): Promise<ChatRow[]> {
  const chats = new Map<number, ChatRow>();
  for (const councilId of councilIds)
    for (const m of await listMembers(tx, councilId, { role: "admin", activeOnly: true }))
      for (const i of m.identities) {
        const chat = await ensureChat(tx, i.platform, i.platformUserId, "private", i.displayName ?? m.fullName);
        if (chat.active) chats.set(chat.id, chat);
      }
  if (operatorChat) {
    const chat = await ensureChat(tx, operatorChat.platform, operatorChat.id, operatorChat.kind);
    chats.set(chat.id, chat);
  }
  return [...chats.values()];
}

/** Queues one message to every admin chat; `key` makes it once per event. Returns how many chats. */
export async function tellAdmins(
  tx: Tx,
  input: { councilIds: number[]; operatorChat: OperatorChat | undefined; key: string; text: SafeHtml; skipChatIds?: number[] },
): Promise<number> {
  const chats = (await adminChats(tx, input.councilIds, input.operatorChat)).filter((c) => !input.skipChatIds?.includes(c.id));
  for (const chat of chats)
    await enqueue(tx, {
      key: `${input.key}:admin:${chat.id}`,
      chatId: chat.id,
      message: { kind: "text", text: input.text },
      priority: PRIORITY.normal,
    });
  return chats.length;
}

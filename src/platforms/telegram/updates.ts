/** Telegram updates translated into the core's platform-neutral inbound events. */
import type { Update, Message, Chat, User } from "telegraf/types";
import type { ChatRef, InboundEvent, UserRef } from "../../messaging/events.js";

const chatRef = (chat: Chat): ChatRef | null => {
  if (chat.type === "channel") return null;
  return {
    platform: "telegram",
    id: String(chat.id),
    kind: chat.type === "private" ? "private" : "group",
    ...("title" in chat && chat.title ? { title: chat.title } : {}),
  };
};

const userRef = (u: User): UserRef => ({
  platform: "telegram",
  id: String(u.id),
  displayName: [u.first_name, u.last_name].filter(Boolean).join(" ").trim() || u.username || String(u.id),
  ...(u.username ? { username: u.username } : {}),
});

/** @param botUsername commands addressed to another bot ("/x@otherbot") are dropped */
export function toInboundEvent(update: Update, botId: number, botUsername: string): InboundEvent | null {
  const eventKey = `tg:u${update.update_id}`;
  if ("callback_query" in update) {
    const q = update.callback_query;
    if (!q.message || !("data" in q) || !q.data) return null;
    const chat = chatRef(q.message.chat);
    if (!chat) return null;
    return {
      type: "choice",
      eventKey,
      chat,
      user: userRef(q.from),
      data: q.data,
      messageId: String(q.message.message_id),
      callbackId: q.id,
    };
  }
  if ("my_chat_member" in update) {
    const m = update.my_chat_member;
    const chat = chatRef(m.chat);
    if (!chat || chat.kind === "private") return null;
    const was = m.old_chat_member.status;
    const now = m.new_chat_member.status;
    const present = (s: string) => s === "member" || s === "administrator" || s === "creator" || s === "restricted";
    const canPin =
      now === "administrator" ? Boolean((m.new_chat_member as { can_pin_messages?: boolean }).can_pin_messages) : now === "creator";
    if (present(now)) return { type: "bot_added", eventKey, chat, by: userRef(m.from), canPin, joined: !present(was) };
    return { type: "bot_removed", eventKey, chat, by: userRef(m.from) };
  }
  if (!("message" in update)) return null;
  const msg = update.message as Message;
  const chat = chatRef(msg.chat);
  if (!chat) return null;
  if ("migrate_to_chat_id" in msg && msg.migrate_to_chat_id)
    return { type: "chat_migrated", eventKey, chat, toChatId: String(msg.migrate_to_chat_id) };
  if ("migrate_from_chat_id" in msg) return null; // the same migration seen from the new supergroup
  if ("new_chat_members" in msg) {
    const others = msg.new_chat_members.filter((u) => u.id !== botId);
    // The bot's own arrival is reported by my_chat_member, which also carries its rights.
    return others.length > 0 ? { type: "members_joined", eventKey, chat, users: others.map(userRef) } : null;
  }
  if ("left_chat_member" in msg)
    return msg.left_chat_member.id === botId ? null : { type: "member_left", eventKey, chat, user: userRef(msg.left_chat_member) };
  if (!msg.from || msg.from.is_bot) return null;
  const user = userRef(msg.from);
  const messageId = String(msg.message_id);
  if ("text" in msg) {
    const text = msg.text;
    const command = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text);
    if (command) {
      if (command[2] && command[2].toLowerCase() !== botUsername.toLowerCase()) return null;
      return { type: "command", eventKey, chat, user, command: command[1]!.toLowerCase(), args: (command[3] ?? "").trim(), messageId };
    }
    const replyTo = "reply_to_message" in msg && msg.reply_to_message ? String(msg.reply_to_message.message_id) : undefined;
    return { type: "text", eventKey, chat, user, text, messageId, ...(replyTo ? { replyToMessageId: replyTo } : {}) };
  }
  const caption = "caption" in msg && msg.caption ? msg.caption : undefined;
  if ("document" in msg) {
    const d = msg.document;
    return {
      type: "file",
      eventKey,
      chat,
      user,
      messageId,
      file: {
        fileId: d.file_id,
        kind: "document",
        ...(d.file_name ? { fileName: d.file_name } : {}),
        ...(d.mime_type ? { mime: d.mime_type } : {}),
        ...(d.file_size !== undefined ? { size: d.file_size } : {}),
      },
      ...(caption ? { caption } : {}),
    };
  }
  if ("photo" in msg && msg.photo.length > 0) {
    const p = msg.photo[msg.photo.length - 1]!;
    return {
      type: "file",
      eventKey,
      chat,
      user,
      messageId,
      file: { fileId: p.file_id, kind: "photo", mime: "image/jpeg", ...(p.file_size !== undefined ? { size: p.file_size } : {}) },
      ...(caption ? { caption } : {}),
    };
  }
  const what =
    "sticker" in msg
      ? "sticker"
      : "voice" in msg || "video_note" in msg
        ? "voice"
        : "video" in msg || "animation" in msg
          ? "video"
          : "audio" in msg
            ? "audio"
            : "location" in msg || "venue" in msg
              ? "location"
              : "contact" in msg
                ? "contact"
                : "poll" in msg
                  ? "poll"
                  : "other";
  return { type: "unsupported", eventKey, chat, user, what, messageId };
}
